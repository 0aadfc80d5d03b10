import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { BrandHeader } from "@/components/BrandHeader";
import { buttonClass } from "@/components/Button";
import { LanguageNav } from "@/components/LanguageNav";
import { PageHeader } from "@/components/PageHeader";
import { isLocale, type Locale } from "@/i18n/locales";

const ROLES = ["STAFF", "MANAGER", "ADMIN"] as const;
const CYCLE = ["report", "remind", "health", "review", "chase", "extension", "closeOut"] as const;
const LIGHTS = ["RED", "YELLOW", "GREEN"] as const;
const LIGHT_DOT: Record<(typeof LIGHTS)[number], string> = { RED: "bg-red-600", YELLOW: "bg-amber-400", GREEN: "bg-emerald-600" };

/** Where the help page of a language lives: /help in Simplified Chinese, /help/zh-Hant, /help/en. */
export function helpHref(locale: string): string {
  return isLocale(locale) && locale !== "zh-Hans" ? `/help/${locale}` : "/help";
}

/**
 * The help page: roles, the monthly cycle and the lights, in one language named by the URL. It reads
 * no cookie and no session (the cheapest page the app serves; rendered per request only for the CSP nonce).
 */
export async function HelpPage({ locale }: { locale: Locale }) {
  const t = await getTranslations({ locale, namespace: "help" });
  const app = await getTranslations({ locale, namespace: "app" });
  const roles = await getTranslations({ locale, namespace: "roles" });
  const section = "rounded-lg border border-slate-200 bg-white p-6 shadow-sm";
  return (
    <div lang={locale} className="flex min-h-screen flex-col" data-testid="help-page">
      <BrandHeader ministry={app("ministry")} name={app("name")} home width="max-w-4xl">
        <LanguageNav label={t("language")} current={locale} hrefOf={helpHref} />
      </BrandHeader>
      <main id="main" className="mx-auto w-full max-w-4xl flex-1 space-y-6 px-4 py-8">
        <PageHeader
          title={t("title")}
          description={t("intro")}
          actions={
            <Link href="/" className={buttonClass("primary")}>
              {t("back")}
            </Link>
          }
        />

        <section aria-labelledby="help-roles" className={section}>
          <h2 id="help-roles" className="text-lg font-semibold">{t("rolesTitle")}</h2>
          <dl className="mt-3 space-y-3">
            {ROLES.map((role) => (
              <div key={role} className="sm:grid sm:grid-cols-[9rem_1fr] sm:gap-4">
                <dt className="font-medium text-slate-900">{roles(role)}</dt>
                <dd className="text-slate-700">{t(`roles.${role}`)}</dd>
              </div>
            ))}
          </dl>
        </section>

        <section aria-labelledby="help-cycle" className={section}>
          <h2 id="help-cycle" className="text-lg font-semibold">{t("cycleTitle")}</h2>
          <ol className="mt-3 list-decimal space-y-2 pl-6 text-slate-700">
            {CYCLE.map((step) => (
              <li key={step}>{t(`cycle.${step}`)}</li>
            ))}
          </ol>
        </section>

        <section aria-labelledby="help-lights" className={section} data-testid="help-lights">
          <h2 id="help-lights" className="text-lg font-semibold">{t("lightsTitle")}</h2>
          <p className="mt-2 text-slate-700">{t("lightsIntro")}</p>
          <ul className="mt-3 space-y-2">
            {LIGHTS.map((light) => (
              <li key={light} className="flex gap-3 text-slate-700">
                <span aria-hidden className={`mt-1.5 inline-block h-3 w-3 shrink-0 rounded-full ${LIGHT_DOT[light]}`} />
                <span>{t(`lights.${light}`)}</span>
              </li>
            ))}
          </ul>
        </section>
      </main>
    </div>
  );
}
