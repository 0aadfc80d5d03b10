"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Field } from "@/components/Field";
import { errorMessage } from "@/lib/error-message";
import { useHydrated } from "@/lib/use-hydrated";
import { submitExtensionRequest, type ExtensionResult } from "./actions";

/** Ask for a later due date, with a reason; errors next to their fields, what was typed stays. */
export function ExtensionForm({ initiativeId, minDate, hasPending }: { initiativeId: string; minDate: string; hasPending: boolean }) {
  const t = useTranslations("extensions");
  const [requestedDueDate, setRequestedDueDate] = useState("");
  const [reason, setReason] = useState("");
  const [result, setResult] = useState<ExtensionResult | null>(null);
  const [pending, startTransition] = useTransition();
  // Usable once hydrated: what is typed earlier would be lost (see useHydrated).
  const hydrated = useHydrated();
  const message = (key: string | undefined) => errorMessage(t, key);
  const fields = result?.status === "invalid" ? result.fields : {};
  const dateError = message(fields.requestedDueDate);
  const reasonError = message(fields.reason);
  const formError =
    result?.status === "error" || result?.status === "signed-out" ? t("errors.generic") : message(fields.form);

  if (result?.status === "saved") {
    return (
      <p className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900" data-testid="extension-submitted">
        {t("submitted")}
      </p>
    );
  }
  // One pending request at a time: the form comes back once it is decided.
  if (hasPending) return null;
  return (
    <form
      method="post"
      noValidate
      className="mb-4"
      data-testid="extension-form"
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(async () => {
          setResult(await submitExtensionRequest(initiativeId, requestedDueDate, reason).catch(() => ({ status: "error" as const })));
        });
      }}
    >
      <fieldset disabled={!hydrated} className="m-0 min-w-0 space-y-3 border-0 p-0">
        {formError && (
          <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="extension-error">
            {formError}
          </p>
        )}
        <Field id="extension-date" label={t("requestedDueDate")} labelClassName="block text-sm font-medium" error={dateError} errorTestId="extension-date-error">
          {(control) => (
            <input
              {...control}
              type="date"
              min={minDate}
              value={requestedDueDate}
              onChange={(e) => setRequestedDueDate(e.target.value)}
              className="mt-1 block w-full max-w-xs rounded-md border border-slate-300 px-3 py-2 text-sm aria-[invalid=true]:border-red-500"
            />
          )}
        </Field>
        <Field
          id="extension-reason"
          label={t("reason")}
          labelClassName="block text-sm font-medium"
          hint={t("reasonHint")}
          hintClassName="mt-1 text-xs text-slate-500"
          describeHintFirst
          error={reasonError}
          errorTestId="extension-reason-error"
        >
          {(control) => (
            <textarea
              {...control}
              rows={3}
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm aria-[invalid=true]:border-red-500"
            />
          )}
        </Field>
        <button type="submit" disabled={pending} className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-60">
          {pending ? t("submitting") : t("submit")}
        </button>
      </fieldset>
    </form>
  );
}
