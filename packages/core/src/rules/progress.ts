// Progress reporting rules shared by the server actions and the API (the form in the browser imports
// only ./pace, which has no zod).
import { z } from "zod";
import { HEALTHS } from "./health";
import { INT4_MAX } from "./text-input";

export { AT_RISK_GAP, OFF_TRACK_GAP, expectedProgress, periodOf, periodStart, suggestHealth } from "./pace";

export const TEXT_MAX = 5000;
export const MAX_LINKS = 10;

/**
 * A number as a form field or a JSON body gives it. Blank text is no number at all (undefined, so
 * the field's "give a number" message applies instead of a silent 0), nor are null or booleans;
 * text must be a plain decimal (no hex, no exponent, no "Infinity").
 */
export function numberInput(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const text = value.trim();
  if (text === "") return undefined;
  return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : Number.NaN;
}

const textFields = {
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "period.format").describe("The month reported on, YYYY-MM: not after this month, not before the plan's year"),
  health: z.enum(HEALTHS, { error: "health.required" }),
  healthReason: z
    .string()
    .trim()
    .max(200, "healthReason.tooLong")
    .optional()
    .default("")
    .describe(
      "Required (not blank) when `health` differs from the health the pace suggests for this `progress` (see Initiative.pace), else 400 with fields.healthReason; not kept when they agree",
    ),
  workDone: z.string().trim().min(1, "workDone.required").max(TEXT_MAX, "workDone.tooLong"),
  problems: z.string().trim().max(TEXT_MAX, "problems.tooLong").optional().default(""),
  nextSteps: z.string().trim().max(TEXT_MAX, "nextSteps.tooLong").optional().default(""),
  links: z
    .array(z.string().trim().url("links.url").refine((u) => /^https?:\/\//i.test(u), "links.url"))
    .max(MAX_LINKS, "links.tooMany")
    .optional()
    .default([])
    .describe("Evidence as http(s) links, at most 10"),
};

const MEASURED_VALUE =
  "The measured value against the initiative's target. Null or left out: not measured. Only for an initiative with a target: on one whose `target` is null any number is refused (fields.measuredValue)";
const BASE_VERSION = "The initiative's `version` as read: if it has changed since, the answer is 409 and nothing is saved";

/**
 * The standard monthly report template, as the form sends it (every value text). Messages are keys
 * (`field.problem`), translated by each transport: the form shows them in the interface's language,
 * the API in English.
 */
export const progressUpdateSchema = z
  .object({
    ...textFields,
    progress: z.preprocess(
      numberInput,
      z
        .number({ error: "progress.number" })
        .refine((n) => Number.isFinite(n), "progress.number")
        .refine((n) => Number.isInteger(n), "progress.integer")
        .refine((n) => n >= 0 && n <= 100, "progress.range"),
    ),
    // Optional: blank, null or absent is "not measured" (null).
    measuredValue: z.preprocess(
      (v) => (v === null ? null : (numberInput(v) ?? null)),
      z
        .number({ error: "measuredValue.number" })
        .refine((n) => Number.isFinite(n), "measuredValue.number")
        .refine((n) => n >= 0 && n < 1e12, "measuredValue.range")
        .nullable(),
    ),
    baseVersion: z.preprocess(
      numberInput,
      z
        .number({ error: "baseVersion.required" })
        .int("baseVersion.required")
        .min(0, "baseVersion.required")
        // A version is a PostgreSQL integer: a larger one is no version this initiative has had.
        .max(INT4_MAX, "baseVersion.required"),
    ),
  })
  .strict();

/**
 * The same report as a JSON body (the API): the types are strict, a number given as text
 * ("55") is refused like any other wrong type. Same keys, same output as the form's schema.
 */
export const progressUpdateJsonSchema = z
  .object({
    ...textFields,
    progress: z
      .number({ error: "progress.number" })
      .min(0, "progress.range")
      .max(100, "progress.range")
      .int("progress.integer")
      .describe("Percent complete, a whole number 0–100"),
    measuredValue: z
      .number({ error: "measuredValue.number" })
      .min(0, "measuredValue.range")
      .lt(1e12, "measuredValue.range")
      .nullable()
      .default(null)
      .describe(MEASURED_VALUE),
    baseVersion: z
      .number({ error: "baseVersion.required" })
      .int("baseVersion.required")
      .min(0, "baseVersion.required")
      .max(INT4_MAX, "baseVersion.required")
      .describe(BASE_VERSION),
  })
  .strict();

export type ProgressUpdateInput = z.input<typeof progressUpdateSchema>;
export type ProgressUpdateData = z.output<typeof progressUpdateSchema>;

/** Field → message key for each problem, first problem per field. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    const key = issue.message.includes(".") ? issue.message : `${field}.invalid`;
    fields[field] ??= key;
  }
  return fields;
}

/** English wording of the message keys, for the API. The interface translates the same keys. */
export const ENGLISH_MESSAGES: Record<string, string> = {
  "period.format": "Give the month as YYYY-MM.",
  "period.future": "The period cannot be in the future.",
  "period.beforePlan": "The period is before the plan's year.",
  "progress.number": "Give the percent complete as a number.",
  "progress.integer": "The percent complete must be a whole number.",
  "progress.range": "The percent complete must be between 0 and 100.",
  "health.required": "Choose a health.",
  "healthReason.required": "Say in one line why the health differs from the suggested one.",
  "healthReason.tooLong": "Keep the reason to 200 characters.",
  "workDone.required": "Describe the work done this period.",
  "workDone.tooLong": "Keep this to 5000 characters.",
  "problems.tooLong": "Keep this to 5000 characters.",
  "nextSteps.tooLong": "Keep this to 5000 characters.",
  "measuredValue.number": "Give the measured value as a number.",
  "measuredValue.range": "The measured value must be zero or more.",
  "measuredValue.noTarget": "This initiative has no quantitative target.",
  "links.url": "Give each link as an http(s) address.",
  "links.tooMany": "At most 10 links.",
  "files.tooLarge": "Each file may be at most 10 MB.",
  "files.type": "Only PDF, Office documents and images are accepted (checked by content).",
  "files.tooMany": "At most 10 files.",
  "initiative.closed": "This initiative is closed and takes no more reports.",
  "baseVersion.required": "The form is out of date; reload it.",
};
