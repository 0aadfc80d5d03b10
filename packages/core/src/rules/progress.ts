// Progress reporting rules shared by the form (in the browser), the server actions and the API.
import { z } from "zod";
import { HEALTHS, type Health } from "./health";

/** Pace thresholds: how far behind the elapsed time a report may be before it is at risk / off track. */
export const AT_RISK_GAP = 10;
export const OFF_TRACK_GAP = 25;

/**
 * Suggest a health from pace: compare the percent complete with the share of time elapsed from the
 * start of the plan's year to the due date.
 */
export function suggestHealth(input: { progress: number; now: Date; start: Date; due: Date }): Health {
  const { progress, now, start, due } = input;
  if (progress >= 100) return "DONE";
  if (now.getTime() > due.getTime() + 24 * 3600_000) return "OFF_TRACK";
  const span = Math.max(1, due.getTime() - start.getTime());
  const elapsed = Math.min(1, Math.max(0, (now.getTime() - start.getTime()) / span));
  const gap = elapsed * 100 - progress;
  if (gap <= AT_RISK_GAP) return "ON_TRACK";
  if (gap <= OFF_TRACK_GAP) return "AT_RISK";
  return "OFF_TRACK";
}

export function expectedProgress(now: Date, start: Date, due: Date): number {
  const span = Math.max(1, due.getTime() - start.getTime());
  return Math.round(Math.min(1, Math.max(0, (now.getTime() - start.getTime()) / span)) * 100);
}

/** "2018-06" for the month containing `date` (UTC). */
export function periodOf(date: Date): string {
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, "0")}`;
}

export function periodStart(period: string): Date {
  const [y, m] = period.split("-").map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, 1));
}

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

/**
 * The standard monthly report template. Messages are keys (`field.problem`), translated by each
 * transport: the form shows them in the interface's language, the API in English.
 */
export const progressUpdateSchema = z
  .object({
    period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "period.format"),
    progress: z.preprocess(
      numberInput,
      z
        .number({ error: "progress.number" })
        .refine((n) => Number.isFinite(n), "progress.number")
        .refine((n) => Number.isInteger(n), "progress.integer")
        .refine((n) => n >= 0 && n <= 100, "progress.range"),
    ),
    health: z.enum(HEALTHS, { error: "health.required" }),
    healthReason: z.string().trim().max(200, "healthReason.tooLong").optional().default(""),
    workDone: z.string().trim().min(1, "workDone.required").max(TEXT_MAX, "workDone.tooLong"),
    problems: z.string().trim().max(TEXT_MAX, "problems.tooLong").optional().default(""),
    nextSteps: z.string().trim().max(TEXT_MAX, "nextSteps.tooLong").optional().default(""),
    // Optional: blank, null or absent is "not measured" (null).
    measuredValue: z.preprocess(
      (v) => (v === null ? null : (numberInput(v) ?? null)),
      z
        .number({ error: "measuredValue.number" })
        .refine((n) => Number.isFinite(n), "measuredValue.number")
        .refine((n) => n >= 0 && n < 1e12, "measuredValue.range")
        .nullable(),
    ),
    links: z
      .array(z.string().trim().url("links.url").refine((u) => /^https?:\/\//i.test(u), "links.url"))
      .max(MAX_LINKS, "links.tooMany")
      .optional()
      .default([]),
    baseVersion: z.preprocess(
      numberInput,
      z
        .number({ error: "baseVersion.required" })
        .int("baseVersion.required")
        .min(0, "baseVersion.required"),
    ),
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
