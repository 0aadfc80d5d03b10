"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Field } from "@/components/Field";
import { useHydrated } from "@/lib/use-hydrated";
import { createDepartmentAction, updateDepartmentAction, type AdminResult, type DepartmentFields } from "./actions";
import { FormMessage, inputClass, labelClass, primaryButton, useErrorText, type Errors } from "./form-kit";

const EMPTY: DepartmentFields = { code: "", nameZhHans: "", nameZhHant: "", nameEn: "" };

/** Create a department, or rename one and set its code (`department` given). */
export function DepartmentForm({ department }: { department?: DepartmentFields & { id: string } }) {
  const t = useTranslations("adminDepartments");
  const errorText = useErrorText("adminDepartments");
  const router = useRouter();
  const [fields, setFields] = useState<DepartmentFields>(department ? { code: department.code, nameZhHans: department.nameZhHans, nameZhHant: department.nameZhHant, nameEn: department.nameEn } : EMPTY);
  const [errors, setErrors] = useState<Errors>({});
  const [result, setResult] = useState<AdminResult | null>(null);
  const [savedCode, setSavedCode] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  // Usable once hydrated: what is typed earlier would be lost (see useHydrated).
  const hydrated = useHydrated();
  const prefix = department ? "department" : "new-department";

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    startTransition(async () => {
      let outcome: AdminResult;
      try {
        outcome = department ? await updateDepartmentAction(department.id, fields) : await createDepartmentAction(fields);
      } catch {
        outcome = { status: "error" };
      }
      setResult(outcome);
      if (outcome.status === "invalid") setErrors(outcome.fields);
      else setErrors({});
      if (outcome.status === "saved") {
        setSavedCode(fields.code.trim());
        if (!department) setFields(EMPTY);
        router.refresh();
      }
    });
  }

  const field = (name: keyof DepartmentFields, options: { hint?: string; maxLength: number; lang?: string; upper?: boolean }) => {
    const id = `${prefix}-${name}`;
    return (
      <Field id={id} label={t(`fields.${name}`)} labelClassName={labelClass} hint={options.hint} hintPlacement="instead" error={errorText(errors[name])} errorTestId={`error-${id}`}>
        {(control) => (
          <input
            {...control}
            name={name}
            value={fields[name]}
            maxLength={options.maxLength}
            lang={options.lang}
            autoComplete="off"
            onChange={(e) => setFields((f) => ({ ...f, [name]: options.upper ? e.target.value.toUpperCase() : e.target.value }))}
            className={`${inputClass} ${options.upper ? "font-mono" : ""}`}
          />
        )}
      </Field>
    );
  };

  const formError =
    result?.status === "signed-out"
      ? t("errors.form.signedOut")
      : result?.status === "error"
        ? t("errors.form.failed")
        : result?.status === "invalid" && errors.form
          ? errorText(errors.form)
          : null;

  return (
    <form onSubmit={submit} method="post" noValidate data-testid={`${prefix}-form`}>
      <fieldset disabled={!hydrated} className="m-0 min-w-0 space-y-4 border-0 p-0">
        {result?.status === "saved" && <FormMessage kind="ok" text={department ? t("saved") : t("created", { code: savedCode ?? "" })} testId={`${prefix}-saved`} />}
        {formError && <FormMessage kind="error" text={formError} testId={`${prefix}-error`} />}
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {field("code", { hint: t("fields.codeHint"), maxLength: 12, upper: true })}
          {field("nameZhHans", { maxLength: 100, lang: "zh-Hans" })}
          {field("nameZhHant", { maxLength: 100, lang: "zh-Hant" })}
          {field("nameEn", { maxLength: 100, lang: "en" })}
        </div>
        {department && <p className="text-xs text-slate-600">{t("codeChangeNote")}</p>}
        <button type="submit" disabled={pending} className={primaryButton}>
          {department ? (pending ? t("saving") : t("save")) : pending ? t("creating") : t("create")}
        </button>
      </fieldset>
    </form>
  );
}
