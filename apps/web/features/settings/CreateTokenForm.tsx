"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Field } from "@/components/Field";
import { errorMessage } from "@/lib/error-message";
import { useHydrated } from "@/lib/use-hydrated";
import { createTokenAction, type CreateTokenState } from "./actions";

export function CreateTokenForm() {
  const t = useTranslations("settings");
  const [state, action, pending] = useActionState<CreateTokenState, FormData>(createTokenAction, { status: "idle" });
  // Usable once hydrated, like every form here (see useHydrated).
  const hydrated = useHydrated();
  const nameKey = state.status === "invalid" ? state.fields.name : undefined;
  // The operation answers with message keys (name.required); they are nested under settings.errors.
  const nameError = errorMessage(t, nameKey, "name.invalid");
  const formError =
    state.status === "signed-out" ? t("errors.signedOut") : state.status === "error" || (state.status === "invalid" && !nameKey) ? t("errors.failed") : null;

  return (
    <div className="space-y-4">
      {state.status === "created" && <NewToken key={state.token} name={state.name} token={state.token} />}
      <form action={action} noValidate data-testid="create-token-form">
        <fieldset disabled={!hydrated} className="m-0 flex min-w-0 flex-wrap items-start gap-3 border-0 p-0">
          <Field
            id="token-name"
            className="min-w-64 flex-1"
            label={t("name")}
            hint={t("nameHint")}
            hintPlacement="instead"
            error={nameError}
            errorTestId="token-name-error"
          >
            {(control) => (
              <input
                {...control}
                name="name"
                type="text"
                maxLength={100}
                autoComplete="off"
                placeholder={t("namePlaceholder")}
                className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-1 focus:ring-brand-600"
              />
            )}
          </Field>
          <button
            type="submit"
            disabled={pending}
            className="mt-6 rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60"
          >
            {pending ? t("creating") : t("create")}
          </button>
        </fieldset>
      </form>
      {formError && (
        <p className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" aria-live="assertive">
          {formError}
        </p>
      )}
    </div>
  );
}

/** The token, once: it lives only in this component's state and is gone on reload. */
function NewToken({ name, token }: { name: string; token: string }) {
  const t = useTranslations("settings");
  const [copied, setCopied] = useState(false);
  return (
    <div className="rounded-lg border border-emerald-300 bg-emerald-50 p-4" role="status" data-testid="new-token-panel">
      <p className="font-medium text-emerald-900">{t("created", { name })}</p>
      <p className="mt-1 text-sm text-emerald-900">{t("shownOnce")}</p>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <code className="break-all rounded bg-white px-2 py-1 font-mono text-sm text-slate-900 ring-1 ring-emerald-300" data-testid="new-token">
          {token}
        </code>
        <button
          type="button"
          onClick={() => {
            void navigator.clipboard?.writeText(token).then(() => setCopied(true));
          }}
          className="rounded-md border border-emerald-400 bg-white px-3 py-1 text-sm text-emerald-900 hover:bg-emerald-100"
        >
          {copied ? t("copied") : t("copy")}
        </button>
      </div>
    </div>
  );
}
