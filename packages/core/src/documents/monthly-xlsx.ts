// The monthly report as an Excel workbook: a summary sheet (title, scope, period, then one row per
// department and a total), and one sheet per department with one row per initiative. Header rows
// are frozen, numbers are numbers (progress a percentage), dates are dates, long text wraps, and
// the widths fit Chinese text (a CJK character is two columns wide).

import ExcelJS from "exceljs";
import { beijingDateTime } from "../rules/dates";
import type { MonthlyReport } from "../rules/monthly-report";
import { departmentName, MONTHLY_LABELS, scopeName, type DocumentLocale } from "./labels";
import { entryColumns, entryRow, summaryColumns, summaryRows, type Column } from "./monthly-table";

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE2E8F0" } };

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\, unique in the workbook. */
function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, " ").slice(0, 28).trim() || "Sheet";
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base} ${n}`;
  taken.add(candidate);
  return candidate;
}

function styleColumns(sheet: ExcelJS.Worksheet, columns: readonly Column[]): void {
  columns.forEach((column, i) => {
    const col = sheet.getColumn(i + 1);
    col.width = column.width;
    if (column.kind === "percent") col.numFmt = "0%";
    if (column.kind === "date") col.numFmt = "yyyy-mm-dd";
    if (column.kind === "longText") col.alignment = { wrapText: true, vertical: "top" };
    else col.alignment = { vertical: "top" };
  });
}

function header(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.alignment = { wrapText: true, vertical: "middle" };
  });
}

export async function monthlyReportXlsx(report: MonthlyReport, locale: DocumentLocale): Promise<Buffer> {
  const labels = MONTHLY_LABELS[locale];
  const [year, month] = report.period.split("-").map(Number) as [number, number];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Workplan";
  workbook.created = report.generatedAt;
  const taken = new Set<string>();

  const summary = workbook.addWorksheet(sheetName(labels.summaryHeading, taken), { views: [{ state: "frozen", ySplit: 5 }] });
  const sCols = summaryColumns(labels);
  styleColumns(summary, sCols);
  summary.getCell("A1").value = `${labels.title}（${scopeName(report.department, locale)} · ${labels.period(year, month)}）`;
  summary.getCell("A1").font = { bold: true, size: 14 };
  summary.getCell("A2").value = `${labels.periodLine}: ${labels.period(year, month)}    ${labels.generatedLine}: ${beijingDateTime(report.generatedAt)}`;
  summary.getCell("A3").value = report.includeSubmitted ? labels.basisWithSubmitted : labels.basisApproved;
  header(summary.getRow(5));
  summary.getRow(5).values = sCols.map((c) => c.header);
  header(summary.getRow(5));
  for (const row of summaryRows(report, locale, labels)) summary.addRow(row);
  const total = summary.lastRow;
  if (total) total.font = { bold: true };

  const eCols = entryColumns(labels, locale);
  for (const department of report.departments) {
    const sheet = workbook.addWorksheet(sheetName(departmentName(department.department, locale), taken), { views: [{ state: "frozen", ySplit: 1 }] });
    styleColumns(sheet, eCols);
    sheet.addRow(eCols.map((c) => c.header));
    header(sheet.getRow(1));
    for (const theme of department.themes) {
      for (const entry of theme.entries) sheet.addRow(entryRow(department, entry, locale, labels));
    }
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: eCols.length } };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
