import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";

type Namespace = keyof Awaited<ReturnType<typeof getMessages>>;

/**
 * Client components below this receive the named message namespaces and no others: the page's HTML
 * carries only these (next-intl's `pick` pattern), not the whole message file. Locale and time zone
 * come from the request as usual, or from `locale` on a prerendered page that names its language.
 * A client component that reads a namespace not listed here shows the key instead of the text, so
 * list every namespace the components below call `useTranslations` on.
 */
export async function ClientMessages({
  namespaces,
  locale,
  children,
}: {
  namespaces: readonly string[];
  locale?: string;
  children: React.ReactNode;
}) {
  const all = await getMessages(locale ? { locale } : undefined);
  const messages = Object.fromEntries(namespaces.filter((n) => n in all).map((n) => [n, all[n as Namespace]]));
  return (
    <NextIntlClientProvider messages={messages} {...(locale ? { locale } : {})}>
      {children}
    </NextIntlClientProvider>
  );
}
