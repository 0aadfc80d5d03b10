"use client";

import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { Field, inputClass } from "@/components/Field";
import { signInWithPassword } from "@/lib/auth-client";
import { useHydrated } from "@/lib/use-hydrated";
import { safeCallback } from "./sign-in-address";

type FieldErrors = { email?: string; password?: string };

const ERROR_KEYS: Record<string, "invalid" | "inactive"> = {
  CredentialsSignin: "invalid",
  Inactive: "inactive",
};

/** "Throttled:120" (too many failures: wait 120 seconds) → the seconds; null for any other code. */
function throttledSeconds(error: string | null): number | null {
  const match = /^Throttled:(\d{1,7})$/.exec(error ?? "");
  return match ? Math.max(1, Number(match[1])) : null;
}

/** Where to go after signing in is the address's `?callbackUrl=` (same-site paths only), read when the form is sent. */
export function SignInForm() {
  const t = useTranslations("signIn");
  // Uncontrolled fields: what was typed before the page was hydrated is neither reset nor lost.
  const passwordField = useRef<HTMLInputElement>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // false on the server and until the page is hydrated: the button waits for the script, so an early
  // click can never send the form natively (which would put the password in a URL).
  const hydrated = useHydrated();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // What is in the fields, including anything typed before the page was hydrated.
    const data = new FormData(event.currentTarget);
    const email = String(data.get("email") ?? "");
    const password = String(data.get("password") ?? "");
    const errors: FieldErrors = {};
    if (!email.trim()) errors.email = t("emailRequired");
    if (!password) errors.password = t("passwordRequired");
    setFieldErrors(errors);
    setFormError(null);
    if (errors.email || errors.password) return;
    setPending(true);
    try {
      const result = await signInWithPassword(email, password);
      if (result.ok) {
        window.location.assign(safeCallback(new URLSearchParams(window.location.search).get("callbackUrl")));
        return;
      }
      const wait = throttledSeconds(result.error);
      if (wait !== null) {
        // How long, roughly: seconds under a minute, else whole minutes rounded up.
        setFormError(wait < 60 ? t("throttledSeconds", { seconds: wait }) : t("throttledMinutes", { minutes: Math.ceil(wait / 60) }));
      } else {
        const key = (result.error && ERROR_KEYS[result.error]) || (result.error ? "unavailable" : "invalid");
        setFormError(t(key));
      }
      if (passwordField.current) passwordField.current.value = "";
    } catch {
      setFormError(t("unavailable"));
    }
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} method="post" noValidate className="mt-6 space-y-5" data-testid="sign-in-form">
      {formError && (
        <Alert kind="error" role={null} live="assertive" testId="sign-in-error">
          {formError}
        </Alert>
      )}
      <Field id="email" label={t("email")} error={fieldErrors.email}>
        {(control) => <input {...control} name="email" type="email" autoComplete="username" className={inputClass} />}
      </Field>
      <Field id="password" label={t("password")} error={fieldErrors.password}>
        {(control) => <input {...control} name="password" type="password" autoComplete="current-password" ref={passwordField} className={inputClass} />}
      </Field>
      <Button type="submit" disabled={pending || !hydrated} className="w-full">
        {pending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
