"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useHydrated } from "@/lib/use-hydrated";
import { addInitiativeAction, updateInitiativeAction, type AdminResult, type InitiativeFields } from "./actions";
import { errorProps, FieldError, FormMessage, inputClass, primaryButton, useErrorText, type Errors } from "./form-kit";

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
  const [errors, setErrors] = useState<Errors>({});
  const [result, setResult] = useState<AdminResult | null>(null);
  const [pending, startTransition] = useTransition();
  // Usable once hydrated: what is typed earlier would be lost (see useHydrated).
  const hydrated = useHydrated();

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    startTransition(async () => {
      let outcome: AdminResult;
      try {
        outcome = initiativeId ? await updateInitiativeAction(planId, initiativeId, fields) : await addInitiativeAction(planId, themeId, fields);
      } catch {
        outcome = { status: "error" };
      }
      setResult(outcome);
      setErrors(outcome.status === "invalid" ? outcome.fields : {});
      if (outcome.status === "saved") {
        if (initiativeId) router.refresh();
        else router.push(`/admin/plans/${planId}`);
      }
    });
  }

  const set = (name: "title" | "originalText" | "targetValue" | "targetUnit" | "dueDate" | "leadDepartmentId") =>
    (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => setFields((f) => ({ ...f, [name]: e.target.value }));
  const message = (name: string) => errorText(errors[name]);
  const formError =
    result?.status === "signed-out" ? tp("errors.form.signedOut") : result?.status === "error" ? tp("errors.form.failed") : errors.form ? message("form") : null;
  const lead = fields.leadDepartmentId;

  return (
    <form onSubmit={submit} method="post" noValidate data-testid="initiative-form">
      <fieldset disabled={!hydrated} className="m-0 min-w-0 space-y-4 border-0 p-0">
        {result?.status === "saved" && initiativeId && <FormMessage kind="ok" text={tp("saved")} testId="initiative-saved" />}
        {formError && <FormMessage kind="error" text={formError} testId="initiative-error" />}
        <div>
          <label htmlFor="initiative-title" className="block text-sm font-medium">
            {t("title")}
          </label>
          <input id="initiative-title" value={fields.title} maxLength={500} onChange={set("title")} className={inputClass} {...errorProps(errors, "title", "initiative-title")} />
          <FieldError id="initiative-title" text={message("title")} />
        </div>
        <div>
          <label htmlFor="initiative-original" className="block text-sm font-medium">
            {t("originalText")}
          </label>
          <textarea id="initiative-original" rows={4} lang="zh-Hant" value={fields.originalText} onChange={set("originalText")} className={inputClass} {...errorProps(errors, "originalText", "initiative-original")} />
          <FieldError id="initiative-original" text={message("originalText")} />
        </div>
        <fieldset className="grid gap-4 sm:grid-cols-[8rem_8rem_1fr]">
          <legend className="mb-1 text-sm font-medium">{t("target")}</legend>
          <div>
            <label htmlFor="initiative-target-value" className="block text-sm">
              {t("targetValue")}
            </label>
            <input id="initiative-target-value" inputMode="decimal" value={fields.targetValue} onChange={set("targetValue")} className={inputClass} {...errorProps(errors, "targetValue", "initiative-target-value")} />
            <FieldError id="initiative-target-value" text={message("targetValue")} />
          </div>
          <div>
            <label htmlFor="initiative-target-unit" className="block text-sm">
              {t("targetUnit")}
            </label>
            <input id="initiative-target-unit" maxLength={20} value={fields.targetUnit} onChange={set("targetUnit")} className={inputClass} {...errorProps(errors, "targetUnit", "initiative-target-unit")} />
            <FieldError id="initiative-target-unit" text={message("targetUnit")} />
          </div>
          <label className="flex items-center gap-2 self-end pb-2 text-sm">
            <input type="checkbox" checked={fields.targetApproximate} onChange={(e) => setFields((f) => ({ ...f, targetApproximate: e.target.checked }))} className="h-4 w-4" />
            {t("targetApproximate")}
          </label>
          <p className="text-xs text-slate-600 sm:col-span-3">{t("targetHint")}</p>
        </fieldset>
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor="initiative-due" className="block text-sm font-medium">
              {t("dueDate")}
            </label>
            <input id="initiative-due" type="date" value={fields.dueDate} onChange={set("dueDate")} className={inputClass} {...errorProps(errors, "dueDate", "initiative-due")} />
            <FieldError id="initiative-due" text={message("dueDate")} />
          </div>
          <div>
            <label htmlFor="initiative-lead" className="block text-sm font-medium">
              {t("lead")}
            </label>
            <select id="initiative-lead" value={lead} onChange={set("leadDepartmentId")} className={`${inputClass} bg-white`} {...errorProps(errors, "leadDepartmentId", "initiative-lead")}>
              {departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.label}
                </option>
              ))}
            </select>
            <FieldError id="initiative-lead" text={message("leadDepartmentId")} />
          </div>
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
        <button type="submit" disabled={pending} className={primaryButton}>
          {initiativeId ? (pending ? tp("saving") : tp("save")) : pending ? t("adding") : t("add")}
        </button>
      </fieldset>
    </form>
  );
}
