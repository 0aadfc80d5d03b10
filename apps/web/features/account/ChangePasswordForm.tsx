"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Field } from "@/components/Field";
import { errorMessage } from "@/lib/error-message";
import { useHydrated } from "@/lib/use-hydrated";
import { changePasswordAction, type ChangePasswordResult } from "./actions";

type FieldName = "currentPassword" | "newPassword" | "confirmPassword";
const EMPTY: Record<FieldName, string> = { currentPassword: "", newPassword: "", confirmPassword: "" };

export function ChangePasswordForm({ email }: { email: string }) {
  const t = useTranslations("account");
  const router = useRouter();
  const [values, setValues] = useState(EMPTY);
  const [result, setResult] = useState<ChangePasswordResult | null>(null);
  const [pending, startTransition] = useTransition();
  // Usable once hydrated: what is typed earlier would be lost, and an early click would send the
  // form natively with the passwords in the URL (see useHydrated).
  const hydrated = useHydrated();
  const fields = result?.status === "invalid" ? result.fields : {};

  /** The operation answers with message keys (password.tooShort); they live under account.errors. */
  const message = (field: FieldName | "form") => errorMessage(t, fields[field], field === "newPassword" ? "password.invalid" : "failed");

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    startTransition(async () => {
      let outcome: ChangePasswordResult;
      try {
        outcome = await changePasswordAction(values);
      } catch {
        outcome = { status: "error" };
      }
      setResult(outcome);
      if (outcome.status === "changed") {
        setValues(EMPTY);
        router.refresh();
      } else if (outcome.status === "invalid") {
        // What was typed stays, except a wrong or refused current password, which is retyped anyway.
        if (outcome.fields.currentPassword) setValues((v) => ({ ...v, currentPassword: "" }));
      }
    });
  }

  const input =
    "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-1 focus:ring-brand-600 aria-[invalid=true]:border-red-500";

  function field(name: FieldName, label: string, autoComplete: string, hint?: string) {
    return (
      <Field id={name} label={label} hint={hint} error={message(name)} errorTestId={`error-${name}`}>
        {(control) => (
          <input
            {...control}
            name={name}
            type="password"
            autoComplete={autoComplete}
            value={values[name]}
            onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
            maxLength={1024}
            className={input}
          />
        )}
      </Field>
    );
  }

  return (
    <form onSubmit={submit} method="post" noValidate className="max-w-md" data-testid="change-password-form">
      <fieldset disabled={!hydrated} className="m-0 min-w-0 space-y-4 border-0 p-0">
        {result?.status === "changed" && (
          <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900" data-testid="password-changed">
            {t("password.changed", { count: result.endedSessions })}
          </p>
        )}
        {(result?.status === "invalid" || result?.status === "error" || result?.status === "signed-out") && (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="password-error">
            {result.status === "signed-out"
              ? t("errors.signedOut")
              : result.status === "error"
                ? t("errors.failed")
                : (message("form") ?? t("errors.summary"))}
          </p>
        )}
        {/* For password managers: whose password this is. */}
        <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
        {field("currentPassword", t("password.current"), "current-password")}
        {field("newPassword", t("password.new"), "new-password", t("password.newHint"))}
        {field("confirmPassword", t("password.confirm"), "new-password")}
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60"
        >
          {pending ? t("password.submitting") : t("password.submit")}
        </button>
      </fieldset>
    </form>
  );
}
