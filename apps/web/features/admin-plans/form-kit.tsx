"use client";

import { useTranslations } from "next-intl";

// The pieces every admin form here shares: a field's message next to it, in the reader's language,
// from the message key the operation answered with ("code.taken").

export const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-1 focus:ring-brand-600 aria-[invalid=true]:border-red-500";

/** The label above a field (admin forms: no colour of its own). */
export const labelClass = "block text-sm font-medium";

export const primaryButton =
  "rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60";

export const secondaryButton =
  "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-60";

export type Errors = Record<string, string>;

/** The message for a key such as "code.taken" under adminPlans.errors (or adminDepartments.errors), else a generic one. */
export function useErrorText(namespace: "adminPlans" | "adminDepartments" = "adminPlans") {
  const t = useTranslations(`${namespace}.errors`);
  const tp = useTranslations("adminPlans.errors");
  return (key: string | undefined): string | null => {
    if (!key) return null;
    if (t.has(key)) return t(key);
    if (tp.has(key)) return tp(key);
    const field = key.split(".")[0] ?? "";
    return tp.has(`${field}.invalid`) ? tp(`${field}.invalid`) : tp("form.failed");
  };
}

/** Props that tie an input to its message: aria-invalid, aria-describedby. */
export function errorProps(errors: Errors, field: string, id: string) {
  return errors[field]
    ? { "aria-invalid": true as const, "aria-describedby": `${id}-error` }
    : { "aria-invalid": false as const };
}

export function FieldError({ id, text }: { id: string; text: string | null }) {
  return text ? (
    <p id={`${id}-error`} className="mt-1 text-sm text-red-700" data-testid={`error-${id}`}>
      {text}
    </p>
  ) : null;
}

/** A message for the whole form (signed out, unavailable, a refusal not tied to one field). */
export function FormMessage({ kind, text, testId }: { kind: "error" | "ok"; text: string; testId?: string }) {
  return (
    <p
      role={kind === "error" ? "alert" : "status"}
      data-testid={testId}
      className={
        kind === "error"
          ? "rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
          : "rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900"
      }
    >
      {text}
    </p>
  );
}
