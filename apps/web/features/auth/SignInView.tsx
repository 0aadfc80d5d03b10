import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@workplan/core/rules/demo-accounts";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { BrandHeader } from "@/components/BrandHeader";
import { ClientMessages } from "@/components/ClientMessages";
import { helpHref } from "@/features/help/HelpPage";
import type { Locale } from "@/i18n/locales";
import { SignInForm } from "./SignInForm";
import { SignInLanguages } from "./SignInLanguages";
import { SignInNotice } from "./SignInNotice";
import { PageHeader } from "@/components/PageHeader";

/**
 * The sign-in page in one language. It reads no session and no query string itself (it was once
 * prerendered; now each response carries its own CSP nonce): the notice ("signed out", "expired")
 * and where to go after signing in come from the address, read in the browser.
 */
export async function SignInView({ locale, demo }: { locale: Locale; demo: boolean }) {
  const t = await getTranslations({ locale });
  return (
    <ClientMessages namespaces={["signIn"]} locale={locale}>
      <div lang={locale} className="flex min-h-screen flex-col">
        <BrandHeader ministry={t("app.ministry")} name={t("app.name")}>
          <div className="flex flex-wrap items-center gap-3">
            <SignInLanguages locale={locale} label={t("nav.language")} />
            <Link href={helpHref(locale)} className="rounded px-2 py-1 text-sm hover:bg-white/10" data-testid="help-link">
              {t("help.nav")}
            </Link>
          </div>
        </BrandHeader>
        <main id="main" className="mx-auto grid w-full max-w-5xl flex-1 content-start items-start gap-8 px-4 py-10 md:grid-cols-2">
          <section className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
            <PageHeader title={t("signIn.title")} description={t("signIn.subtitle")} />
            <SignInNotice />
            <SignInForm />
          </section>
          {demo && (
            <section className="rounded-lg border border-amber-200 bg-amber-50 p-6" aria-labelledby="demo-heading" data-testid="demo-accounts">
              <h2 id="demo-heading" className="text-lg font-semibold text-amber-950">
                {t("signIn.demoTitle")}
              </h2>
              <p className="mt-1 text-sm text-amber-900">{t("signIn.demoHint", { password: DEMO_PASSWORD })}</p>
              <ul className="mt-4 space-y-2">
                {DEMO_ACCOUNTS.map((account) => (
                  <li key={account.email} className="rounded-md bg-white/70 px-3 py-2 text-sm">
                    <div className="font-mono text-slate-900">{account.email}</div>
                    <div className="text-slate-700">
                      {t(`roles.${account.role}`)} · {account.name}
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </main>
      </div>
    </ClientMessages>
  );
}
