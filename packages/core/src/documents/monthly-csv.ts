// The monthly report as CSV: UTF-8 with a byte-order mark (so that Excel reads the Chinese), one
// row per initiative, the columns of the Excel sheets; the summary is the Excel file's first sheet.

import { csvRow, UTF8_BOM } from "../rules/csv";
import { isoDay } from "../rules/dates";
import type { MonthlyReport } from "../rules/monthly-report";
import { MONTHLY_LABELS, type DocumentLocale } from "./labels";
import { entryColumns, entryRow, type Cell } from "./monthly-table";

function text(cell: Cell): string | number | null {
  if (cell instanceof Date) return isoDay(cell);
  return cell;
}

export function monthlyReportCsv(report: MonthlyReport, locale: DocumentLocale): string {
  const labels = MONTHLY_LABELS[locale];
  const columns = entryColumns(labels, locale);
  let out = UTF8_BOM + csvRow(columns.map((c) => c.header));
  for (const department of report.departments) {
    for (const theme of department.themes) {
      for (const entry of theme.entries) {
        const row = entryRow(department, entry, locale, labels).map((cell, i) =>
          columns[i]?.kind === "percent" && typeof cell === "number" ? Math.round(cell * 100) : text(cell),
        );
        out += csvRow(row);
      }
    }
  }
  return out;
}
