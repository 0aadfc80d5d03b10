import "server-only";
import { prisma, type Prisma } from "@workplan/db";
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
import type { Viewer } from "../rules/policy";
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

export interface ReportingCalendar {
  year: number;
  periods: string[];
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
  options: { year: number; months?: readonly number[]; now?: Date },
  db: Db = prisma,
): Promise<ReportingCalendar> {
  const now = options.now ?? new Date();
  const year = Number.isInteger(options.year) ? options.year : Number(shanghaiPeriodOf(now).slice(0, 4));
  let periods = periodsUpTo(year, now);
  if (options.months && options.months.length > 0) {
    const wanted = new Set(options.months);
    periods = periods.filter((p) => wanted.has(Number(p.slice(5))));
  }
  const rows = await db.initiative.findMany({
    where: { AND: [initiativeWhere(viewer), { plan: { year } }] },
    orderBy: [{ department: { code: "asc" } }, { code: "asc" }],
    select: calendarSelect,
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
  return { year, periods, departments: [...departments.values()] };
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
