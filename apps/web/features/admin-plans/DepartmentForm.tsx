"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { Field, inputClass } from "@/components/Field";
import { useActionForm } from "@/lib/use-action-form";
import { useHydrated } from "@/lib/use-hydrated";
import { createDepartmentAction, updateDepartmentAction, type DepartmentFields } from "./actions";
import { useErrorText } from "./form-kit";

const EMPTY: DepartmentFields = { code: "", nameZhHans: "", nameZhHant: "", nameEn: "" };

/** Create a department, or rename one and set its code (`department` given). */
export function DepartmentForm({ department }: { department?: DepartmentFields & { id: string } }) {
  const t = useTranslations("adminDepartments");
  const errorText = useErrorText("adminDepartments");
  const router = useRouter();
  const [fields, setFields] = useState<DepartmentFields>(department ? { code: department.code, nameZhHans: department.nameZhHans, nameZhHant: department.nameZhHant, nameEn: department.nameEn } : EMPTY);
  const [savedCode, setSavedCode] = useState<string | null>(null);
  const { pending, result, errors, submit } = useActionForm(
    () => (department ? updateDepartmentAction(department.id, fields) : createDepartmentAction(fields)),
    {
      onResult: (outcome) => {
        if (outcome.status !== "saved") return;
        setSavedCode(fields.code.trim());
        if (!department) setFields(EMPTY);
        router.refresh();
      },
    },
  );
  // Usable once hydrated: what is typed earlier would be lost (see useHydrated).
  const hydrated = useHydrated();
  const prefix = department ? "department" : "new-department";

  const field = (name: keyof DepartmentFields, options: { hint?: string; maxLength: number; lang?: string; upper?: boolean }) => {
    const id = `${prefix}-${name}`;
    return (
      <Field id={id} label={t(`fields.${name}`)} hint={options.hint} hintPlacement="instead" error={errorText(errors[name])} errorTestId={`error-${id}`}>
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
        {result?.status === "saved" && (
          <Alert kind="ok" testId={`${prefix}-saved`}>
            {department ? t("saved") : t("created", { code: savedCode ?? "" })}
          </Alert>
        )}
        {formError && (
          <Alert kind="error" testId={`${prefix}-error`}>
            {formError}
          </Alert>
        )}
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {field("code", { hint: t("fields.codeHint"), maxLength: 12, upper: true })}
          {field("nameZhHans", { maxLength: 100, lang: "zh-Hans" })}
          {field("nameZhHant", { maxLength: 100, lang: "zh-Hant" })}
          {field("nameEn", { maxLength: 100, lang: "en" })}
        </div>
        {department && <p className="text-xs text-slate-600">{t("codeChangeNote")}</p>}
        <Button type="submit" disabled={pending}>
          {department ? (pending ? t("saving") : t("save")) : pending ? t("creating") : t("create")}
        </Button>
      </fieldset>
    </form>
  );
}
