import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { SignInView } from "@/features/auth/SignInView";
import { LOCALES, isLocale } from "@/i18n/locales";

// The sign-in page, prerendered at build time for each language, with and without the demo accounts.
// Not an address anyone types: proxy.ts rewrites /sign-in to it for a visitor without a session
// cookie (language from the cookie, demo from DEMO_MODE at run time) and sends direct visits to /sign-in.
export const dynamic = "force-static";
export const dynamicParams = false;

const MODES = ["demo", "plain"] as const;

export function generateStaticParams() {
  return LOCALES.flatMap((locale) => MODES.map((mode) => ({ locale, mode })));
}

type Params = { params: Promise<{ locale: string; mode: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale });
  return { title: { absolute: `${t("signIn.title")} · ${t("app.name")}` } };
}

export default async function PrerenderedSignIn({ params }: Params) {
  const { locale, mode } = await params;
  if (!isLocale(locale) || !(MODES as readonly string[]).includes(mode)) notFound();
  return <SignInView locale={locale} demo={mode === "demo"} />;
}
