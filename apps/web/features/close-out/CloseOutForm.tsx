"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { Field, fieldErrorClass, inputClass } from "@/components/Field";
import { errorMessage } from "@/lib/error-message";
import { useActionForm } from "@/lib/use-action-form";
import { useHydrated } from "@/lib/use-hydrated";
import { submitCloseOut } from "./actions";

const OUTCOMES = ["ACHIEVED", "PARTLY_ACHIEVED", "NOT_ACHIEVED", "DROPPED"] as const;
const NOTE_MAX = 2000;

/**
 * The manager's close-out (结项): one click opens it; an outcome (four choices) and a closing note.
 * Errors show next to their fields and what was typed stays.
 */
export function CloseOutForm({ initiativeId, version }: { initiativeId: string; version: number }) {
  const t = useTranslations("closeOut");
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState("");
  const [note, setNote] = useState("");
  const { pending, result, errors: fields, submit, setResult } = useActionForm(() => submitCloseOut(initiativeId, outcome, note, version));
  // The form opens with a click, which does nothing before hydration: the button waits (see useHydrated).
  const hydrated = useHydrated();
  const message = (key: string | undefined) => errorMessage(t, key);
  const outcomeError = message(fields.outcome);
  const noteError = message(fields.note);
  const formError =
    result?.status === "error" || result?.status === "signed-out"
      ? t("errors.generic")
      : message(fields.form ?? fields.baseVersion);

  if (!open) {
    return (
      <div className="flex flex-wrap items-center gap-3">
        <Button
          variant="secondary"
          onClick={() => setOpen(true)}
          disabled={!hydrated}
          aria-expanded={false}
          aria-controls="close-out-form"
          data-testid="close-out-open"
        >
          {t("open")}
        </Button>
        <p className="text-sm text-slate-600">{t("intro")}</p>
      </div>
    );
  }
  if (result?.status === "saved") {
    return (
      <Alert kind="ok" testId="close-out-saved">
        {t("saved")}
      </Alert>
    );
  }
  return (
    <form
      id="close-out-form"
      method="post"
      noValidate
      className="space-y-4"
      data-testid="close-out-form"
      onSubmit={submit}
    >
      <p className="text-sm text-slate-600">{t("intro")}</p>
      {formError && (
        <Alert kind="warn" testId="close-out-error">
          {formError}
        </Alert>
      )}
      <fieldset aria-describedby={outcomeError ? "close-out-outcome-error" : undefined}>
        <legend className="text-sm font-medium">{t("outcome")}</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {OUTCOMES.map((value) => (
            <label
              key={value}
              className="flex cursor-pointer items-start gap-2 rounded-md border border-slate-300 p-3 text-sm has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50"
            >
              <input
                type="radio"
                name="outcome"
                value={value}
                checked={outcome === value}
                onChange={() => setOutcome(value)}
                aria-invalid={Boolean(outcomeError)}
                className="mt-0.5"
              />
              <span>
                <span className="block font-medium text-slate-900">{t(`outcomes.${value}`)}</span>
                <span className="block text-xs text-slate-600">{t(`outcomeHints.${value}`)}</span>
              </span>
            </label>
          ))}
        </div>
        {outcomeError && (
          <p id="close-out-outcome-error" className={fieldErrorClass} data-testid="close-out-outcome-error">
            {outcomeError}
          </p>
        )}
      </fieldset>
      <Field id="close-out-note" label={t("note")} hint={t("noteHint", { max: NOTE_MAX })} describeHintFirst error={noteError} errorTestId="close-out-note-error">
        {(control) => <textarea {...control} rows={4} maxLength={NOTE_MAX} value={note} onChange={(e) => setNote(e.target.value)} className={inputClass} />}
      </Field>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? t("submitting") : t("submit")}
        </Button>
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() => {
            setOpen(false);
            setResult(null);
          }}
        >
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}
