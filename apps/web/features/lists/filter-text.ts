// The lists' wording of a refused filter: operations answer with message keys (`year.unknown`) that
// the lists nest under lists.errors; an unknown key falls back to the general message.
type Translator = { (key: string, values?: Record<string, string>): string; has(key: string): boolean };

export interface FilterText {
  /** The message of the refused value of `field`, or null when the field is fine. */
  message: (field: string) => string | null;
  /** The label of a value the URL has but the choices do not (a hand-edited link). */
  invalidLabel: (value: string) => string;
  /** The props of a field named like its label (`lists.filters.<name>`): name, label, value, message. */
  field: (name: string, value: string | undefined) => { name: string; label: string; value: string | undefined; error: string | null };
}

export function filterText(t: Translator, errors: Record<string, string>): FilterText {
  const message = (field: string) => {
    const key = errors[field];
    if (!key) return null;
    if (t.has(`errors.${key}`)) return t(`errors.${key}`);
    return key.endsWith(".control") ? t("errors.control") : t("errors.summary");
  };
  return {
    message,
    invalidLabel: (value) => t("filters.invalidValue", { value }),
    field: (name, value) => ({ name, label: t(`filters.${name}`), value, error: message(name) }),
  };
}
