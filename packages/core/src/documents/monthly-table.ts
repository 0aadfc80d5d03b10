// The monthly report as rows and columns, for the formats that are tables (CSV, the Excel sheets):
// one row per initiative, the same columns in the same order in both.

import { isoDay } from "../rules/dates";
import type { MonthlyCounts, MonthlyDepartment, MonthlyEntry, MonthlyReport } from "../rules/monthly-report";
import { departmentName, quantity, simplifiedRendering, type DocumentLocale, type MonthlyLabels } from "./labels";

export type Cell = string | number | Date | null;

export interface Column {
  header: string;
  /** Width in characters (a CJK character counts two) for Excel. */
  width: number;
  kind: "text" | "number" | "percent" | "date" | "longText";
}

export const COUNT_KEYS = ["initiatives", "onTrack", "atRisk", "offTrack", "done", "noReport", "late", "missing", "awaitingReview"] as const satisfies readonly (keyof MonthlyCounts)[];

export function summaryColumns(labels: MonthlyLabels): Column[] {
  return [{ header: labels.departmentColumn, width: 24, kind: "text" }, ...COUNT_KEYS.map((k) => ({ header: labels.counts[k], width: 12, kind: "number" as const }))];
}

export function summaryRows(report: MonthlyReport, locale: DocumentLocale, labels: MonthlyLabels): Cell[][] {
  const row = (name: string, counts: MonthlyCounts): Cell[] => [name, ...COUNT_KEYS.map((k) => counts[k])];
  return [...report.departments.map((d) => row(departmentName(d.department, locale), d.counts)), row(labels.totalRow, report.totals)];
}

export function entryColumns(labels: MonthlyLabels, locale: DocumentLocale): Column[] {
  return [
    { header: labels.departmentColumn, width: 16, kind: "text" },
    { header: labels.code, width: 16, kind: "text" },
    { header: labels.originalText, width: 60, kind: "longText" },
    ...(locale === "zh-Hans" ? [{ header: labels.simplified, width: 60, kind: "longText" as const }] : []),
    { header: labels.target, width: 14, kind: "text" },
    { header: labels.measured, width: 14, kind: "text" },
    { header: labels.progress, width: 8, kind: "percent" },
    { header: labels.health, width: 12, kind: "text" },
    { header: labels.dueDate, width: 12, kind: "date" },
    { header: labels.reportStatus, width: 14, kind: "text" },
    { header: labels.workDone, width: 50, kind: "longText" },
    { header: labels.problems, width: 36, kind: "longText" },
    { header: labels.nextSteps, width: 36, kind: "longText" },
    { header: labels.reporter, width: 12, kind: "text" },
  ];
}

/** A date column's day as a Date at UTC midnight (Excel shows the day; CSV writes YYYY-MM-DD). */
function day(date: Date): Date {
  return new Date(`${isoDay(date)}T00:00:00Z`);
}

export function healthName(entry: MonthlyEntry, labels: MonthlyLabels): string {
  return labels.healthNames[entry.health ?? "NONE"];
}

/** What the report column says: the month's status, marked when the quoted report awaits review. */
export function reportStatusText(entry: MonthlyEntry, labels: MonthlyLabels): string {
  const status = labels.statusNames[entry.reportStatus];
  return entry.report?.status === "SUBMITTED" ? `${status}${labels.awaitingReviewMark}` : status;
}

export function entryRow(department: MonthlyDepartment, entry: MonthlyEntry, locale: DocumentLocale, labels: MonthlyLabels): Cell[] {
  const report = entry.report;
  return [
    departmentName(department.department, locale),
    entry.code,
    entry.originalText,
    ...(locale === "zh-Hans" ? [simplifiedRendering(entry.originalText, locale) ?? entry.originalText] : []),
    quantity(entry.targetValue, entry.targetUnit, entry.targetApproximate, labels),
    entry.measuredValue === null ? null : quantity(entry.measuredValue, entry.targetUnit, false, labels),
    entry.progress / 100,
    healthName(entry, labels),
    day(entry.dueDate),
    reportStatusText(entry, labels),
    report ? report.workDone : labels.noReport,
    report?.problems ?? null,
    report?.nextSteps ?? null,
    report?.author ?? null,
  ];
}
