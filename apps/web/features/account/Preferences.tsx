import type { Preferences as Values } from "@workplan/core/operations/preferences/preferences";
import { getTranslations } from "next-intl/server";
import { PreferencesForm } from "./PreferencesForm";

/** 我的账户 → the language of one's mails, and (managers) the weekly digest by mail. */
export async function Preferences({ values, manager }: { values: Values; manager: boolean }) {
  const t = await getTranslations("account.preferences");
  return (
    <section aria-labelledby="preferences-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <div>
        <h2 id="preferences-heading" className="text-base font-semibold">
          {t("heading")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      </div>
      <PreferencesForm initial={values} manager={manager} />
    </section>
  );
}
