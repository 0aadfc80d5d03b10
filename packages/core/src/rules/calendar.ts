// The monthly reporting calendar (報送日曆) and the supervision light (督辦燈): pure, with the clock
// passed in. Days are counted in Asia/Shanghai (UTC+8, no daylight saving): a report filed at 23:59
// Beijing time on the due day is on time.

import { beijingDayStart, beijingMonth, DAY_MS } from "./dates";

export type ReportStatus = "ON_TIME" | "LATE" | "MISSING" | "NOT_DUE";
export type Light = "RED" | "YELLOW" | "GREEN";

export const DEFAULT_DUE_DAY = 25;
/** Days before the due day from which an unreported initiative shows yellow. */
export const YELLOW_WINDOW_DAYS = 3;

const shanghaiDayStart = beijingDayStart;

function clampDueDay(dueDay: number): number {
  if (!Number.isFinite(dueDay)) return DEFAULT_DUE_DAY;
  return Math.min(28, Math.max(1, Math.trunc(dueDay)));
}

function parsePeriod(period: string): { year: number; month: number } {
  const [y, m] = period.split("-").map(Number);
  return { year: y ?? 1970, month: m ?? 1 };
}

/** "2018-06": the month containing `date` in Beijing time. */
export function shanghaiPeriodOf(date: Date): string {
  return beijingMonth(date);
}

/** The first instant after the due day of a period (end of the due day, Beijing time). */
export function reportDeadline(period: string, dueDay: number): Date {
  const { year, month } = parsePeriod(period);
  return shanghaiDayStart(year, month, clampDueDay(dueDay) + 1);
}

/** The status of one month's report of an initiative, from its first (lead department) report. */
export function reportStatus(input: { period: string; dueDay: number; firstReportAt: Date | null; now: Date }): ReportStatus {
  return statusAt(reportDeadline(input.period, input.dueDay).getTime(), input.firstReportAt?.getTime() ?? null, input.now.getTime());
}

/**
 * reportStatus on instants in milliseconds, for loops over thousands of initiative-months (the
 * overview) that compute each deadline once instead of once per initiative.
 */
export function statusAt(deadlineMs: number, firstReportAtMs: number | null, nowMs: number): ReportStatus {
  if (firstReportAtMs !== null) return firstReportAtMs < deadlineMs ? "ON_TIME" : "LATE";
  return nowMs >= deadlineMs ? "MISSING" : "NOT_DUE";
}

/** A DATE column (stored as UTC midnight) has passed once its Beijing day is over. */
export function pastDueDate(dueDate: Date, now: Date): boolean {
  const end = shanghaiDayStart(dueDate.getUTCFullYear(), dueDate.getUTCMonth() + 1, dueDate.getUTCDate() + 1);
  return now.getTime() >= end.getTime();
}

/** Done: reported DONE, at 100 %, or closed. Done initiatives need no more reports. */
export function isDone(input: { health: string | null; progress: number; closedAt: Date | null }): boolean {
  return input.health === "DONE" || input.progress >= 100 || input.closedAt !== null;
}

/**
 * The current light of an initiative: red when this month's report is overdue or the initiative is
 * past its own due date and not done; yellow from the start of the day three days before the due day
 * (e.g. the 22nd for the 25th) while this month is unreported; green otherwise (and always when done).
 */
export function light(input: {
  now: Date;
  dueDay: number;
  reportedThisMonth: boolean;
  initiativeDueDate: Date | null;
  done: boolean;
}): Light {
  if (input.done) return "GREEN";
  if (input.initiativeDueDate && pastDueDate(input.initiativeDueDate, input.now)) return "RED";
  if (input.reportedThisMonth) return "GREEN";
  const period = shanghaiPeriodOf(input.now);
  const deadline = reportDeadline(period, input.dueDay);
  if (input.now.getTime() >= deadline.getTime()) return "RED";
  const yellowFrom = deadline.getTime() - (YELLOW_WINDOW_DAYS + 1) * DAY_MS;
  return input.now.getTime() >= yellowFrom ? "YELLOW" : "GREEN";
}

/** Late for chasing: anything but green. */
export function isLate(value: Light): boolean {
  return value !== "GREEN";
}

/** The periods ("2018-01" …) of a plan year up to the month of `now` (Beijing time). */
export function periodsUpTo(year: number, now: Date): string[] {
  return yearPeriods(year, shanghaiPeriodOf(now));
}

/** The periods of `year` up to and including `current` ("2018-06"; all twelve for a past year). */
export function yearPeriods(year: number, current: string): string[] {
  const out: string[] = [];
  for (let m = 1; m <= 12; m += 1) {
    const period = `${year}-${String(m).padStart(2, "0")}`;
    if (period > current) break;
    out.push(period);
  }
  return out;
}

/**
 * The plan year pages open on when none is asked for: this year's plan (Beijing time) when there is
 * one, else the latest before it (a plan made early for a later year does not take over the
 * screens before that year begins), else the earliest to come.
 */
export function currentPlanYear(years: readonly number[], now: Date): number | undefined {
  const thisYear = Number(shanghaiPeriodOf(now).slice(0, 4));
  const begun = years.filter((y) => y <= thisYear);
  if (begun.length > 0) return Math.max(...begun);
  return years.length > 0 ? Math.min(...years) : undefined;
}
