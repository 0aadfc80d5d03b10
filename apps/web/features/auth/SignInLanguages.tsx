"use client";

import { useSyncExternalStore } from "react";
import { LanguageNav } from "@/components/LanguageNav";
import type { Locale } from "@/i18n/locales";

const noSubscription = () => () => {};

/**
 * The sign-in page's language links: plain links that proxy.ts answers (it remembers the language
 * in the cookie and comes back to /sign-in), so they work before the page's scripts have run.
 * Once the page runs, each link keeps the address's own query
 * (where to go after signing in, why the session ended).
 */
export function SignInLanguages({ locale, label }: { locale: Locale; label: string }) {
  const search = useSyncExternalStore(
    noSubscription,
    () => window.location.search,
    () => "",
  );
  const hrefOf = (l: Locale) => {
    const params = new URLSearchParams(search);
    params.set("locale", l);
    return `/sign-in?${params.toString()}`;
  };
  return <LanguageNav label={label} current={locale} hrefOf={hrefOf} plain />;
}
