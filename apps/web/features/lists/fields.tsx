import { fieldErrorClass, fieldHintClass, fieldLabelClass, filterInputClass } from "@/components/Field";

// The filter bar's fields: a label, the control, a hint, and the message of a refused value right
// under it (what was typed stays in the control).

interface FieldProps {
  name: string;
  label: string;
  error?: string | null;
  hint?: string;
  className?: string;
}

function Field({ name, label, error, hint, className = "", children }: FieldProps & { children: React.ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={`filter-${name}`} className={fieldLabelClass}>
        {label}
      </label>
      {children}
      {hint && (
        <p id={`filter-${name}-hint`} className={fieldHintClass}>
          {hint}
        </p>
      )}
      {error && (
        <p id={`filter-${name}-error`} className={fieldErrorClass} data-testid={`filter-error-${name}`}>
          {error}
        </p>
      )}
    </div>
  );
}

function describedBy(name: string, error?: string | null, hint?: string): string | undefined {
  return [error ? `filter-${name}-error` : null, hint ? `filter-${name}-hint` : null].filter(Boolean).join(" ") || undefined;
}

export interface Option {
  value: string;
  label: string;
}

/**
 * A select of `options` after an "any" choice. A value the URL has but the list does not (a
 * hand-edited link) is kept as a marked option, so that the message next to it makes sense.
 */
export function SelectField(props: FieldProps & { value?: string; anyLabel: string; options: Option[]; invalidLabel: (value: string) => string; groups?: { label: string; options: Option[] }[] }) {
  const { name, error, hint, value = "", anyLabel, options, invalidLabel, groups } = props;
  const known = [...options, ...(groups ?? []).flatMap((g) => g.options)].some((o) => o.value === value);
  return (
    <Field {...props}>
      <select
        id={`filter-${name}`}
        name={name}
        defaultValue={value}
        aria-invalid={Boolean(error)}
        aria-describedby={describedBy(name, error, hint)}
        className={filterInputClass}
      >
        <option value="">{anyLabel}</option>
        {value && !known && <option value={value}>{invalidLabel(value)}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {groups?.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </Field>
  );
}

export function TextField(props: FieldProps & { value?: string; type?: "search" | "text" | "month"; placeholder?: string; maxLength?: number; mono?: boolean }) {
  const { name, error, hint, value = "", type = "text", placeholder, maxLength = 100, mono } = props;
  return (
    <Field {...props}>
      <input
        id={`filter-${name}`}
        name={name}
        type={type}
        defaultValue={value}
        placeholder={placeholder}
        maxLength={maxLength}
        autoComplete="off"
        aria-invalid={Boolean(error)}
        aria-describedby={describedBy(name, error, hint)}
        className={`${filterInputClass}${mono ? " font-mono" : ""}`}
      />
    </Field>
  );
}

/** A checkbox sending `name=value` when ticked (nothing when not), with its message under it. */
export function CheckboxField(props: FieldProps & { value: string; checked: boolean; text: string }) {
  const { name, error, hint, value, checked, text, label, className = "" } = props;
  return (
    <div className={className}>
      <span className={fieldLabelClass}>{label}</span>
      <label htmlFor={`filter-${name}`} className="mt-2 flex items-start gap-2 text-sm text-slate-700">
        <input
          id={`filter-${name}`}
          name={name}
          type="checkbox"
          value={value}
          defaultChecked={checked}
          aria-invalid={Boolean(error)}
          aria-describedby={describedBy(name, error, hint)}
          className="mt-0.5 h-4 w-4 rounded border-slate-300 text-brand-700 focus:ring-brand-600"
        />
        <span>{text}</span>
      </label>
      {error && (
        <p id={`filter-${name}-error`} className={fieldErrorClass} data-testid={`filter-error-${name}`}>
          {error}
        </p>
      )}
    </div>
  );
}
