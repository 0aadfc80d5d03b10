import { isDocumentLocale } from "@workplan/core/documents/labels";
import { UPDATE_COLUMNS } from "@workplan/core/documents/list-export";
import { DomainError } from "@workplan/core/operations/errors";
import { exportUpdates } from "@workplan/core/operations/export-updates";
import { LIST_EXPORT_FORMATS, type ListExportFormat } from "@workplan/core/operations/export-lists";
import { cookies } from "next/headers";
import { withApi } from "@/lib/api";
import { listExportResponse } from "@/lib/list-export-response";
import { LOCALE_COOKIE } from "@/i18n/locales";

// GET /updates/export?format=xlsx|csv&<the list's filters>: everything /updates shows with
// these filters, all pages, streamed. Audited (report.exported).

export const dynamic = "force-dynamic";

const NAMES = { "zh-Hans": "进展报告", "zh-Hant": "進展報告", en: "Progress reports" } as const;

export const GET = withApi(
  async (request, { viewer, ip }) => {
    const { format = "xlsx", ...filters } = Object.fromEntries(request.nextUrl.searchParams);
    if (!(LIST_EXPORT_FORMATS as readonly string[]).includes(format)) throw new DomainError("invalid", "unknown format", { format: "format.invalid" }, { "format.invalid": "The format is xlsx or csv." });
    const cookie = (await cookies()).get(LOCALE_COOKIE)?.value;
    const locale = isDocumentLocale(cookie) ? cookie : "zh-Hans";
    const { batches } = await exportUpdates(viewer, filters, { format: format as ListExportFormat, ip });
    return listExportResponse(UPDATE_COLUMNS, batches, { format: format as ListExportFormat, locale, name: NAMES[locale] });
  },
  { auth: "required", permission: "plan.read" },
);
