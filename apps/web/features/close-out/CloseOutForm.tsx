"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Field } from "@/components/Field";
import { errorMessage } from "@/lib/error-message";
import { useHydrated } from "@/lib/use-hydrated";
import { submitCloseOut, type CloseOutResult } from "./actions";

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
  const [result, setResult] = useState<CloseOutResult | null>(null);
  const [pending, startTransition] = useTransition();
  // The form opens with a click, which does nothing before hydration: the button waits (see useHydrated).
  const hydrated = useHydrated();
  const message = (key: string | undefined) => errorMessage(t, key);
  const fields = result?.status === "invalid" ? result.fields : {};
  const outcomeError = message(fields.outcome);
  const noteError = message(fields.note);
  const formError =
    result?.status === "error" || result?.status === "signed-out"
      ? t("errors.generic")
      : message(fields.form ?? fields.baseVersion);

  if (!open) {
    return (
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          onClick={() => setOpen(true)}
          disabled={!hydrated}
          aria-expanded={false}
          aria-controls="close-out-form"
          className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-900 hover:bg-slate-50"
          data-testid="close-out-open"
        >
          {t("open")}
        </button>
        <p className="text-sm text-slate-600">{t("intro")}</p>
      </div>
    );
  }
  if (result?.status === "saved") {
    return (
      <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900" data-testid="close-out-saved">
        {t("saved")}
      </p>
    );
  }
  return (
    <form
      id="close-out-form"
      method="post"
      noValidate
      className="space-y-4"
      data-testid="close-out-form"
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(async () => {
          setResult(await submitCloseOut(initiativeId, outcome, note, version).catch(() => ({ status: "error" as const })));
        });
      }}
    >
      <p className="text-sm text-slate-600">{t("intro")}</p>
      {formError && (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="close-out-error">
          {formError}
        </p>
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
          <p id="close-out-outcome-error" className="mt-1 text-sm text-red-700" data-testid="close-out-outcome-error">
            {outcomeError}
          </p>
        )}
      </fieldset>
      <Field
        id="close-out-note"
        label={t("note")}
        labelClassName="block text-sm font-medium"
        hint={t("noteHint", { max: NOTE_MAX })}
        hintClassName="mt-1 text-xs text-slate-500"
        describeHintFirst
        error={noteError}
        errorTestId="close-out-note-error"
      >
        {(control) => (
          <textarea
            {...control}
            rows={4}
            maxLength={NOTE_MAX}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm aria-[invalid=true]:border-red-500"
          />
        )}
      </Field>
      <div className="flex flex-wrap gap-2">
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-60"
        >
          {pending ? t("submitting") : t("submit")}
        </button>
        <button
          type="button"
          disabled={pending}
          onClick={() => {
            setOpen(false);
            setResult(null);
          }}
          className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50 disabled:opacity-60"
        >
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
