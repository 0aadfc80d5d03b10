import { getSession } from "@workplan/auth";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { safeCallback } from "@/features/auth/sign-in-address";
import { SignInView } from "@/features/auth/SignInView";
import { isLocale, DEFAULT_LOCALE } from "@/i18n/locales";

// A valid session goes on to where it was headed; anyone else sees the form, in the language of the
// cookie. Rendered per request: its scripts carry this response's CSP nonce (proxy.ts).
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("signIn");
  return { title: t("title") };
}

type Search = { callbackUrl?: string };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Search> }) {
  const params = await searchParams;
  if (await getSession()) redirect(safeCallback(params.callbackUrl));
  const locale = await getLocale();
  return <SignInView locale={isLocale(locale) ? locale : DEFAULT_LOCALE} demo={process.env.DEMO_MODE === "1"} />;
}
