"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { Field, inputClass } from "@/components/Field";
import { LOCALES, LOCALE_LABELS } from "@/i18n/locales";
import { errorMessage } from "@/lib/error-message";
import { useActionForm } from "@/lib/use-action-form";
import { useHydrated } from "@/lib/use-hydrated";
import { savePreferencesAction } from "./actions";

export function PreferencesForm({ initial, manager }: { initial: { locale: string; digestEmail: boolean }; manager: boolean }) {
  const t = useTranslations("account");
  const router = useRouter();
  const [values, setValues] = useState(initial);
  const { pending, result, errors, submit } = useActionForm(() => savePreferencesAction(values), {
    onResult: (outcome) => {
      if (outcome.status === "saved") router.refresh();
    },
  });
  const hydrated = useHydrated();
  return (
    <form onSubmit={submit} method="post" noValidate className="max-w-md" data-testid="preferences-form">
      <fieldset disabled={!hydrated} className="m-0 min-w-0 space-y-4 border-0 p-0">
        <Field id="locale" label={t("preferences.locale")} hint={t("preferences.localeHint")} error={errorMessage(t, errors.locale, "failed")}>
          {(control) => (
            <select {...control} name="locale" value={values.locale} onChange={(e) => setValues((v) => ({ ...v, locale: e.target.value }))} className={inputClass}>
              {LOCALES.map((l) => (
                <option key={l} value={l} lang={l}>
                  {LOCALE_LABELS[l]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {manager && (
          <div className="flex items-start gap-2">
            <input
              id="digestEmail"
              name="digestEmail"
              type="checkbox"
              checked={values.digestEmail}
              onChange={(e) => setValues((v) => ({ ...v, digestEmail: e.target.checked }))}
              className="mt-1 h-4 w-4 rounded border-slate-300"
              aria-describedby="digestEmail-hint"
            />
            <div>
              <label htmlFor="digestEmail" className="text-sm font-medium text-slate-800">
                {t("preferences.digestEmail")}
              </label>
              <p id="digestEmail-hint" className="text-xs text-slate-600">
                {t("preferences.digestEmailHint")}
              </p>
            </div>
          </div>
        )}
        <Button type="submit" disabled={pending}>
          {pending ? t("preferences.saving") : t("preferences.save")}
        </Button>
        {result?.status === "saved" && (
          <Alert kind="ok" testId="preferences-saved">
            {t("preferences.saved")}
          </Alert>
        )}
        {(result?.status === "error" || result?.status === "signed-out") && (
          <Alert kind="error" testId="preferences-error">
            {result.status === "signed-out" ? t("errors.signedOut") : t("errors.failed")}
          </Alert>
        )}
      </fieldset>
    </form>
  );
}
