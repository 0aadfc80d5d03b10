import { type prisma, type Prisma } from "@workplan/db";
import "server-only";
import {
    DEFAULT_DUE_DAY,
    isDone,
    light,
    reportStatus,
    shanghaiPeriodOf,
    type Light,
    type ReportStatus
} from "../../rules/calendar";
import { periodStart } from "../../rules/progress";

// What the operations in reporting-calendar/ share.
export type Db = Prisma.TransactionClient | typeof prisma;

export const calendarSelect = {
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

export type CalendarRow = Prisma.InitiativeGetPayload<{ select: typeof calendarSelect }>;

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
export async function firstReports(db: Db, rows: readonly CalendarRow[], periods: readonly string[]) {
  const map = new Map<string, Date>();
  if (rows.length === 0 || periods.length === 0) return map;
  const months = await db.initiativeMonth.findMany({
    where: { initiativeId: { in: rows.map((r) => r.id) }, period: { in: periods.map((p) => periodStart(p)) } },
    select: { initiativeId: true, period: true, firstReportAt: true },
  });
  for (const m of months) map.set(`${m.initiativeId}/${periodKey(m.period)}`, m.firstReportAt);
  return map;
}

export function periodKey(period: Date): string {
  return `${period.getUTCFullYear()}-${String(period.getUTCMonth() + 1).padStart(2, "0")}`;
}

export function build(row: CalendarRow, periods: readonly string[], reports: Map<string, Date>, now: Date): CalendarInitiative {
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
