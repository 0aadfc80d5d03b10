// What an admin may type when keeping departments and plans: zod schemas whose messages are
// message keys ("code.format"), translated by the interface. Pure: no I/O, usable in the browser.
import { DEFAULT_REMINDER_DAYS, MAX_REMINDER_DAYS } from "./reminders";
import { z } from "zod";
import { numberInput } from "./progress";
import { parseIsoDay } from "./dates";

/** A department's short code, used in initiative codes: KJS, CYZCS. */
export const DEPARTMENT_CODE_RE = /^[A-Z][A-Z0-9]{1,11}$/;

export const DEFAULT_REPORT_DUE_DAY = 25;

/** Decimal(14, 2): at most 12 digits before the point. */
const MAX_TARGET_VALUE = 999_999_999_999.99;

const id = z.string({ error: "id.invalid" }).regex(/^[a-z0-9]{20,40}$/, "id.invalid");

const name = (field: string) =>
  z
    .string({ error: `${field}.required` })
    .trim()
    .min(1, `${field}.required`)
    .max(100, `${field}.tooLong`);

export const departmentCodeSchema = z
  .string({ error: "code.required" })
  .trim()
  .min(1, "code.required")
  .regex(DEPARTMENT_CODE_RE, "code.format");

export const departmentSchema = z
  .object({
    code: departmentCodeSchema,
    nameZhHans: name("nameZhHans"),
    nameZhHant: name("nameZhHant"),
    nameEn: name("nameEn"),
  })
  .strict();

export type DepartmentInput = z.infer<typeof departmentSchema>;

/** A real day given as YYYY-MM-DD: Date.parse would take 2018-02-30 as 2 March. */
export function isCalendarDate(text: string): boolean {
  return parseIsoDay(text, { minYear: 1900 }) !== null;
}

export const dateSchema = (field: string) =>
  z
    .string({ error: `${field}.format` })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${field}.format`)
    .refine(isCalendarDate, `${field}.invalid`);

const yearSchema = z.coerce
  .number({ error: "year.invalid" })
  .int("year.invalid")
  .min(2000, "year.invalid")
  .max(2100, "year.invalid");

const dueDaySchema = z.coerce
  .number({ error: "reportDueDay.range" })
  .int("reportDueDay.range")
  .min(1, "reportDueDay.range")
  .max(28, "reportDueDay.range");

const reminderDaysSchema = z.coerce
  .number({ error: "reminderDaysBefore.range" })
  .int("reminderDaysBefore.range")
  .min(0, "reminderDaysBefore.range")
  .max(MAX_REMINDER_DAYS, "reminderDaysBefore.range");

const planTextFields = {
  heading: z.string({ error: "heading.required" }).trim().min(1, "heading.required").max(200, "heading.tooLong"),
  preamble: z.string().trim().max(10_000, "preamble.tooLong").default(""),
  reportDueDay: z.preprocess((v) => (v === "" || v === undefined || v === null ? DEFAULT_REPORT_DUE_DAY : v), dueDaySchema),
  reminderDaysBefore: z.preprocess((v) => (v === "" || v === undefined || v === null ? DEFAULT_REMINDER_DAYS : v), reminderDaysSchema),
};

export const createPlanSchema = z
  .object({ departmentId: z.string({ error: "departmentId.required" }).min(1, "departmentId.required"), year: yearSchema, ...planTextFields })
  .strict();

export const updatePlanSchema = z.object(planTextFields).strict();

export const themeSchema = z
  .object({
    title: z.string({ error: "title.required" }).trim().min(1, "title.required").max(500, "title.tooLong"),
    intro: z.string().trim().max(10_000, "intro.tooLong").default(""),
  })
  .strict();

/** "" or nothing is no target; otherwise a non-negative number with at most two decimals. */
export const targetValueSchema = z.preprocess(
  (v) => {
    if (v === undefined || v === null) return null;
    if (typeof v !== "string") return v;
    const text = v.trim().replace(/[,，]/g, "");
    return text === "" ? null : (numberInput(text) ?? Number.NaN);
  },
  z
    .number({ error: "targetValue.number" })
    .refine(Number.isFinite, "targetValue.number")
    .refine((n) => n >= 0 && n <= MAX_TARGET_VALUE, "targetValue.range")
    .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, "targetValue.decimals")
    .nullable(),
);

const checkbox = z.preprocess((v) => v === true || v === "true" || v === "on" || v === "1", z.boolean());

const targetFields = {
  targetValue: targetValueSchema,
  targetUnit: z.string().trim().max(20, "targetUnit.tooLong").default(""),
  targetApproximate: checkbox.default(false),
};

/** A target needs its unit: 3 家, 10 %. */
function checkTarget(
  value: { targetValue: number | null; targetUnit: string },
  ctx: z.RefinementCtx,
  path: (string | number)[] = [],
) {
  if (value.targetValue !== null && value.targetUnit === "") {
    ctx.addIssue({ code: "custom", path: [...path, "targetUnit"], message: "targetUnit.required" });
  }
}

export const initiativeSchema = z
  .object({
    title: z.string({ error: "title.required" }).trim().min(1, "title.required").max(500, "title.tooLong"),
    originalText: z.string({ error: "originalText.required" }).trim().min(1, "originalText.required").max(10_000, "originalText.tooLong"),
    ...targetFields,
    dueDate: dateSchema("dueDate"),
    leadDepartmentId: id,
    cooperatingDepartmentIds: z.array(id).max(50).default([]),
  })
  .strict()
  .superRefine((v, ctx) => checkTarget(v, ctx));

export const addInitiativeSchema = z
  .object({
    themeId: z.preprocess((v) => (v === "" ? null : v), id.nullable().default(null)),
  })
  .strict();

export type InitiativeInput = z.infer<typeof initiativeSchema>;

/** A correction the admin makes to one proposed item before an import is committed. */
export const itemCorrectionSchema = z
  .object({
    title: z.string({ error: "title.required" }).trim().min(1, "title.required").max(500, "title.tooLong"),
    ...targetFields,
    dueDate: dateSchema("dueDate"),
    drop: checkbox.default(false),
  })
  .strict()
  .superRefine((v, ctx) => checkTarget(v, ctx));

export const themeCorrectionSchema = z
  .object({
    title: z.string({ error: "title.required" }).trim().min(1, "title.required").max(500, "title.tooLong"),
    drop: checkbox.default(false),
  })
  .strict();

/** The key of a proposed item: its code without the department, `2018-1.2` or `2017-3`. */
export function itemKey(year: number, themeOrdinal: number | null, ordinal: number): string {
  return themeOrdinal === null ? `${year}-${ordinal}` : `${year}-${themeOrdinal}.${ordinal}`;
}

/** The key of a proposed theme: `2018-1`. */
export function themeKey(year: number, ordinal: number): string {
  return `${year}-${ordinal}`;
}

/** Each issue of a zod error as field → message key; nested paths joined with ":" (`item:2018-1.2:title`). */
export function issuesToFields(error: z.ZodError, prefix: string[] = []): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = [...prefix, ...issue.path.map(String)];
    const field = path.length === 0 ? "form" : path.join(":");
    const last = path[path.length - 1] ?? "form";
    fields[field] ??= issue.message.includes(".") ? issue.message : `${last}.invalid`;
  }
  return fields;
}
