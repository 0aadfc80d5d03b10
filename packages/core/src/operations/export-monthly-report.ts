import "server-only";
import { prisma } from "@workplan/db";
import { MONTHLY_LABELS, scopeName, type DocumentLocale } from "../documents/labels";
import { monthlyReportCsv } from "../documents/monthly-csv";
import { monthlyReportDocx } from "../documents/monthly-docx";
import { monthlyReportHtml } from "../documents/monthly-html";
import { monthlyReportXlsx } from "../documents/monthly-xlsx";
import { monthlyReportFileName } from "../rules/monthly-report";
import type { Viewer } from "../rules/policy";
import { recordAudit } from "./audit";
import { getMonthlyReport } from "./monthly-report";

// A monthly report in one of its formats, as a file to download, recorded in the audit trail
// (report.exported, with what was asked for): who took which document out of the system is the
// kind of thing an office is asked afterwards.

export const MONTHLY_REPORT_FORMATS = ["html", "docx", "xlsx", "csv"] as const;
export type MonthlyReportFormat = (typeof MONTHLY_REPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<MonthlyReportFormat | "txt", string> = {
  html: "text/html; charset=utf-8",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
  txt: "text/plain; charset=utf-8",
};

export interface ExportedFile {
  fileName: string;
  contentType: string;
  body: Buffer | string;
}

export async function exportMonthlyReport(
  viewer: Viewer,
  queryInput: unknown,
  options: { format: MonthlyReportFormat; locale: DocumentLocale; ip?: string | null; now?: Date; toolbar?: string },
): Promise<ExportedFile> {
  const report = await getMonthlyReport(viewer, queryInput, { now: options.now });
  const labels = MONTHLY_LABELS[options.locale];
  const fileName = `${monthlyReportFileName(labels.title, scopeName(report.department, options.locale), report.period)}.${options.format}`;
  const body =
    options.format === "html"
      ? monthlyReportHtml(report, options.locale, { toolbar: options.toolbar })
      : options.format === "docx"
        ? await monthlyReportDocx(report, options.locale)
        : options.format === "xlsx"
          ? await monthlyReportXlsx(report, options.locale)
          : monthlyReportCsv(report, options.locale);
  await recordAudit(prisma, {
    actorId: viewer.id,
    action: "report.exported",
    ...(report.department ? { objectType: "Department" as const, objectId: report.department.id } : {}),
    after: { report: "monthly", period: report.period, department: report.department?.code ?? null, format: options.format, includeSubmitted: report.includeSubmitted },
    ip: options.ip ?? null,
  });
  return { fileName, contentType: CONTENT_TYPES[options.format], body };
}
