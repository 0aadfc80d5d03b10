"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { Field, inputClass } from "@/components/Field";
import { errorMessage } from "@/lib/error-message";
import { useActionForm } from "@/lib/use-action-form";
import { useHydrated } from "@/lib/use-hydrated";
import { submitExtensionRequest } from "./actions";

/** Ask for a later due date, with a reason; errors next to their fields, what was typed stays. */
export function ExtensionForm({ initiativeId, minDate, hasPending }: { initiativeId: string; minDate: string; hasPending: boolean }) {
  const t = useTranslations("extensions");
  const [requestedDueDate, setRequestedDueDate] = useState("");
  const [reason, setReason] = useState("");
  const { pending, result, errors, submit } = useActionForm(() => submitExtensionRequest(initiativeId, requestedDueDate, reason));
  // Usable once hydrated: what is typed earlier would be lost (see useHydrated).
  const hydrated = useHydrated();
  const message = (key: string | undefined) => errorMessage(t, key);
  const dateError = message(errors.requestedDueDate);
  const reasonError = message(errors.reason);
  const formError =
    result?.status === "error" || result?.status === "signed-out" ? t("errors.generic") : message(errors.form);

  if (result?.status === "saved") {
    return (
      <Alert kind="ok" role={null} className="mb-4" testId="extension-submitted">
        {t("submitted")}
      </Alert>
    );
  }
  // One pending request at a time: the form comes back once it is decided.
  if (hasPending) return null;
  return (
    <form method="post" noValidate className="mb-4" data-testid="extension-form" onSubmit={submit}>
      <fieldset disabled={!hydrated} className="m-0 min-w-0 space-y-3 border-0 p-0">
        {formError && (
          <Alert kind="warn" testId="extension-error">
            {formError}
          </Alert>
        )}
        <Field id="extension-date" label={t("requestedDueDate")} error={dateError} errorTestId="extension-date-error">
          {(control) => (
            <input
              {...control}
              type="date"
              min={minDate}
              value={requestedDueDate}
              onChange={(e) => setRequestedDueDate(e.target.value)}
              className={`${inputClass} max-w-xs`}
            />
          )}
        </Field>
        <Field id="extension-reason" label={t("reason")} hint={t("reasonHint")} describeHintFirst error={reasonError} errorTestId="extension-reason-error">
          {(control) => (
            <textarea {...control} rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} className={inputClass} />
          )}
        </Field>
        <Button type="submit" disabled={pending}>
          {pending ? t("submitting") : t("submit")}
        </Button>
      </fieldset>
    </form>
  );
}
