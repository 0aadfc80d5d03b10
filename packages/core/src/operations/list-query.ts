import "server-only";
import { z } from "zod";
import { fieldErrors } from "../rules/progress";
import { DomainError } from "./errors";
import { normalizeStrings, safeParseText, textRuleFields } from "../rules/text-input";

// What the list operations (initiatives, progress reports) share: reading a query string's
// parameters, and the cursor of a keyset page.

/**
 * The query parsed by `schema`, or a DomainError("invalid") with a message key per field. Empty
 * values (`?year=&q=`) mean no filter; a misspelt parameter (?departmnet=KJS) is an error, not a
 * silently unfiltered list.
 */
export function parseListQuery<S extends z.ZodObject>(schema: S, queryInput: unknown, messages?: Readonly<Record<string, string>>): z.output<S> {
  // Text normalised first: a filter of zero-width characters is no filter.
  const input = withoutEmptyValues(normalizeStrings(queryInput));
  const parsed = safeParseText(schema, input);
  const fields: Record<string, string> = parsed.success ? {} : fieldErrors(parsed.error);
  // The text rule on the values as sent: a value of only a control character that trims away
  // (?overdue=%0B) is refused like any other, not taken for an empty filter.
  Object.assign(fields, textRuleFields(queryInput));
  for (const key of Object.keys(input)) {
    if (!(key in schema.shape)) fields[key] ??= "parameter.unknown";
  }
  if (!parsed.success || Object.keys(fields).length > 0) throw new DomainError("invalid", "the query has problems", fields, messages);
  return parsed.data;
}

/**
 * A whole number from a query string, `min` to `max`, all its refusals the one message key: plain
 * decimal digits only ("0x10", "1e3", "Infinity" and "12abc" are no numbers, as in the forms).
 */
export function queryInteger(error: string, min: number, max: number) {
  return z.preprocess(
    (value) => (typeof value === "string" && !/^\s*[+-]?\d+\s*$/.test(value) ? Number.NaN : value),
    z.coerce.number({ error }).int(error).min(min, error).max(max, error),
  );
}

function withoutEmptyValues(input: unknown): Record<string, unknown> {
  if (input === null || input === undefined) return {};
  if (typeof input !== "object" || Array.isArray(input)) throw new DomainError("invalid", "the query is not an object", { form: "form.invalid" });
  return Object.fromEntries(
    Object.entries(input).filter(([, value]) => value !== "" && value !== undefined && !(typeof value === "string" && value.trim() === "")),
  );
}

/** An opaque cursor: the sort key of the last row of a page, as base64url JSON. */
export function encodeCursor(key: readonly (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

/** The key of a cursor made by encodeCursor, checked against the shapes it may have; else cursor.invalid. */
export function decodeCursor<T extends readonly unknown[]>(cursor: string, shape: z.ZodType<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalidCursor();
  }
  const parsed = shape.safeParse(value);
  if (!parsed.success) throw invalidCursor();
  return parsed.data;
}

export function invalidCursor(): DomainError {
  return new DomainError("invalid", "the cursor is not one this list gave", { cursor: "cursor.invalid" });
}

/** A query string's flag: 1 (yes) or 0 (no). */
export function flagSchema(description: string) {
  return z.enum(["1", "0"], { error: "flag.invalid" }).optional().describe(description);
}

export { beijingToday } from "../rules/dates";
