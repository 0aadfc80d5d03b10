import type { ReactNode } from "react";

/** What the control needs to be tied to its label, hint and message. */
export interface FieldControlProps {
  id: string;
  "aria-invalid": boolean;
  "aria-describedby": string | undefined;
}

interface FieldProps {
  /** The control's id: the label points at it. */
  id: string;
  label: ReactNode;
  /** A hint under the control (or above it, or only while there is no error: see hintPlacement). */
  hint?: ReactNode;
  /** The field's message; nothing (null, undefined, "") means the field is fine. */
  error?: ReactNode;
  /** Defaults to `${id}-hint` and `${id}-error`. */
  hintId?: string;
  errorId?: string;
  /** The test id of the message, as the e2e tests know it. */
  errorTestId?: string;
  errorRole?: "alert";
  /**
   * Where the hint goes: "below" the control and before the message (default), "after-error", "above"
   * the control, or "instead" of the message (shown only while the field is fine).
   */
  hintPlacement?: "below" | "after-error" | "above" | "instead";
  /** Order in aria-describedby: the message first (default), or the hint first. */
  describeHintFirst?: boolean;
  /** Ids of further descriptions outside the field (say, the password rules), read after the field's own. */
  describedBy?: string;
  className?: string;
  labelClassName?: string;
  hintClassName?: string;
  /** The control: given id, aria-invalid and aria-describedby to spread onto it. */
  children: (control: FieldControlProps) => ReactNode;
}

export const fieldLabelClass = "block text-sm font-medium text-slate-800";

// The one look of a text field, select or textarea: a border that turns red while the field is
// refused (aria-invalid), the brand's ring on focus. `filterInputClass` is its smaller size, for
// the filter bars above lists.
const control =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white shadow-sm focus:border-brand-600 focus:outline-none focus:ring-1 focus:ring-brand-600 aria-[invalid=true]:border-red-600";
export const inputClass = `${control} px-3 py-2`;
export const filterInputClass = `${control} px-2 py-1.5 text-sm`;
export const fieldHintClass = "mt-1 text-xs text-slate-600";
export const fieldErrorClass = "mt-1 text-sm text-red-700";

/**
 * A form field: its label (htmlFor), the control (with aria-invalid and aria-describedby pointing at
 * the hint and the message), the hint, and the message next to the field when there is one.
 */
export function Field({
  id,
  label,
  hint,
  error,
  hintId = `${id}-hint`,
  errorId = `${id}-error`,
  errorTestId,
  errorRole,
  hintPlacement = "below",
  describeHintFirst = false,
  describedBy,
  className,
  labelClassName = fieldLabelClass,
  hintClassName = fieldHintClass,
  children,
}: FieldProps) {
  const hasError = error !== null && error !== undefined && error !== false && error !== "";
  const showHint = Boolean(hint) && !(hintPlacement === "instead" && hasError);
  const own = [hasError ? errorId : null, showHint ? hintId : null];
  if (describeHintFirst) own.reverse();
  const ids = [...own, describedBy ?? null].filter(Boolean).join(" ");

  const hintText = showHint ? (
    <p id={hintId} className={hintClassName}>
      {hint}
    </p>
  ) : null;
  const errorText = hasError ? (
    <p id={errorId} className={fieldErrorClass} data-testid={errorTestId} role={errorRole}>
      {error}
    </p>
  ) : null;

  return (
    <div className={className}>
      <label htmlFor={id} className={labelClassName}>
        {label}
      </label>
      {hintPlacement === "above" && hintText}
      {children({ id, "aria-invalid": hasError, "aria-describedby": ids || undefined })}
      {(hintPlacement === "below" || hintPlacement === "instead") && hintText}
      {errorText}
      {hintPlacement === "after-error" && hintText}
    </div>
  );
}
