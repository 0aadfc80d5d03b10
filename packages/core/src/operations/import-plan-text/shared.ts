import { prisma } from "@workplan/db";
import "server-only";
import { z } from "zod";
import {
    parseWorkReport,
    WorkReportParseError,
    type ParsedDepartmentReport,
    type ParsedItem,
    type ParsedPlan,
    type ParsedTarget,
} from "../../rules/parse-work-report";
import {
    departmentSchema,
    issuesToFields,
    itemCorrectionSchema,
    itemKey,
    themeCorrectionSchema,
    themeKey,
} from "../../rules/plan-admin";
import { DomainError } from "../errors";
import { idSchema } from "../get-initiative";
import {
    defaultDueDate,
    type DepartmentNames,
    type ImportCorrections,
    type ItemCorrection
} from "../import-work-report";
import { isoDay } from "../../rules/dates";
import { safeParseText } from "../../rules/text-input";

// What the operations in import-plan-text/ share.
export const MAX_TEXT_LENGTH = 200_000;

/** What is wrong with the pasted text, with its line, for a message in the reader's language. */
export interface TextProblem {
  problem: string;
  line: number | null;
  params: Record<string, string>;
}

/** The text (and/or the department) cannot be imported as typed. `fields.text` is set when the text is the problem. */
export class PlanTextError extends DomainError {
  constructor(
    fields: Record<string, string>,
    public readonly text: TextProblem | null,
  ) {
    super("invalid", text ? `the text cannot be read: ${text.problem}` : "the import has problems", fields);
    this.name = "PlanTextError";
  }
}

export const departmentChoiceSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("existing"), departmentId: z.string() }).strict(),
  z.object({ kind: z.literal("new"), code: z.unknown(), nameZhHans: z.unknown(), nameZhHant: z.unknown(), nameEn: z.unknown() }).strict(),
]);

export const textSchema = z.string({ error: "text.required" }).max(MAX_TEXT_LENGTH, "text.tooLong");

export interface PreviewItem {
  key: string;
  ordinal: number;
  title: string;
  originalText: string;
  target: Pick<ParsedTarget, "value" | "unit" | "approximate"> | null;
  /** YYYY-MM-DD: the end of the plan's year */
  dueDate: string;
}

export interface PreviewTheme {
  key: string;
  ordinal: number;
  title: string;
  intro: string;
  items: PreviewItem[];
}

export interface PreviewPlan {
  year: number;
  /** the prior year's record (imported closed, done) or the coming year's plan */
  kind: "record" | "plan";
  heading: string;
  preamble: string;
  themes: PreviewTheme[];
  items: PreviewItem[];
}

export interface PlanTextPreview {
  /** as the text names it, e.g. 科技司 */
  departmentName: string;
  /** the code the initiatives will get; null when the new department's code is not valid yet */
  departmentCode: string | null;
  /** an existing department whose names do not include the one in the text */
  nameMismatch: boolean;
  /** years in the text the department already has a plan for: the commit will be refused */
  existingYears: number[];
  plans: PreviewPlan[];
  /** the department's problems (field → message key); the preview is shown all the same */
  problems?: Record<string, string>;
}

export type Department =
  | { kind: "existing"; id: string; names: DepartmentNames }
  | { kind: "new"; names: DepartmentNames };

/** The chosen department, with any problem as a field error. */
export async function resolveDepartment(input: unknown, fields: Record<string, string>): Promise<Department | null> {
  const choice = departmentChoiceSchema.safeParse(input);
  if (!choice.success) {
    fields.departmentId = "departmentId.required";
    return null;
  }
  if (choice.data.kind === "existing") {
    const id = idSchema.safeParse(choice.data.departmentId);
    const row = id.success
      ? await prisma.department.findUnique({
          where: { id: id.data },
          select: { id: true, code: true, nameZhHans: true, nameZhHant: true, nameEn: true, archivedAt: true },
        })
      : null;
    if (!row) {
      fields.departmentId = choice.data.departmentId === "" ? "departmentId.required" : "departmentId.unknown";
      return null;
    }
    if (row.archivedAt) {
      fields.departmentId = "departmentId.archived";
      return null;
    }
    const { id: departmentId, archivedAt: _archived, ...names } = row;
    return { kind: "existing", id: departmentId, names };
  }
  const { kind: _kind, ...rest } = choice.data;
  const parsed = safeParseText(departmentSchema, rest);
  if (!parsed.success) {
    Object.assign(fields, issuesToFields(parsed.error));
    return null;
  }
  const taken = await prisma.department.findUnique({ where: { code: parsed.data.code }, select: { id: true } });
  if (taken) {
    fields.code = "code.taken";
    return null;
  }
  return { kind: "new", names: parsed.data };
}

/** The text as one department's report, or the problem with it. */
export function parseText(input: unknown, fields: Record<string, string>): { report: ParsedDepartmentReport | null; problem: TextProblem | null } {
  const text = safeParseText(textSchema, input, "text");
  if (!text.success) {
    fields.text = text.error.issues[0]?.message ?? "text.required";
    return { report: null, problem: null };
  }
  let reports: ParsedDepartmentReport[];
  try {
    reports = parseWorkReport(text.data);
  } catch (error) {
    if (!(error instanceof WorkReportParseError)) throw error;
    fields.text = `parse.${error.problem}`;
    return { report: null, problem: { problem: error.problem, line: error.line, params: { ...error.params } } };
  }
  const [first, second] = reports;
  if (first === undefined) {
    fields.text = "parse.noPlan";
    return { report: null, problem: { problem: "noPlan", line: null, params: {} } };
  }
  if (second !== undefined) {
    // One department at a time: the admin chose which one it is.
    const heading = second.sourceDocument.split("\n")[0] ?? "";
    const lineIndex = text.data.split(/\r\n|\r|\n/u).findIndex((line) => line === heading);
    fields.text = "parse.severalDepartments";
    return {
      report: null,
      problem: {
        problem: "severalDepartments",
        line: lineIndex < 0 ? null : lineIndex + 1,
        params: { count: String(reports.length), departments: reports.map((r) => r.departmentName).join("、"), department: second.departmentName },
      },
    };
  }
  if (first.plan === null) {
    fields.text = "parse.noPlan";
    return { report: null, problem: { problem: "noPlan", line: null, params: {} } };
  }
  return { report: first, problem: null };
}

export function previewItem(year: number, themeOrdinal: number | null, item: ParsedItem): PreviewItem {
  return {
    key: itemKey(year, themeOrdinal, item.ordinal),
    ordinal: item.ordinal,
    title: item.title,
    originalText: item.originalText,
    target: item.target && { value: item.target.value, unit: item.target.unit, approximate: item.target.approximate },
    dueDate: isoDay(defaultDueDate(year)),
  };
}

export function previewPlan(plan: ParsedPlan, kind: "record" | "plan"): PreviewPlan {
  return {
    year: plan.year,
    kind,
    heading: plan.heading,
    preamble: plan.preamble,
    items: plan.items.map((item) => previewItem(plan.year, null, item)),
    themes: plan.themes.map((theme) => ({
      key: themeKey(plan.year, theme.ordinal),
      ordinal: theme.ordinal,
      title: theme.title,
      intro: theme.intro,
      items: theme.items.map((item) => previewItem(plan.year, theme.ordinal, item)),
    })),
  };
}

export function previewOf(report: ParsedDepartmentReport): PreviewPlan[] {
  const plans: PreviewPlan[] = [];
  if (report.record) plans.push(previewPlan(report.record, "record"));
  if (report.plan) plans.push(previewPlan(report.plan, "plan"));
  return plans;
}

export async function existingYears(department: Department | null, plans: PreviewPlan[]): Promise<number[]> {
  if (department?.kind !== "existing") return [];
  const rows = await prisma.workPlan.findMany({
    where: { departmentId: department.id, year: { in: plans.map((p) => p.year) } },
    select: { year: true },
    orderBy: { year: "asc" },
  });
  return rows.map((r) => r.year);
}

export function nameMatches(names: DepartmentNames, textName: string): boolean {
  return [names.nameZhHant, names.nameZhHans].some((n) => n === textName || n.endsWith(textName) || textName.endsWith(n));
}

export interface ImportInput {
  text?: unknown;
  department?: unknown;
}

/** An item's row in the preview as the admin left it. */
export const rowSchema = z.record(z.string(), z.unknown());

export const correctionsSchema = z
  .object({
    items: z.record(z.string(), rowSchema).default({}),
    themes: z.record(z.string(), rowSchema).default({}),
    skipRecord: z.boolean().default(false),
  })
  .strict();

export function sameTarget(a: PreviewItem["target"], b: PreviewItem["target"]): boolean {
  if (a === null || b === null) return a === b;
  return a.value === b.value && a.unit === b.unit && a.approximate === b.approximate;
}

/** The admin's rows compared with what the parser proposed: only what differs is a correction. */
export function corrections(plans: PreviewPlan[], input: unknown, fields: Record<string, string>): ImportCorrections {
  const parsed = correctionsSchema.safeParse(input ?? {});
  if (!parsed.success) {
    fields.form = "corrections.invalid";
    return {};
  }
  const rows = parsed.data;
  const items: Record<string, ItemCorrection> = {};
  const themes: Record<string, { title?: string; drop?: boolean }> = {};
  const known = new Set<string>();

  const checkItem = (plan: PreviewPlan, item: PreviewItem, themeDropped: boolean) => {
    known.add(`item:${item.key}`);
    const row = rows.items[item.key];
    if (row === undefined || themeDropped) return;
    if (row.drop === true || row.drop === "true") {
      items[item.key] = { drop: true };
      return;
    }
    const check = safeParseText(itemCorrectionSchema, row);
    if (!check.success) {
      Object.assign(fields, issuesToFields(check.error, ["item", item.key]));
      return;
    }
    const c = check.data;
    const correction: ItemCorrection = {};
    if (c.title !== item.title) correction.title = c.title;
    const target = c.targetValue === null ? null : { value: c.targetValue, unit: c.targetUnit, approximate: c.targetApproximate };
    if (!sameTarget(target, item.target)) correction.target = target;
    if (c.dueDate !== item.dueDate) {
      const due = new Date(`${c.dueDate}T00:00:00Z`);
      if (due.getUTCFullYear() < plan.year) fields[`item:${item.key}:dueDate`] = "dueDate.beforePlan";
      else correction.dueDate = due;
    }
    if (Object.keys(correction).length > 0) items[item.key] = correction;
  };

  for (const plan of plans) {
    const skipped = plan.kind === "record" && rows.skipRecord;
    let kept = 0;
    for (const item of plan.items) {
      checkItem(plan, item, skipped);
      if (!items[item.key]?.drop) kept += 1;
    }
    for (const theme of plan.themes) {
      known.add(`theme:${theme.key}`);
      const row = rows.themes[theme.key];
      let dropped = false;
      if (row !== undefined && !skipped) {
        if (row.drop === true || row.drop === "true") {
          themes[theme.key] = { drop: true };
          dropped = true;
        } else {
          const check = safeParseText(themeCorrectionSchema, row);
          if (!check.success) Object.assign(fields, issuesToFields(check.error, ["theme", theme.key]));
          else if (check.data.title !== theme.title) themes[theme.key] = { title: check.data.title };
        }
      }
      for (const item of theme.items) {
        checkItem(plan, item, skipped || dropped);
        if (!dropped && !items[item.key]?.drop) kept += 1;
      }
    }
    if (plan.kind === "plan" && kept === 0) fields.form ??= "items.allDropped";
  }
  // Rows for items the text does not have: the preview was of another text.
  const stale =
    Object.keys(rows.items).some((k) => !known.has(`item:${k}`)) || Object.keys(rows.themes).some((k) => !known.has(`theme:${k}`));
  if (stale) fields.form ??= "corrections.stale";
  return { items, themes, skipRecord: rows.skipRecord };
}

export interface CommitInput extends ImportInput {
  corrections?: unknown;
}
