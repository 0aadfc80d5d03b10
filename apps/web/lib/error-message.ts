// Operations answer with message keys ("reason.required"); each feature keeps their wording under its
// own `errors`. An unknown key falls back to a general message of that feature rather than showing the key.

/** The part of next-intl's translator this needs. */
export type ErrorTranslator = { (key: string): string; has(key: string): boolean };

/** `errors.${key}` in the reader's language, or `errors.${fallback}` for a key without wording; null without a key. */
export function errorMessage(t: ErrorTranslator, key: string | null | undefined, fallback = "generic"): string | null {
  if (!key) return null;
  if (t.has(`errors.${key}`)) return t(`errors.${key}`);
  // The one text rule's refusal ("workDone.control"): the same sentence for every field.
  if (key.endsWith(".control") && t.has("errors.control")) return t("errors.control");
  return t(`errors.${fallback}`);
}
