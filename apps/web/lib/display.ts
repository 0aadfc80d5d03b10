import { toSimplified } from "@workplan/core/rules/chinese";
import type { Locale } from "@/i18n/locales";

/**
 * Source wording is stored as written (Traditional characters). In the Simplified interface a
 * derived Simplified rendering is what is read; the other interfaces show the text as written.
 */
export function readable(text: string, locale: string): string {
  return locale === "zh-Hans" ? toSimplified(text) : text;
}

export function departmentName(
  department: { nameZhHans: string; nameZhHant: string; nameEn: string },
  locale: string,
): string {
  const byLocale: Record<Locale, string> = {
    "zh-Hans": department.nameZhHans,
    "zh-Hant": department.nameZhHant,
    en: department.nameEn,
  };
  return byLocale[locale as Locale] ?? department.nameZhHans;
}
