import { z } from "zod";

// One rule for the text people and systems send, used by every parser of input (reports, reviews,
// accounts, list filters, supervision, close-out, plans): C0 control characters other than tab and
// line breaks, DEL and lone surrogates are refused (NUL cannot even be stored: PostgreSQL answers
// 22021); bidirectional-override characters are removed (a file "名单\u202Egnp.exe" would read as
// "名单exe.png"); text that is only zero-width characters and spaces is empty. Pure.

/** C0 controls except \t \n \r, DEL, and UTF-16 halves without their partner. */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;
/** Embeddings, overrides and isolates, and the invisible direction marks. */
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/gu;
/** Zero-width spaces and joiners, word joiner, BOM. */
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/gu;

/** Is there a character no text of ours may hold? */
export function hasForbiddenCharacters(text: string): boolean {
  // The u flag cannot see lone surrogates in a regex over code points: test the UTF-16 units too.
  return FORBIDDEN.test(text) || /[\uD800-\uDFFF]/.test(text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ""));
}

/** Bidi controls removed; zero-width-only (and blank) text as "". */
export function normalizeText(text: string): string {
  const withoutBidi = text.replace(BIDI, "");
  return withoutBidi.replace(ZERO_WIDTH, "").trim() === "" ? "" : withoutBidi;
}

/** Every string in a value (objects and arrays walked) normalised. */
export function normalizeStrings(value: unknown): unknown {
  if (typeof value === "string") return normalizeText(value);
  if (Array.isArray(value)) return value.map(normalizeStrings);
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalizeStrings(v)]));
  }
  return value;
}

/** The first field (top-level key) of a value whose text holds a forbidden character, walked deeply. */
export function fieldsWithForbiddenText(value: unknown): string[] {
  const found = new Set<string>();
  const walk = (v: unknown, field: string) => {
    if (typeof v === "string") {
      if (hasForbiddenCharacters(v)) found.add(field);
    } else if (Array.isArray(v)) v.forEach((x) => walk(x, field));
    else if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, field || k);
  };
  if (value !== null && typeof value === "object" && !Array.isArray(value)) for (const [k, x] of Object.entries(value)) walk(x, k);
  else walk(value, "form");
  return [...found];
}

/** Refusals of the text rule for an input, as field → message key ("workDone.control"). */
export function textRuleFields(input: unknown): Record<string, string> {
  return Object.fromEntries(fieldsWithForbiddenText(input).map((field) => [field, `${field}.control`]));
}

/** The largest value of a PostgreSQL integer column: versions and counts are bounded to it. */
export const INT4_MAX = 2_147_483_647;

/**
 * `schema.safeParse` behind the text rule: strings normalised first, and each field whose text holds
 * a forbidden character refused as `<field>.control` (before what else the schema says of it).
 * `field` names a plain-string input ("text" for a pasted document).
 */
export function safeParseText<S extends z.ZodType>(schema: S, input: unknown, field = "form"): z.ZodSafeParseResult<z.output<S>> {
  const forbidden = typeof input === "string" ? (hasForbiddenCharacters(input) ? [field] : []) : fieldsWithForbiddenText(input);
  const result = schema.safeParse(normalizeStrings(input));
  if (forbidden.length === 0) return result;
  const others = result.success ? [] : result.error.issues.filter((issue) => !forbidden.includes(String(issue.path[0] ?? field)));
  const issues: z.core.$ZodIssue[] = [
    ...forbidden.map((f): z.core.$ZodIssue => ({ code: "custom", path: typeof input === "string" ? [] : [f], message: `${f}.control`, input: undefined })),
    ...others,
  ];
  return { success: false, error: new z.ZodError(issues) } as z.ZodSafeParseResult<z.output<S>>;
}
