"use client";

import { useTranslations } from "next-intl";
import { fieldErrorClass } from "@/components/Field";

// The pieces every admin form here shares: a field's message next to it, in the reader's language,
// from the message key the operation answered with ("code.taken"). The fields' look is
// components/Field's inputClass, the form's own message components/Alert.

export type Errors = Record<string, string>;

/** The message for a key such as "code.taken" under adminPlans.errors (or adminDepartments.errors), else a generic one. */
export function useErrorText(namespace: "adminPlans" | "adminDepartments" = "adminPlans") {
  const t = useTranslations(`${namespace}.errors`);
  const tp = useTranslations("adminPlans.errors");
  return (key: string | undefined): string | null => {
    if (!key) return null;
    if (t.has(key)) return t(key);
    if (tp.has(key)) return tp(key);
    if (key.endsWith(".control")) return tp("control");
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
    <p id={`${id}-error`} className={fieldErrorClass} data-testid={`error-${id}`}>
      {text}
    </p>
  ) : null;
}
