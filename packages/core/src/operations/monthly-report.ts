import "server-only";
import { prisma, Prisma } from "@workplan/db";
import { z } from "zod";
import type { Health } from "../rules/health";
import { buildMonthlyReport, REPORT_PERIOD, type MonthlyReport } from "../rules/monthly-report";
import { can, type Viewer } from "../rules/policy";
import { beijingDayStart } from "../rules/dates";
import { DomainError } from "./errors";
import { initiativeScopeSql } from "./scope";
import { planNow } from "../infra/plan-clock";
import { safeParseText } from "../rules/text-input";

// The monthly progress report (工作進展月報) of a scope and a month: every initiative of that year's
// plans the requester sees (narrowed to one department), as of the month — its progress, health and
// measured value from the latest report of the month or before, and the month's own report quoted.
// Approved reports only, unless the caller includes those awaiting review (marked as such).
//
// One statement, whatever the number of reports: the scope's initiatives (a few thousand at most),
// each with two index probes on progress_updates (initiative_id, period) and its month's roll-up.

export const MONTHLY_REPORT_MESSAGES: Readonly<Record<string, string>> = {
  "period.invalid": "Give the month as YYYY-MM, e.g. 2018-06.",
  "department.invalid": "Give a department code such as KJS.",
  "includeSubmitted.invalid": "Give 1 (include reports awaiting review) or 0.",
};

export const monthlyReportQuerySchema = z.object({
  period: z.string({ error: "period.invalid" }).regex(REPORT_PERIOD, "period.invalid").describe("The month, YYYY-MM"),
  department: z
    .string()
    .regex(/^[A-Z][A-Z0-9]{1,9}$/, "department.invalid")
    .optional()
    .describe("A department's code (KJS); without it, everything the caller sees"),
  includeSubmitted: z
    .enum(["1", "0"], { error: "includeSubmitted.invalid" })
    .optional()
    .describe("1: quote reports still awaiting review too, marked as such"),
});

export type MonthlyReportQuery = z.input<typeof monthlyReportQuerySchema>;

interface Row {
  id: string;
  code: string;
  title: string;
  original_text: string;
  target_value: string | null;
  target_unit: string | null;
  target_approximate: boolean;
  due_date: Date;
  original_due_date: Date | null;
  closed_at: Date | null;
  report_due_day: number;
  dept_id: string;
  dept_code: string;
  name_zh_hans: string;
  name_zh_hant: string;
  name_en: string;
  theme_code: string | null;
  theme_title: string | null;
  theme_ordinal: number | null;
  first_report_at: Date | null;
  progress: number | null;
  health: Health | null;
  measured_value: string | null;
  report_status: "APPROVED" | "SUBMITTED" | null;
  work_done: string | null;
  problems: string | null;
  next_steps: string | null;
  author: string | null;
  filed_at: Date | null;
  awaiting: number;
}

const number = (value: string | null) => (value === null ? null : Number(value));

/** The report of `query.period` for the requester's scope, or for one department of it (else 404). */
export async function getMonthlyReport(viewer: Viewer, queryInput: unknown, options: { now?: Date } = {}): Promise<MonthlyReport> {
  if (!can(viewer, "report.export")) throw new DomainError("not_found", "no reports for this viewer");
  const parsed = safeParseText(monthlyReportQuerySchema, queryInput ?? {});
  if (!parsed.success) {
    const fields = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? "form"), i.message]));
    throw new DomainError("invalid", "the report's query has problems", fields, MONTHLY_REPORT_MESSAGES);
  }
  const { period, department: code } = parsed.data;
  const includeSubmitted = parsed.data.includeSubmitted === "1";
  const now = options.now ?? planNow();

  let department = null;
  if (code) {
    department = await prisma.department.findUnique({ where: { code }, select: { id: true, code: true, nameZhHans: true, nameZhHant: true, nameEn: true } });
    // A department the requester does not see looks like one that does not exist.
    if (!department || !can(viewer, "report.export", { departmentId: department.id })) throw new DomainError("not_found", "no such department");
  }

  const year = Number(period.slice(0, 4));
  const month = Number(period.slice(5, 7));
  const periodDate = `${period}-01`;
  const monthEnd = beijingDayStart(year, month + 1, 1);
  // Written as the partial indexes' own predicates (migration report_month_indexes), so that each
  // probe reads the newest row first instead of sorting the initiative's reports.
  const quoted = includeSubmitted ? Prisma.sql`u.status IN ('APPROVED', 'SUBMITTED')` : Prisma.sql`u.status = 'APPROVED'`;
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT i.id, i.code, i.title, i.original_text, i.target_value::text AS target_value, i.target_unit, i.target_approximate,
           i.due_date, i.original_due_date, CASE WHEN i.closed_at < ${monthEnd} THEN i.closed_at END AS closed_at,
           p.report_due_day, d.id AS dept_id, d.code AS dept_code, d.name_zh_hans, d.name_zh_hant, d.name_en,
           t.code AS theme_code, t.title AS theme_title, t.ordinal AS theme_ordinal,
           m.first_report_at,
           asof.progress, asof.health, asof.measured_value,
           rep.status AS report_status, rep.work_done, rep.problems, rep.next_steps, a.name AS author, rep.filed_at,
           (SELECT count(*) FROM progress_updates w
             WHERE w.initiative_id = i.id AND w.period = ${periodDate}::date AND w.status = 'SUBMITTED')::int AS awaiting
      FROM initiatives i
      JOIN work_plans p ON p.id = i.plan_id
      JOIN departments d ON d.id = i.department_id
      LEFT JOIN themes t ON t.id = i.theme_id
      LEFT JOIN initiative_months m ON m.initiative_id = i.id AND m.period = ${periodDate}::date
      LEFT JOIN LATERAL (
        SELECT u.progress, u.health::text AS health, u.measured_value::text AS measured_value
          FROM progress_updates u
         WHERE u.initiative_id = i.id AND u.department_id = i.department_id AND u.period <= ${periodDate}::date
           AND ${quoted}
         ORDER BY u.period DESC, u.created_at DESC
         LIMIT 1
      ) asof ON TRUE
      LEFT JOIN LATERAL (
        SELECT u.status::text AS status, u.work_done, u.problems, u.next_steps, u.author_id, u.created_at AS filed_at
          FROM progress_updates u
         WHERE u.initiative_id = i.id AND u.department_id = i.department_id AND u.period = ${periodDate}::date
           AND ${quoted}
         ORDER BY u.period DESC, u.created_at DESC
         LIMIT 1
      ) rep ON TRUE
      LEFT JOIN users a ON a.id = rep.author_id
     WHERE p.year = ${year} AND ${initiativeScopeSql(viewer, "i")}
       AND ${department ? Prisma.sql`i.department_id = ${department.id}` : Prisma.sql`TRUE`}
       AND (t.id IS NULL OR t.archived_at IS NULL)
     ORDER BY d.code, t.ordinal NULLS LAST, i.ordinal, i.code`;

  return buildMonthlyReport(
    rows.map((r) => ({
      id: r.id,
      code: r.code,
      title: r.title,
      originalText: r.original_text,
      department: { id: r.dept_id, code: r.dept_code, nameZhHans: r.name_zh_hans, nameZhHant: r.name_zh_hant, nameEn: r.name_en },
      theme: r.theme_code === null ? null : { code: r.theme_code, title: r.theme_title ?? "", ordinal: r.theme_ordinal ?? 0 },
      targetValue: number(r.target_value),
      targetUnit: r.target_unit,
      targetApproximate: r.target_approximate,
      dueDate: r.due_date,
      originalDueDate: r.original_due_date,
      closedAt: r.closed_at,
      reportDueDay: r.report_due_day,
      firstReportAt: r.first_report_at,
      progress: r.progress ?? 0,
      health: r.health,
      measuredValue: number(r.measured_value),
      report:
        r.report_status === null
          ? null
          : { status: r.report_status, workDone: r.work_done ?? "", problems: r.problems, nextSteps: r.next_steps, author: r.author ?? "", filedAt: r.filed_at ?? now },
      awaitingReview: r.awaiting,
    })),
    { period, department, includeSubmitted, now },
  );
}
