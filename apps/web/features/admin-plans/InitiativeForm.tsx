"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { Field, inputClass } from "@/components/Field";
import { useActionForm } from "@/lib/use-action-form";
import { useHydrated } from "@/lib/use-hydrated";
import { addInitiativeAction, updateInitiativeAction, type AdminResult, type InitiativeFields } from "./actions";
import { FieldError, useErrorText } from "./form-kit";

interface Props {
  planId: string;
  /** the theme a new initiative goes into (null: directly under the plan) */
  themeId?: string | null;
  /** editing this initiative */
  initiativeId?: string;
  initial: InitiativeFields;
  departments: { id: string; label: string }[];
}

/** Add an initiative, or edit what the plan says about one (its progress and history are not touched). */
export function InitiativeForm({ planId, themeId = null, initiativeId, initial, departments }: Props) {
  const t = useTranslations("adminPlans.initiativeForm");
  const tp = useTranslations("adminPlans");
  const errorText = useErrorText();
  const router = useRouter();
  const [fields, setFields] = useState<InitiativeFields>(initial);
  const { pending, result, errors, submit } = useActionForm<AdminResult>(
    () => (initiativeId ? updateInitiativeAction(planId, initiativeId, fields) : addInitiativeAction(planId, themeId, fields)),
    {
      onResult: (outcome) => {
        if (outcome.status !== "saved") return;
        if (initiativeId) router.refresh();
        else router.push(`/admin/plans/${planId}`);
      },
    },
  );
  // Usable once hydrated: what is typed earlier would be lost (see useHydrated).
  const hydrated = useHydrated();

  const set = (name: "title" | "originalText" | "targetValue" | "targetUnit" | "dueDate" | "leadDepartmentId") =>
    (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => setFields((f) => ({ ...f, [name]: e.target.value }));
  const message = (name: string) => errorText(errors[name]);
  const formError =
    result?.status === "signed-out" ? tp("errors.form.signedOut") : result?.status === "error" ? tp("errors.form.failed") : errors.form ? message("form") : null;
  const lead = fields.leadDepartmentId;

  return (
    <form onSubmit={submit} method="post" noValidate data-testid="initiative-form">
      <fieldset disabled={!hydrated} className="m-0 min-w-0 space-y-4 border-0 p-0">
        {result?.status === "saved" && initiativeId && (
          <Alert kind="ok" testId="initiative-saved">
            {tp("saved")}
          </Alert>
        )}
        {formError && (
          <Alert kind="error" testId="initiative-error">
            {formError}
          </Alert>
        )}
        <Field id="initiative-title" label={t("title")} error={message("title")} errorTestId="error-initiative-title">
          {(control) => <input {...control} value={fields.title} maxLength={500} onChange={set("title")} className={inputClass} />}
        </Field>
        <Field id="initiative-original" label={t("originalText")} error={message("originalText")} errorTestId="error-initiative-original">
          {(control) => <textarea {...control} rows={4} lang="zh-Hant" value={fields.originalText} onChange={set("originalText")} className={inputClass} />}
        </Field>
        <fieldset className="grid gap-4 sm:grid-cols-[8rem_8rem_1fr]">
          <legend className="mb-1 text-sm font-medium">{t("target")}</legend>
          <Field id="initiative-target-value" label={t("targetValue")} labelClassName="block text-sm" error={message("targetValue")} errorTestId="error-initiative-target-value">
            {(control) => <input {...control} inputMode="decimal" value={fields.targetValue} onChange={set("targetValue")} className={inputClass} />}
          </Field>
          <Field id="initiative-target-unit" label={t("targetUnit")} labelClassName="block text-sm" error={message("targetUnit")} errorTestId="error-initiative-target-unit">
            {(control) => <input {...control} maxLength={20} value={fields.targetUnit} onChange={set("targetUnit")} className={inputClass} />}
          </Field>
          <label className="flex items-center gap-2 self-end pb-2 text-sm">
            <input type="checkbox" checked={fields.targetApproximate} onChange={(e) => setFields((f) => ({ ...f, targetApproximate: e.target.checked }))} className="h-4 w-4" />
            {t("targetApproximate")}
          </label>
          <p className="text-xs text-slate-600 sm:col-span-3">{t("targetHint")}</p>
        </fieldset>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="initiative-due" label={t("dueDate")} error={message("dueDate")} errorTestId="error-initiative-due">
            {(control) => <input {...control} type="date" value={fields.dueDate} onChange={set("dueDate")} className={inputClass} />}
          </Field>
          <Field id="initiative-lead" label={t("lead")} error={message("leadDepartmentId")} errorTestId="error-initiative-lead">
            {(control) => (
              <select {...control} value={lead} onChange={set("leadDepartmentId")} className={inputClass}>
                {departments.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <fieldset aria-describedby={errors.cooperatingDepartmentIds ? "initiative-cooperating-error" : undefined}>
          <legend className="text-sm font-medium">{t("cooperating")}</legend>
          <p className="text-xs text-slate-600">{t("cooperatingHint")}</p>
          <div className="mt-2 grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
            {departments
              .filter((d) => d.id !== lead)
              .map((d) => (
                <label key={d.id} className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    className="h-4 w-4"
                    checked={fields.cooperatingDepartmentIds.includes(d.id)}
                    onChange={(e) =>
                      setFields((f) => ({
                        ...f,
                        cooperatingDepartmentIds: e.target.checked ? [...f.cooperatingDepartmentIds, d.id] : f.cooperatingDepartmentIds.filter((x) => x !== d.id),
                      }))
                    }
                  />
                  {d.label}
                </label>
              ))}
          </div>
          <FieldError id="initiative-cooperating" text={message("cooperatingDepartmentIds")} />
        </fieldset>
        <Button type="submit" disabled={pending}>
          {initiativeId ? (pending ? tp("saving") : tp("save")) : pending ? t("adding") : t("add")}
        </Button>
      </fieldset>
    </form>
  );
}
