import { prisma, Prisma } from "@workplan/db";
import "server-only";
import {
    periodsUpTo,
    shanghaiPeriodOf,
    type ReportStatus
} from "../../rules/calendar";
import { departmentScope, type Viewer } from "../../rules/policy";
import { lightSql, periodSql, reportStatusSql } from "../calendar-sql";
import { type CalendarSummaryCell, type CalendarSummaryDepartment, type Db } from "./shared";
import { planNow } from "../../infra/plan-clock";

/**
 * The ministry-wide reporting calendar: per lead department and month, how many reports came on
 * time, late or not at all, and the current red and yellow lights. Counted in the database from the
 * stored monthly roll-up (rules/calendar.ts in SQL: calendar-sql.ts), in two queries whatever the
 * number of initiatives and reports; the figures are the sums of the department calendars' cells.
 */
export async function getCalendarSummary(
  viewer: Viewer,
  options: { year: number; now?: Date },
  db: Db = prisma,
): Promise<{ year: number; periods: string[]; departments: CalendarSummaryDepartment[] }> {
  const now = options.now ?? planNow();
  const year = options.year;
  const periods = periodsUpTo(year, now);
  const current = shanghaiPeriodOf(now);
  const scope = departmentScope(viewer);
  const inScope =
    scope.kind === "ministry"
      ? Prisma.sql`TRUE`
      : Prisma.sql`(i.department_id = ${scope.departmentId} OR EXISTS (SELECT 1 FROM initiative_cooperations c WHERE c.initiative_id = i.id AND c.department_id = ${scope.departmentId}))`;
  const dueDay = Prisma.sql`p.report_due_day`;
  const [departments, cells] = await Promise.all([
    db.$queryRaw<
      { id: string; code: string; name_zh_hans: string; name_zh_hant: string; name_en: string; initiatives: number; red: number; yellow: number; chases: number }[]
    >`
      SELECT d.id, d.code, d.name_zh_hans, d.name_zh_hant, d.name_en,
             count(*)::int AS initiatives,
             count(*) FILTER (WHERE l.light = 'RED')::int AS red,
             count(*) FILTER (WHERE l.light = 'YELLOW')::int AS yellow,
             COALESCE(sum(i.chase_count), 0)::int AS chases
      FROM initiatives i
      JOIN work_plans p ON p.id = i.plan_id
      JOIN departments d ON d.id = i.department_id
      LEFT JOIN initiative_months cur ON cur.initiative_id = i.id AND cur.period = ${periodSql(current)}
      CROSS JOIN LATERAL (SELECT ${lightSql("i", dueDay, Prisma.sql`(cur.initiative_id IS NOT NULL)`, current, now)} AS light) l
      WHERE p.year = ${year} AND i.archived_at IS NULL AND ${inScope}
      GROUP BY d.id
      ORDER BY d.code`,
    periods.length === 0
      ? Promise.resolve([])
      : db.$queryRaw<{ department_id: string; period: string; status: ReportStatus; n: number }[]>`
      SELECT i.department_id, to_char(per.period, 'YYYY-MM') AS period,
             ${reportStatusSql(Prisma.sql`per.period`, dueDay, Prisma.sql`m.first_report_at`, now)} AS status,
             count(*)::int AS n
      FROM initiatives i
      JOIN work_plans p ON p.id = i.plan_id
      CROSS JOIN unnest(${periods.map((x) => `${x}-01`)}::date[]) AS per(period)
      LEFT JOIN initiative_months m ON m.initiative_id = i.id AND m.period = per.period
      WHERE p.year = ${year} AND i.archived_at IS NULL AND ${inScope}
      GROUP BY 1, 2, 3`,
  ]);
  const byCell = new Map<string, CalendarSummaryCell>();
  for (const c of cells) {
    const key = `${c.department_id}/${c.period}`;
    const cell = byCell.get(key) ?? { period: c.period, onTime: 0, late: 0, missing: 0, notDue: 0, worst: "NOT_DUE" as ReportStatus };
    if (c.status === "ON_TIME") cell.onTime += c.n;
    else if (c.status === "LATE") cell.late += c.n;
    else if (c.status === "MISSING") cell.missing += c.n;
    else cell.notDue += c.n;
    cell.worst = cell.missing > 0 ? "MISSING" : cell.late > 0 ? "LATE" : cell.onTime > 0 ? "ON_TIME" : "NOT_DUE";
    byCell.set(key, cell);
  }
  return {
    year,
    periods,
    departments: departments.map((d) => ({
      id: d.id,
      code: d.code,
      nameZhHans: d.name_zh_hans,
      nameZhHant: d.name_zh_hant,
      nameEn: d.name_en,
      initiatives: d.initiatives,
      red: d.red,
      yellow: d.yellow,
      chases: d.chases,
      months: periods.map(
        (period) => byCell.get(`${d.id}/${period}`) ?? { period, onTime: 0, late: 0, missing: 0, notDue: 0, worst: "NOT_DUE" as ReportStatus },
      ),
    })),
  };
}
