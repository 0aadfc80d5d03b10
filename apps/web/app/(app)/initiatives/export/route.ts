import { isDocumentLocale } from "@workplan/core/documents/labels";
import { INITIATIVE_COLUMNS } from "@workplan/core/documents/list-export";
import { DomainError } from "@workplan/core/operations/errors";
import { exportInitiatives } from "@workplan/core/operations/export-initiatives";
import { LIST_EXPORT_FORMATS, type ListExportFormat } from "@workplan/core/operations/export-lists";
import { cookies } from "next/headers";
import { withApi } from "@/lib/api";
import { listExportResponse } from "@/lib/list-export-response";
import { LOCALE_COOKIE } from "@/i18n/locales";

// GET /initiatives/export?format=xlsx|csv&<the list's filters>: everything /initiatives shows with
// these filters, all pages, streamed. Audited (report.exported).

export const dynamic = "force-dynamic";

const NAMES = { "zh-Hans": "任务清单", "zh-Hant": "任務清單", en: "Initiatives" } as const;

export const GET = withApi(
  async (request, { viewer, ip }) => {
    const { format = "xlsx", ...filters } = Object.fromEntries(request.nextUrl.searchParams);
    if (!(LIST_EXPORT_FORMATS as readonly string[]).includes(format)) throw new DomainError("invalid", "unknown format", { format: "format.invalid" }, { "format.invalid": "The format is xlsx or csv." });
    const cookie = (await cookies()).get(LOCALE_COOKIE)?.value;
    const locale = isDocumentLocale(cookie) ? cookie : "zh-Hans";
    const { batches } = await exportInitiatives(viewer, filters, { format: format as ListExportFormat, ip });
    return listExportResponse(INITIATIVE_COLUMNS, batches, { format: format as ListExportFormat, locale, name: NAMES[locale] });
  },
  { auth: "required", permission: "initiative.read" },
);
