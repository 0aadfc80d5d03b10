// The monthly progress report (工作進展月報) leadership reads, pure: from one row per initiative of a
// scope and a month (what the database holds of it as of that month), the document's structure —
// a summary per department, then per department and theme each initiative with its period's report.
// operations/monthly-report reads the rows; documents/ writes them as HTML, Word, Excel and CSV.

import { isDone, reportDeadline, statusAt, type ReportStatus } from "./calendar";
import type { Health } from "./health";
import type { DepartmentNames } from "./overview";

export const REPORT_PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The report filed for the month, as the document quotes it. */
export interface MonthlyEntryReport {
  status: "APPROVED" | "SUBMITTED";
  workDone: string;
  problems: string | null;
  nextSteps: string | null;
  author: string;
  filedAt: Date;
}

/** One initiative as the database holds it for the month (operations/monthly-report's row). */
export interface MonthlyReportRow {
  id: string;
  code: string;
  title: string;
  originalText: string;
  department: DepartmentNames;
  theme: { code: string; title: string; ordinal: number } | null;
  targetValue: number | null;
  targetUnit: string | null;
  targetApproximate: boolean;
  dueDate: Date;
  /** The due date before an approved extension; null if never extended. */
  originalDueDate: Date | null;
  /** When it was closed out, if that was before the month ended (a later close is not this month's news). */
  closedAt: Date | null;
  reportDueDay: number;
  /** When the lead department first reported for the month (any status), or null. */
  firstReportAt: Date | null;
  /** As of the month: the latest report of the month or before (of the statuses the report includes). */
  progress: number;
  health: Health | null;
  measuredValue: number | null;
  report: MonthlyEntryReport | null;
  /** The month's reports still waiting for a manager's review. */
  awaitingReview: number;
}

export interface MonthlyEntry extends Omit<MonthlyReportRow, "department" | "theme" | "firstReportAt" | "reportDueDay"> {
  /** Whether the month's report came in on time, late, not at all, or is not due (yet, or closed). */
  reportStatus: ReportStatus;
}

export interface MonthlyTheme {
  code: string | null;
  title: string | null;
  entries: MonthlyEntry[];
}

export interface MonthlyCounts {
  initiatives: number;
  onTrack: number;
  atRisk: number;
  offTrack: number;
  done: number;
  /** No report as of the month. */
  noReport: number;
  late: number;
  missing: number;
  awaitingReview: number;
}

export interface MonthlyDepartment {
  department: DepartmentNames;
  counts: MonthlyCounts;
  themes: MonthlyTheme[];
}

export interface MonthlyReport {
  period: string;
  /** The department the report is narrowed to, or null for the requester's whole scope. */
  department: DepartmentNames | null;
  includeSubmitted: boolean;
  generatedAt: Date;
  totals: MonthlyCounts;
  departments: MonthlyDepartment[];
}

const zero = (): MonthlyCounts => ({ initiatives: 0, onTrack: 0, atRisk: 0, offTrack: 0, done: 0, noReport: 0, late: 0, missing: 0, awaitingReview: 0 });

function add(into: MonthlyCounts, entry: MonthlyEntry): void {
  into.initiatives += 1;
  const done = isDone({ health: entry.health, progress: entry.progress, closedAt: entry.closedAt });
  if (done) into.done += 1;
  else if (entry.health === "ON_TRACK") into.onTrack += 1;
  else if (entry.health === "AT_RISK") into.atRisk += 1;
  else if (entry.health === "OFF_TRACK") into.offTrack += 1;
  else into.noReport += 1;
  if (entry.reportStatus === "LATE") into.late += 1;
  if (entry.reportStatus === "MISSING") into.missing += 1;
  into.awaitingReview += entry.awaitingReview;
}

/**
 * The month's report status of an initiative: none is expected of one done (as of the month) or
 * closed before the month's due day passed; otherwise on time, late or missing against the due day.
 */
export function monthlyReportStatus(row: MonthlyReportRow, period: string, now: Date): ReportStatus {
  const deadline = reportDeadline(period, row.reportDueDay).getTime();
  if (row.firstReportAt === null) {
    if (row.closedAt !== null && row.closedAt.getTime() < deadline) return "NOT_DUE";
    if (isDone({ health: row.health, progress: row.progress, closedAt: null })) return "NOT_DUE";
  }
  return statusAt(deadline, row.firstReportAt?.getTime() ?? null, now.getTime());
}

/** Rows in document order (department, theme, initiative) grouped into the report. */
export function buildMonthlyReport(
  rows: readonly MonthlyReportRow[],
  options: { period: string; department: DepartmentNames | null; includeSubmitted: boolean; now: Date },
): MonthlyReport {
  const totals = zero();
  const departments: MonthlyDepartment[] = [];
  for (const row of rows) {
    let department = departments.at(-1);
    if (department?.department.id !== row.department.id) {
      department = { department: row.department, counts: zero(), themes: [] };
      departments.push(department);
    }
    let theme = department.themes.at(-1);
    if (!theme || theme.code !== (row.theme?.code ?? null)) {
      theme = { code: row.theme?.code ?? null, title: row.theme?.title ?? null, entries: [] };
      department.themes.push(theme);
    }
    const { department: _d, theme: _t, firstReportAt: _f, reportDueDay: _r, ...rest } = row;
    const entry: MonthlyEntry = { ...rest, reportStatus: monthlyReportStatus(row, options.period, options.now) };
    theme.entries.push(entry);
    add(department.counts, entry);
    add(totals, entry);
  }
  return { period: options.period, department: options.department, includeSubmitted: options.includeSubmitted, generatedAt: options.now, totals, departments };
}

/** "工作进展月报-科技司-2018-06": the file name (without extension) of a report of a scope and month. */
export function monthlyReportFileName(title: string, scopeName: string, period: string): string {
  return `${title}-${scopeName}-${period}`.replace(/[\\/:*?"<>|\s]+/g, "_");
}
