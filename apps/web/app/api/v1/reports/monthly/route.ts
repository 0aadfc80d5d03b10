import { isDocumentLocale } from "@workplan/core/documents/labels";
import { printToolbar } from "@workplan/core/documents/monthly-html";
import { exportMonthlyReport, MONTHLY_REPORT_FORMATS, type MonthlyReportFormat } from "@workplan/core/operations/export-monthly-report";
import { DomainError } from "@workplan/core/operations/errors";
import { cookies } from "next/headers";
import { withApi, methodNotAllowed } from "@/lib/api";
import { fileResponse } from "@/lib/file-response";
import { LOCALE_COOKIE } from "@/i18n/locales";

// GET /api/v1/reports/monthly?period=2018-06&department=KJS&includeSubmitted=1&format=html|docx|xlsx|csv&lang=zh-Hans
// The monthly progress report (工作進展月報) of the caller's scope (or one department of it: a
// department outside the scope is 404), for the reports page's links and for other systems alike.
// Headings in `lang` (else the interface language of a browser, else Simplified Chinese); the
// source wording stays as written. HTML is the print view; the others download. Each is audited.

export const dynamic = "force-dynamic";

const FORMAT_MESSAGES = { "format.invalid": "The format is one of html, docx, xlsx, csv.", "lang.invalid": "The language is one of zh-Hans, zh-Hant, en." };

export const GET = withApi(
  async (request, { viewer, ip }) => {
    const search = request.nextUrl.searchParams;
    const format = search.get("format") ?? "html";
    const lang = search.get("lang") ?? (await cookies()).get(LOCALE_COOKIE)?.value ?? "zh-Hans";
    const fields: Record<string, string> = {};
    if (!(MONTHLY_REPORT_FORMATS as readonly string[]).includes(format)) fields.format = "format.invalid";
    if (!isDocumentLocale(lang)) fields.lang = "lang.invalid";
    if (Object.keys(fields).length > 0) throw new DomainError("invalid", "the report's query has problems", fields, FORMAT_MESSAGES);
    const query = {
      period: search.get("period") ?? undefined,
      department: search.get("department") || undefined,
      includeSubmitted: search.get("includeSubmitted") || undefined,
    };
    const locale = isDocumentLocale(lang) ? lang : "zh-Hans";
    // The reports page's print view: a bar (not printed) back to the page with the same choices.
    const back = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined));
    const toolbar = format === "html" && search.get("view") === "print" ? printToolbar(locale, `/reports?${back.toString()}`) : undefined;
    const file = await exportMonthlyReport(viewer, query, { format: format as MonthlyReportFormat, locale, ip, toolbar });
    return fileResponse(file, { inline: format === "html" });
  },
  { auth: "required", permission: "report.export" },
);

// Any other method: 405 with the JSON error and Allow; OPTIONS: 204 with Allow.
const other = methodNotAllowed("GET");
export const POST = other.refuse;
export const PUT = other.refuse;
export const PATCH = other.refuse;
export const DELETE = other.refuse;
export const OPTIONS = other.options;
