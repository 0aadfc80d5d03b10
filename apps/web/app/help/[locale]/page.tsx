import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { HelpPage } from "@/features/help/HelpPage";
import { isLocale } from "@/i18n/locales";

// /help/zh-Hant and /help/en; /help itself is the Simplified Chinese page. Rendered per request (no
// database, no session), because each response's scripts carry that response's CSP nonce (proxy.ts).
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "help" });
  const app = await getTranslations({ locale: locale, namespace: "app" });
  return { title: { absolute: `${t("title")} · ${app("name")}` } };
}

export default async function HelpInLocale({ params }: Params) {
  const { locale } = await params;
  if (!isLocale(locale) || locale === "zh-Hans") notFound();
  return <HelpPage locale={locale} />;
}
