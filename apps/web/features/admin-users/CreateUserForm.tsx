"use client";

import type { Role } from "@workplan/core/rules/policy";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRef, useState, useTransition } from "react";
import { Field } from "@/components/Field";
import { useHydrated } from "@/lib/use-hydrated";
import { createUserAction, type AdminActionResult } from "./actions";
import { RoleDepartmentFields } from "./RoleDepartmentFields";
import { errorMessage, inputClass } from "./messages";
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
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [result, setResult] = useState<AdminActionResult | null>(null);
  const [pending, startTransition] = useTransition();
  // Usable once hydrated: what is typed earlier would be lost (see useHydrated).
  const hydrated = useHydrated();
  const nameInput = useRef<HTMLInputElement>(null);

  const set = <K extends keyof Fields>(name: K, value: Fields[K]) => setFields((f) => ({ ...f, [name]: value }));
  const message = (field: string) => errorMessage(t, field, errors[field]);

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    startTransition(async () => {
      let outcome: AdminActionResult;
      try {
        outcome = await createUserAction(fields);
      } catch {
        outcome = { status: "error" };
      }
      setResult(outcome);
      if (outcome.status === "created") {
        setErrors({});
        setFields(EMPTY);
      } else if (outcome.status === "invalid") {
        setErrors(outcome.fields);
      }
    });
  }

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
        <p className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" role="alert" data-testid="create-error">
          {result.status === "signed-out"
            ? t("errors.signedOut")
            : result.status === "invalid"
              ? (message("form") ?? t("errors.failed"))
              : t("errors.failed")}
        </p>
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
          <button
            type="submit"
            disabled={pending}
            className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60"
          >
            {pending ? t("create.submitting") : t("create.submit")}
          </button>
        </fieldset>
      </form>
    </div>
  );
}
