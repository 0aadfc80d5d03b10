import Link from "next/link";
import { LOCALES, LOCALE_LABELS, type Locale } from "@/i18n/locales";

/**
 * The three interface languages as links, on the brand header of the pages outside the app (sign-in,
 * help): `hrefOf` gives each one's address. `plain` makes them ordinary links (a full page load), for
 * addresses the proxy answers rather than the router.
 */
export function LanguageNav({ label, current, hrefOf, plain = false }: { label: string; current: Locale; hrefOf: (locale: Locale) => string; plain?: boolean }) {
  return (
    <nav aria-label={label} className="flex items-center gap-1" data-testid="locale-switcher">
      {LOCALES.map((l) => {
        const props = {
          href: hrefOf(l),
          lang: l,
          "aria-current": l === current ? ("page" as const) : undefined,
          className: `rounded px-2 py-1 text-xs font-medium ${l === current ? "bg-white/20 text-white" : "text-white/85 hover:bg-white/10"}`,
        };
        return plain ? (
          <a key={l} {...props}>
            {LOCALE_LABELS[l]}
          </a>
        ) : (
          <Link key={l} {...props}>
            {LOCALE_LABELS[l]}
          </Link>
        );
      })}
    </nav>
  );
}
