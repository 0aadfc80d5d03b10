"use client";

import { useSyncExternalStore } from "react";
import { LOCALES, LOCALE_LABELS, type Locale } from "@/i18n/locales";

const noSubscription = () => () => {};

/**
 * The sign-in page's language links. The page is prerendered, so they are plain links that
 * proxy.ts answers (it remembers the language in the cookie and comes back to /sign-in): no server
 * action on a prerendered page. Once the page runs, each link keeps the address's own query
 * (where to go after signing in, why the session ended).
 */
export function SignInLanguages({ locale, label }: { locale: Locale; label: string }) {
  const search = useSyncExternalStore(
    noSubscription,
    () => window.location.search,
    () => "",
  );
  const href = (l: Locale) => {
    const params = new URLSearchParams(search);
    params.set("locale", l);
    return `/sign-in?${params.toString()}`;
  };
  return (
    <nav aria-label={label} className="flex items-center gap-1" data-testid="locale-switcher">
      {LOCALES.map((l) => (
        <a
          key={l}
          href={href(l)}
          lang={l}
          aria-current={l === locale ? "true" : undefined}
          className={`rounded px-2 py-1 text-xs font-medium ${l === locale ? "bg-white/20 text-white" : "text-white/85 hover:bg-white/10"}`}
        >
          {LOCALE_LABELS[l]}
        </a>
      ))}
    </nav>
  );
}
