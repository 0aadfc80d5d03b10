"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Field } from "@/components/Field";
import { errorMessage } from "@/lib/error-message";
import { useHydrated } from "@/lib/use-hydrated";
import { setPasswordAction, type SetPasswordResult } from "./set-password-action";

const input =
  "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-1 focus:ring-brand-600 aria-[invalid=true]:border-red-600";

export function SetPasswordForm({ token, email }: { token: string; email: string }) {
  const t = useTranslations("setPassword");
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [result, setResult] = useState<SetPasswordResult | null>(null);
  const [pending, startTransition] = useTransition();
  // Usable once hydrated: what is typed earlier would be lost, and an early click would send the
  // form natively with the password in the URL (see useHydrated).
  const hydrated = useHydrated();
  const errors = result?.status === "invalid" ? result.fields : {};

  const message = (field: string) => errorMessage(t, errors[field], "failed");

  if (result?.status === "done") {
    return (
      <div className="mt-6 space-y-4" role="status" data-testid="set-password-done">
        <p className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-emerald-900">{t("done")}</p>
        <a href="/sign-in" className="inline-block rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
          {t("signIn")}
        </a>
      </div>
    );
  }

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    startTransition(async () => {
      try {
        setResult(await setPasswordAction(token, password, confirm));
      } catch {
        setResult({ status: "error" });
      }
    });
  }

  const formError = result?.status === "error" ? t("errors.failed") : message("form");
  return (
    <form onSubmit={submit} method="post" noValidate className="mt-6" data-testid="set-password-form">
      <fieldset disabled={!hydrated} className="m-0 min-w-0 space-y-5 border-0 p-0">
        {formError && (
          <p className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" role="alert" data-testid="set-password-error">
            {formError}
          </p>
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
              className={input}
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
              className={input}
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
        <button
          type="submit"
          disabled={pending}
          className="w-full rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60"
        >
          {pending ? t("submitting") : t("submit")}
        </button>
      </fieldset>
    </form>
  );
}
