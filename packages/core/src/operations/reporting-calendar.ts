import "server-only";
import { prisma, Prisma } from "@workplan/db";
import {
  DEFAULT_DUE_DAY,
  isDone,
  light,
  periodsUpTo,
  reportStatus,
  shanghaiPeriodOf,
  type Light,
  type ReportStatus,
} from "../rules/calendar";
import { periodStart } from "../rules/progress";
import { departmentScope, type Viewer } from "../rules/policy";
import { lightSql, periodSql, reportStatusSql } from "./calendar-sql";
import { idSchema } from "./get-initiative";
import { initiativeRecordWhere, initiativeWhere } from "./scope";

type Db = Prisma.TransactionClient | typeof prisma;

const calendarSelect = {
  id: true,
  code: true,
  title: true,
  ordinal: true,
  departmentId: true,
  dueDate: true,
  progress: true,
  health: true,
  closedAt: true,
  chaseCount: true,
  cooperations: { select: { departmentId: true } },
  plan: { select: { year: true, reportDueDay: true } },
  department: { select: { id: true, code: true, nameZhHans: true, nameZhHant: true, nameEn: true } },
} satisfies Prisma.InitiativeSelect;

type CalendarRow = Prisma.InitiativeGetPayload<{ select: typeof calendarSelect }>;

export interface CalendarInitiative {
  id: string;
  code: string;
  title: string;
  departmentId: string;
  cooperatingDepartmentIds: string[];
  chaseCount: number;
  /** Reported done, at 100 % or closed: owes no more reports. */
  done: boolean;
  light: Light;
  months: { period: string; status: ReportStatus; firstReportAt: Date | null }[];
}

/**
 * First lead-department report per (initiative, period), from the stored monthly roll-up
 * (initiative_months, kept by a trigger on progress_updates): ONE query for all the rows, reading
 * at most initiatives × months rows however many reports there are.
 */
async function firstReports(db: Db, rows: readonly CalendarRow[], periods: readonly string[]) {
  const map = new Map<string, Date>();
  if (rows.length === 0 || periods.length === 0) return map;
  const months = await db.initiativeMonth.findMany({
    where: { initiativeId: { in: rows.map((r) => r.id) }, period: { in: periods.map((p) => periodStart(p)) } },
    select: { initiativeId: true, period: true, firstReportAt: true },
  });
  for (const m of months) map.set(`${m.initiativeId}/${periodKey(m.period)}`, m.firstReportAt);
  return map;
}

function periodKey(period: Date): string {
  return `${period.getUTCFullYear()}-${String(period.getUTCMonth() + 1).padStart(2, "0")}`;
}

function build(row: CalendarRow, periods: readonly string[], reports: Map<string, Date>, now: Date): CalendarInitiative {
  const dueDay = row.plan.reportDueDay || DEFAULT_DUE_DAY;
  const months = periods.map((period) => {
    const firstReportAt = reports.get(`${row.id}/${period}`) ?? null;
    return { period, firstReportAt, status: reportStatus({ period, dueDay, firstReportAt, now }) };
  });
  const current = shanghaiPeriodOf(now);
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    departmentId: row.departmentId,
    cooperatingDepartmentIds: row.cooperations.map((c) => c.departmentId),
    chaseCount: row.chaseCount,
    done: isDone(row),
    months,
    light: light({
      now,
      dueDay,
      reportedThisMonth: reports.has(`${row.id}/${current}`),
      initiativeDueDate: row.dueDate,
      done: isDone(row),
    }),
  };
}

/** Rows of a department's calendar on one page. */
export const CALENDAR_PAGE_SIZE = 50;

export interface ReportingCalendar {
  year: number;
  periods: string[];
  /** Initiatives in the whole calendar (all pages), the page shown (1-based) and the number of pages. */
  total: number;
  page: number;
  pages: number;
  departments: {
    id: string;
    code: string;
    nameZhHans: string;
    nameZhHant: string;
    nameEn: string;
    initiatives: CalendarInitiative[];
  }[];
}

/**
 * The reporting calendar of a plan year for the viewer's scope: per initiative (not archived), the
 * status of each month's report up to now and the current light, grouped by lead department.
 */
export async function getReportingCalendar(
  viewer: Viewer,
  options: { year: number; months?: readonly number[]; now?: Date; department?: string; page?: number; pageSize?: number },
  db: Db = prisma,
): Promise<ReportingCalendar> {
  const now = options.now ?? new Date();
  const year = Number.isInteger(options.year) ? options.year : Number(shanghaiPeriodOf(now).slice(0, 4));
  let periods = periodsUpTo(year, now);
  if (options.months && options.months.length > 0) {
    const wanted = new Set(options.months);
    periods = periods.filter((p) => wanted.has(Number(p.slice(5))));
  }
  const where: Prisma.InitiativeWhereInput = {
    AND: [initiativeWhere(viewer), { plan: { year } }, options.department ? { department: { code: options.department } } : {}],
  };
  const pageSize = options.pageSize ?? CALENDAR_PAGE_SIZE;
  const total = await db.initiative.count({ where });
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(pages, Math.max(1, Math.trunc(options.page ?? 1) || 1));
  const rows = await db.initiative.findMany({
    where,
    orderBy: [{ department: { code: "asc" } }, { code: "asc" }],
    select: calendarSelect,
    skip: (page - 1) * pageSize,
    take: pageSize,
  });
  // The light needs this month even when the calendar shows other months.
  const current = shanghaiPeriodOf(now);
  const lookup = periods.includes(current) ? periods : [...periods, current].sort();
  const reports = await firstReports(db, rows, lookup);
  const departments = new Map<string, ReportingCalendar["departments"][number]>();
  for (const row of rows) {
    let dept = departments.get(row.departmentId);
    if (!dept) {
      dept = { ...row.department, initiatives: [] };
      departments.set(row.departmentId, dept);
    }
    dept.initiatives.push(build(row, periods, reports, now));
  }
  return { year, periods, total, page, pages, departments: [...departments.values()] };
}

/** One initiative's current light (its page), or null when not visible. */
export async function getInitiativeLight(viewer: Viewer, idInput: unknown, now: Date = new Date(), db: Db = prisma) {
  const id = idSchema.safeParse(idInput);
  if (!id.success) return null;
  const row = await db.initiative.findFirst({
    where: { AND: [{ id: id.data }, initiativeRecordWhere(viewer)] },
    select: calendarSelect,
  });
  if (!row) return null;
  return lightOf(db, row, now);
}

/** The current light and this month's status of loaded initiatives (one query for all). */
export async function lightsOf(db: Db, rows: readonly CalendarRow[], now: Date): Promise<CalendarInitiative[]> {
  const current = shanghaiPeriodOf(now);
  const reports = await firstReports(db, rows, [current]);
  return rows.map((row) => build(row, [current], reports, now));
}

export async function lightOf(db: Db, row: CalendarRow, now: Date): Promise<CalendarInitiative> {
  const [one] = await lightsOf(db, [row], now);
  if (!one) throw new Error("unreachable");
  return one;
}

export { calendarSelect };

export interface CalendarSummaryCell {
  period: string;
  onTime: number;
  late: number;
  missing: number;
  notDue: number;
  /** The worst status in the cell: MISSING, then LATE, then ON_TIME (NOT_DUE when nothing was due). */
  worst: ReportStatus;
}

export interface CalendarSummaryDepartment {
  id: string;
  code: string;
  nameZhHans: string;
  nameZhHant: string;
  nameEn: string;
  initiatives: number;
  /** Current lights of the department's initiatives (as on its own calendar). */
  red: number;
  yellow: number;
  chases: number;
  months: CalendarSummaryCell[];
}

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
  const now = options.now ?? new Date();
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
