"use server";

import { cookies } from "next/headers";
import { LOCALE_COOKIE, isLocale } from "@/i18n/locales";
import { formOf } from "@/lib/action-args";

/** Remember the chosen interface language for a year. */
export async function setLocale(formData: FormData): Promise<void> {
  const locale = formOf(formData).get("locale");
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax", secure: process.env.NEXTAUTH_URL?.startsWith("https://") });
}
