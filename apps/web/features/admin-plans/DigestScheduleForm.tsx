"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { Field, filterInputClass } from "@/components/Field";
import { errorMessage } from "@/lib/error-message";
import { useActionForm } from "@/lib/use-action-form";
import { useHydrated } from "@/lib/use-hydrated";
import { updateDigestScheduleAction } from "./actions";

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0] as const;

/** The weekly digest's day and hour for the whole ministry (Beijing time); each plan sets its own reminder notice. */
export function DigestScheduleForm({ initial }: { initial: { digestWeekday: number; digestHour: number } }) {
  const t = useTranslations("adminPlans.digest");
  const te = useTranslations("adminPlans");
  const [values, setValues] = useState({ digestWeekday: String(initial.digestWeekday), digestHour: String(initial.digestHour) });
  const { pending, result, errors, submit } = useActionForm(() => updateDigestScheduleAction(values));
  const hydrated = useHydrated();
  return (
    <section aria-labelledby="digest-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <div>
        <h2 id="digest-heading" className="text-base font-semibold">
          {t("heading")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      </div>
      <form onSubmit={submit} method="post" noValidate data-testid="digest-schedule-form">
        <fieldset disabled={!hydrated} className="m-0 flex min-w-0 flex-wrap items-end gap-3 border-0 p-0">
          <Field id="digest-weekday" label={t("weekday")} error={errorMessage(te, errors.digestWeekday, "form.failed")} className="w-36">
            {(control) => (
              <select {...control} value={values.digestWeekday} onChange={(e) => setValues((v) => ({ ...v, digestWeekday: e.target.value }))} className={filterInputClass}>
                {WEEKDAYS.map((d) => (
                  <option key={d} value={d}>
                    {t(`weekdays.${d}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="digest-hour" label={t("hour")} error={errorMessage(te, errors.digestHour, "form.failed")} className="w-28">
            {(control) => (
              <select {...control} value={values.digestHour} onChange={(e) => setValues((v) => ({ ...v, digestHour: e.target.value }))} className={filterInputClass}>
                {Array.from({ length: 24 }, (_, h) => (
                  <option key={h} value={h}>
                    {`${String(h).padStart(2, "0")}:00`}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Button type="submit" size="sm" disabled={pending}>
            {t("save")}
          </Button>
        </fieldset>
        {result?.status === "saved" && (
          <Alert kind="ok" className="mt-3" testId="digest-schedule-saved">
            {t("saved")}
          </Alert>
        )}
        {(result?.status === "error" || result?.status === "signed-out") && (
          <Alert kind="error" className="mt-3">
            {result.status === "signed-out" ? te("errors.form.signedOut") : te("errors.form.failed")}
          </Alert>
        )}
      </form>
    </section>
  );
}
