"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { CopyButton } from "@/components/CopyButton";
import { Field, inputClass } from "@/components/Field";
import { errorMessage } from "@/lib/error-message";
import { useActionForm } from "@/lib/use-action-form";
import { useHydrated } from "@/lib/use-hydrated";
import { createTokenAction } from "./actions";

export function CreateTokenForm() {
  const t = useTranslations("settings");
  const [name, setName] = useState("");
  const { pending, result, errors, submit } = useActionForm(() => createTokenAction(name), {
    onResult: (outcome) => {
      if (outcome.status === "created") setName("");
    },
  });
  // Usable once hydrated, like every form here (see useHydrated).
  const hydrated = useHydrated();
  const nameKey = errors.name;
  // The operation answers with message keys (name.required); they are nested under settings.errors.
  const nameError = errorMessage(t, nameKey, "name.invalid");
  const formError =
    result?.status === "signed-out" ? t("errors.signedOut") : result?.status === "error" || (result?.status === "invalid" && !nameKey) ? t("errors.failed") : null;

  return (
    <div className="space-y-4">
      {result?.status === "created" && <NewToken key={result.token} name={result.name} token={result.token} />}
      <form onSubmit={submit} method="post" noValidate data-testid="create-token-form">
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
                value={name}
                onChange={(e) => setName(e.target.value)}
                className={inputClass}
              />
            )}
          </Field>
          <Button type="submit" disabled={pending} className="mt-6">
            {pending ? t("creating") : t("create")}
          </Button>
        </fieldset>
      </form>
      {formError && (
        <Alert kind="error" role={null} live="assertive">
          {formError}
        </Alert>
      )}
    </div>
  );
}

/** The token, once: it lives only in this component's state and is gone on reload. */
function NewToken({ name, token }: { name: string; token: string }) {
  const t = useTranslations("settings");
  return (
    <Alert kind="ok" panel testId="new-token-panel">
      <p className="font-medium text-emerald-900">{t("created", { name })}</p>
      <p className="mt-1 text-sm text-emerald-900">{t("shownOnce")}</p>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <code className="break-all rounded bg-white px-2 py-1 font-mono text-sm text-slate-900 ring-1 ring-emerald-300" data-testid="new-token">
          {token}
        </code>
        <CopyButton text={token} label={t("copy")} copiedLabel={t("copied")} />
      </div>
    </Alert>
  );
}
