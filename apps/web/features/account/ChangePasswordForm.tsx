"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { Field, inputClass } from "@/components/Field";
import { errorMessage } from "@/lib/error-message";
import { useActionForm } from "@/lib/use-action-form";
import { useHydrated } from "@/lib/use-hydrated";
import { changePasswordAction } from "./actions";

type FieldName = "currentPassword" | "newPassword" | "confirmPassword";
const EMPTY: Record<FieldName, string> = { currentPassword: "", newPassword: "", confirmPassword: "" };

export function ChangePasswordForm({ email }: { email: string }) {
  const t = useTranslations("account");
  const router = useRouter();
  const [values, setValues] = useState(EMPTY);
  const { pending, result, errors: fields, submit } = useActionForm(() => changePasswordAction(values), {
    onResult: (outcome) => {
      if (outcome.status === "changed") {
        setValues(EMPTY);
        router.refresh();
      } else if (outcome.status === "invalid") {
        // What was typed stays, except a wrong or refused current password, which is retyped anyway.
        if (outcome.fields.currentPassword) setValues((v) => ({ ...v, currentPassword: "" }));
      }
    },
  });
  // Usable once hydrated: what is typed earlier would be lost, and an early click would send the
  // form natively with the passwords in the URL (see useHydrated).
  const hydrated = useHydrated();

  /** The operation answers with message keys (password.tooShort); they live under account.errors. */
  const message = (field: FieldName | "form") => errorMessage(t, fields[field], field === "newPassword" ? "password.invalid" : "failed");

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
            className={inputClass}
          />
        )}
      </Field>
    );
  }

  return (
    <form onSubmit={submit} method="post" noValidate className="max-w-md" data-testid="change-password-form">
      <fieldset disabled={!hydrated} className="m-0 min-w-0 space-y-4 border-0 p-0">
        {result?.status === "changed" && (
          <Alert kind="ok" testId="password-changed">
            {t("password.changed", { count: result.endedSessions })}
          </Alert>
        )}
        {(result?.status === "invalid" || result?.status === "error" || result?.status === "signed-out") && (
          <Alert kind="error" testId="password-error">
            {result.status === "signed-out"
              ? t("errors.signedOut")
              : result.status === "error"
                ? t("errors.failed")
                : (message("form") ?? t("errors.summary"))}
          </Alert>
        )}
        {/* For password managers: whose password this is. */}
        <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
        {field("currentPassword", t("password.current"), "current-password")}
        {field("newPassword", t("password.new"), "new-password", t("password.newHint"))}
        {field("confirmPassword", t("password.confirm"), "new-password")}
        <Button type="submit" disabled={pending}>
          {pending ? t("password.submitting") : t("password.submit")}
        </Button>
      </fieldset>
    </form>
  );
}
