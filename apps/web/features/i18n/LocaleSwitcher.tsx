import { getLocale, getTranslations } from "next-intl/server";
import { LOCALES, LOCALE_LABELS } from "@/i18n/locales";
import { setLocale } from "./actions";

// Plain form buttons: switching works without JavaScript, and the page re-renders in the new language.
export async function LocaleSwitcher({ tone = "dark" }: { tone?: "dark" | "light" }) {
  const locale = await getLocale();
  const t = await getTranslations("nav");
  const base = tone === "dark" ? "text-white/85 hover:bg-white/10" : "text-slate-700 hover:bg-slate-200";
  const active = tone === "dark" ? "bg-white/20 text-white" : "bg-slate-900 text-white";
  return (
    <form action={setLocale} aria-label={t("language")} className="flex items-center gap-1" data-testid="locale-switcher">
      {LOCALES.map((l) => (
        <button
          key={l}
          type="submit"
          name="locale"
          value={l}
          lang={l}
          aria-pressed={l === locale}
          className={`rounded px-2 py-1 text-xs font-medium ${l === locale ? active : base}`}
        >
          {LOCALE_LABELS[l]}
        </button>
      ))}
    </form>
  );
}
