"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { Field, inputClass } from "@/components/Field";
import { useActionForm } from "@/lib/use-action-form";
import { useHydrated } from "@/lib/use-hydrated";
import { createPlanAction, updatePlanAction } from "./actions";
import { useErrorText } from "./form-kit";

type Fields = { departmentId: string; year: string; heading: string; preamble: string; reportDueDay: string; reminderDaysBefore: string };

interface Props {
  /** editing this plan; without it, a new plan */
  plan?: { id: string; heading: string; preamble: string; reportDueDay: number; reminderDaysBefore: number };
  departments?: { id: string; label: string }[];
  defaultYear?: number;
}

/** A new plan (department, year, heading, preamble, due day), or the edit of one's heading, preamble and due day. */
export function PlanForm({ plan, departments = [], defaultYear }: Props) {
  const t = useTranslations("adminPlans.planForm");
  const tf = useTranslations("adminPlans");
  const errorText = useErrorText();
  const router = useRouter();
  const [fields, setFields] = useState<Fields>({
    departmentId: "",
    year: defaultYear ? String(defaultYear) : "",
    heading: plan?.heading ?? "",
    preamble: plan?.preamble ?? "",
    reportDueDay: String(plan?.reportDueDay ?? 25),
    reminderDaysBefore: String(plan?.reminderDaysBefore ?? 3),
  });
  const { pending, result, errors, submit } = useActionForm(
    () => {
      const text = { heading: fields.heading, preamble: fields.preamble, reportDueDay: fields.reportDueDay, reminderDaysBefore: fields.reminderDaysBefore };
      return plan ? updatePlanAction(plan.id, text) : createPlanAction({ ...text, departmentId: fields.departmentId, year: fields.year });
    },
    {
      onResult: (outcome) => {
        if (outcome.status !== "saved") return;
        if (!plan && "id" in outcome) router.push(`/admin/plans/${outcome.id}`);
        else router.refresh();
      },
    },
  );
  // Usable once hydrated: what is typed earlier would be lost (see useHydrated).
  const hydrated = useHydrated();

  const set = (name: keyof Fields) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
    setFields((f) => ({ ...f, [name]: e.target.value }));
  const message = (name: string) => errorText(errors[name]);
  const formError =
    result?.status === "signed-out"
      ? tf("errors.form.signedOut")
      : result?.status === "error"
        ? tf("errors.form.failed")
        : errors.form
          ? message("form")
          : null;

  return (
    <form onSubmit={submit} method="post" noValidate data-testid="plan-form">
      <fieldset disabled={!hydrated} className="m-0 min-w-0 space-y-4 border-0 p-0">
        {result?.status === "saved" && plan && (
          <Alert kind="ok" testId="plan-saved">
            {tf("saved")}
          </Alert>
        )}
        {formError && <Alert kind="error">{formError}</Alert>}
        {!plan && (
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="plan-department" label={t("department")} error={message("departmentId")} errorTestId="error-plan-department">
              {(control) => (
                <select {...control} value={fields.departmentId} onChange={set("departmentId")} className={inputClass}>
                  <option value="">{t("chooseDepartment")}</option>
                  {departments.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id="plan-year" label={t("year")} error={message("year")} errorTestId="error-plan-year">
              {(control) => <input {...control} inputMode="numeric" maxLength={4} value={fields.year} onChange={set("year")} className={inputClass} />}
            </Field>
          </div>
        )}
        <div className="grid gap-4 sm:grid-cols-[1fr_10rem_10rem]">
          <Field id="plan-heading" label={t("heading")} error={message("heading")} errorTestId="error-plan-heading">
            {(control) => <input {...control} value={fields.heading} maxLength={200} placeholder={t("headingHint")} onChange={set("heading")} className={inputClass} />}
          </Field>
          <Field
            id="plan-due-day"
            label={t("reportDueDay")}
           
            hint={t("reportDueDayHint")}
            hintPlacement="instead"
            error={message("reportDueDay")}
            errorTestId="error-plan-due-day"
          >
            {(control) => <input {...control} inputMode="numeric" maxLength={2} value={fields.reportDueDay} onChange={set("reportDueDay")} className={inputClass} />}
          </Field>
          <Field
            id="plan-reminder-days"
            label={t("reminderDaysBefore")}
            hint={t("reminderDaysBeforeHint")}
            hintPlacement="instead"
            error={message("reminderDaysBefore")}
            errorTestId="error-plan-reminder-days"
          >
            {(control) => <input {...control} inputMode="numeric" maxLength={2} value={fields.reminderDaysBefore} onChange={set("reminderDaysBefore")} className={inputClass} />}
          </Field>
        </div>
        <Field id="plan-preamble" label={t("preamble")} error={message("preamble")} errorTestId="error-plan-preamble">
          {(control) => <textarea {...control} rows={4} value={fields.preamble} onChange={set("preamble")} className={inputClass} />}
        </Field>
        <Button type="submit" disabled={pending}>
          {plan ? (pending ? tf("saving") : tf("save")) : pending ? t("creating") : t("create")}
        </Button>
      </fieldset>
    </form>
  );
}
