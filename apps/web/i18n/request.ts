import { getRequestConfig } from "next-intl/server";
import { cookies } from "next/headers";
import { DEFAULT_LOCALE, LOCALE_COOKIE, isLocale } from "./locales";
import { BEIJING_TIME_ZONE } from "@workplan/core/rules/dates";

// No locale in the URL: the choice is remembered in a cookie, Simplified Chinese by default. A page
// that names its locale (the static /help pages, through getTranslations({ locale })) reads no cookie.
export default getRequestConfig(async ({ locale: explicit }) => {
  const locale = isLocale(explicit) ? explicit : await cookieLocale();
  return {
    locale,
    messages: (await import(`../messages/${locale}.json`)).default,
    timeZone: BEIJING_TIME_ZONE,
  };
});

async function cookieLocale() {
  const stored = (await cookies()).get(LOCALE_COOKIE)?.value;
  return isLocale(stored) ? stored : DEFAULT_LOCALE;
}
