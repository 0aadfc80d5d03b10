"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/Alert";
import { Button, buttonClass } from "@/components/Button";
import { Field, inputClass } from "@/components/Field";
import { errorMessage } from "@/lib/error-message";
import { useActionForm } from "@/lib/use-action-form";
import { useHydrated } from "@/lib/use-hydrated";
import { setPasswordAction } from "./set-password-action";

export function SetPasswordForm({ token, email }: { token: string; email: string }) {
  const t = useTranslations("setPassword");
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const { pending, result, errors, submit } = useActionForm(() => setPasswordAction(token, password, confirm));
  // Usable once hydrated: what is typed earlier would be lost, and an early click would send the
  // form natively with the password in the URL (see useHydrated).
  const hydrated = useHydrated();

  const message = (field: string) => errorMessage(t, errors[field], "failed");

  if (result?.status === "done") {
    return (
      <div className="mt-6 space-y-4" role="status" data-testid="set-password-done">
        <Alert kind="ok" role={null}>
          {t("done")}
        </Alert>
        <a href="/sign-in" className={buttonClass("primary")}>
          {t("signIn")}
        </a>
      </div>
    );
  }

  const formError = result?.status === "error" ? t("errors.failed") : message("form");
  return (
    <form onSubmit={submit} method="post" noValidate className="mt-6" data-testid="set-password-form">
      <fieldset disabled={!hydrated} className="m-0 min-w-0 space-y-5 border-0 p-0">
        {formError && (
          <Alert kind="error" testId="set-password-error">
            {formError}
          </Alert>
        )}
        {/* For password managers: the account the new password belongs to. */}
        <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
        <Field id="new-password" label={t("password")} error={message("password")} errorId="password-error" errorTestId="error-password" describedBy="password-rules">
          {(control) => (
            <input
              {...control}
              name="password"
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              className={inputClass}
            />
          )}
        </Field>
        <Field id="confirm-password" label={t("confirm")} error={message("confirm")} errorId="confirm-error" errorTestId="error-confirm">
          {(control) => (
            <input
              {...control}
              name="confirm"
              type="password"
              autoComplete="new-password"
              value={confirm}
              onChange={(e) => setConfirm(e.target.value)}
              className={inputClass}
            />
          )}
        </Field>
        <div id="password-rules" className="rounded-md bg-slate-50 p-3 text-sm text-slate-700">
          <p className="font-medium">{t("rulesTitle")}</p>
          <ul className="mt-1 list-disc space-y-0.5 pl-5">
            <li>{t("ruleLength")}</li>
            <li>{t("ruleCommon")}</li>
            <li>{t("rulePersonal")}</li>
          </ul>
          <p className="mt-1 text-slate-600">{t("ruleTip")}</p>
        </div>
        <Button type="submit" disabled={pending} className="w-full">
          {pending ? t("submitting") : t("submit")}
        </Button>
      </fieldset>
    </form>
  );
}
