import { checkPasswordLink } from "@workplan/core/operations/redeem-password-link";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BrandHeader } from "@/components/BrandHeader";
import { PageHeader } from "@/components/PageHeader";
import { SetPasswordForm } from "@/features/auth/SetPasswordForm";
import { LocaleSwitcher } from "@/features/i18n/LocaleSwitcher";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("setPassword");
  // The token is in the URL: keep the page out of search engines and referrers.
  return { title: t("title"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

type Search = { token?: string | string[] };

/** Opened from a one-time link (an invitation or a reset): no session is needed. */
export default async function SetPasswordPage({ searchParams }: { searchParams: Promise<Search> }) {
  const raw = (await searchParams).token;
  const token = typeof raw === "string" ? raw : "";
  const link = await checkPasswordLink(token);
  const t = await getTranslations();

  return (
    <div className="flex min-h-screen flex-col">
      <BrandHeader ministry={t("app.ministry")} name={t("app.name")}>
        <LocaleSwitcher />
      </BrandHeader>
      <main id="main" className="mx-auto w-full max-w-lg flex-1 px-4 py-10">
        <section className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
          {link.status === "valid" ? (
            <>
              <PageHeader
                title={link.purpose === "RESET" ? t("setPassword.titleReset") : t("setPassword.title")}
                description={
                  link.purpose === "RESET"
                    ? t("setPassword.resetIntro", { name: link.name, email: link.email })
                    : t("setPassword.welcome", { name: link.name, email: link.email })
                }
                descriptionTestId="set-password-intro"
              />
              <SetPasswordForm token={token} email={link.email} />
            </>
          ) : (
            <div data-testid="set-password-unavailable" data-reason={link.status}>
              <PageHeader title={t(`setPassword.${link.status}Title`)} />
              <p className="mt-3 text-slate-700">{t(`setPassword.${link.status}`)}</p>
              <p className="mt-2 text-slate-700">{t("setPassword.askAdmin")}</p>
              <a href="/sign-in" className="mt-6 inline-block text-brand-700 underline underline-offset-2">
                {t("signIn.title")}
              </a>
            </div>
          )}
        </section>
      </main>
    </div>
  );
}
