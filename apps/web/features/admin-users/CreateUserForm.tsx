"use client";

import type { Role } from "@workplan/core/rules/policy";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRef, useState } from "react";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { Field, inputClass } from "@/components/Field";
import { useActionForm } from "@/lib/use-action-form";
import { useHydrated } from "@/lib/use-hydrated";
import { createUserAction } from "./actions";
import { RoleDepartmentFields } from "./RoleDepartmentFields";
import { errorMessage } from "./messages";
import { OneTimeLink } from "./OneTimeLink";

export interface DepartmentOption {
  code: string;
  name: string;
}

type Fields = { name: string; email: string; role: Role; department: string };
const EMPTY: Fields = { name: "", email: "", role: "STAFF", department: "" };

export function CreateUserForm({ departments }: { departments: DepartmentOption[] }) {
  const t = useTranslations("adminUsers");
  const [fields, setFields] = useState<Fields>(EMPTY);
  const { pending, result, errors, submit, setResult } = useActionForm(() => createUserAction(fields), {
    onResult: (outcome) => {
      if (outcome.status === "created") setFields(EMPTY);
    },
  });
  // Usable once hydrated: what is typed earlier would be lost (see useHydrated).
  const hydrated = useHydrated();
  const nameInput = useRef<HTMLInputElement>(null);

  const set = <K extends keyof Fields>(name: K, value: Fields[K]) => setFields((f) => ({ ...f, [name]: value }));
  const message = (field: string) => errorMessage(t, field, errors[field]);

  return (
    <div className="space-y-5">
      {result?.status === "created" && (
        <OneTimeLink link={result.link} email={result.email}>
          <p className="font-medium text-emerald-950" data-testid="create-result">
            {t("create.created", { name: result.name })}
          </p>
          <p className="flex flex-wrap gap-4 text-sm">
            <Link href={`/admin/users/${result.userId}`} className="font-medium text-brand-700 underline underline-offset-2">
              {t("create.openUser")}
            </Link>
            <button
              type="button"
              className="font-medium text-brand-700 underline underline-offset-2"
              onClick={() => {
                setResult(null);
                nameInput.current?.focus();
              }}
            >
              {t("create.another")}
            </button>
          </p>
        </OneTimeLink>
      )}
      {(result?.status === "error" || result?.status === "signed-out" || result?.status === "not-found" || (result?.status === "invalid" && errors.form)) && (
        <Alert kind="error" testId="create-error">
          {result.status === "signed-out"
            ? t("errors.signedOut")
            : result.status === "invalid"
              ? (message("form") ?? t("errors.failed"))
              : t("errors.failed")}
        </Alert>
      )}

      <form onSubmit={submit} method="post" noValidate className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="create-user-form">
        <fieldset disabled={!hydrated} className="m-0 min-w-0 space-y-4 border-0 p-0">
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="name" label={t("name")} error={message("name")} errorTestId="error-name">
              {(control) => (
                <input
                  {...control}
                  ref={nameInput}
                  name="name"
                  type="text"
                  autoComplete="off"
                  maxLength={100}
                  value={fields.name}
                  onChange={(e) => set("name", e.target.value)}
                  className={inputClass}
                />
              )}
            </Field>
            <Field id="email" label={t("email")} error={message("email")} errorTestId="error-email">
              {(control) => (
                <input
                  {...control}
                  name="email"
                  type="email"
                  autoComplete="off"
                  maxLength={254}
                  value={fields.email}
                  onChange={(e) => set("email", e.target.value)}
                  className={inputClass}
                />
              )}
            </Field>
            <RoleDepartmentFields
              named
              role={fields.role}
              department={fields.department}
              departments={departments}
              onRole={(role) => set("role", role)}
              onDepartment={(code) => set("department", code)}
              message={message}
            />
          </div>
          <Button type="submit" disabled={pending}>
            {pending ? t("create.submitting") : t("create.submit")}
          </Button>
        </fieldset>
      </form>
    </div>
  );
}
