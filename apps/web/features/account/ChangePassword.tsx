import { getTranslations } from "next-intl/server";
import { ChangePasswordForm } from "./ChangePasswordForm";

export async function ChangePassword({ email }: { email: string }) {
  const t = await getTranslations("account.password");
  return (
    <section aria-labelledby="password-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <div>
        <h2 id="password-heading" className="text-base font-semibold">
          {t("heading")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      </div>
      <ChangePasswordForm email={email} />
    </section>
  );
}
