import "server-only";
import { Readable } from "node:stream";
import { isDocumentLocale, type DocumentLocale } from "@workplan/core/documents/labels";
import { INITIATIVE_COLUMNS, listCsv, listXlsx, UPDATE_COLUMNS } from "@workplan/core/documents/list-export";
import { DomainError } from "@workplan/core/operations/errors";
import { exportInitiatives } from "@workplan/core/operations/export-initiatives";
import { LIST_EXPORT_FORMATS, type ListExportFormat } from "@workplan/core/operations/export-lists";
import { exportUpdates } from "@workplan/core/operations/export-updates";
import { contentDisposition } from "@workplan/core/rules/content-disposition";
import { beijingDateTime } from "@workplan/core/rules/dates";
import { cookies } from "next/headers";
import type { NextRequest } from "next/server";
import type { ApiContext } from "@/lib/api";
import { LOCALE_COOKIE } from "@/i18n/locales";

type Columns<T> = Parameters<typeof listCsv<T>>[0];

/**
 * A list streamed as a download: each page of rows is read only when the client has taken the one
 * before (a pull stream), so a million reports never sit in memory. The name carries the list and
 * the moment (Beijing time), e.g. 进展报告-20181125-0930.xlsx.
 */
export function listExportResponse<T>(
  columns: Columns<T>,
  batches: AsyncGenerator<T[]>,
  options: { format: ListExportFormat; locale: DocumentLocale; name: string },
): Response {
  const stamp = beijingDateTime(new Date()).replace(/-/g, "").replace(" ", "-").replace(/:/g, "").slice(0, 13);
  const fileName = `${options.name}-${stamp}.${options.format}`;
  const headers = {
    "Content-Type": options.format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "Content-Disposition": contentDisposition(fileName),
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
  };
  if (options.format === "xlsx") {
    const stream = listXlsx(columns, batches, options.locale, options.name);
    return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, { headers });
  }
  const chunks = listCsv(columns, batches, options.locale);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        console.error("[list export] failed while streaming", error);
        controller.error(error);
      }
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  return new Response(body, { headers });
}

const NAMES = {
  initiatives: { "zh-Hans": "任务清单", "zh-Hant": "任務清單", en: "Initiatives" },
  updates: { "zh-Hans": "进展报告", "zh-Hant": "進展報告", en: "Progress reports" },
} as const;

/**
 * The handler of GET /initiatives/export and /updates/export (?format=xlsx|csv and the list's own
 * filters): the list with those filters, every page, streamed, in the reader's language; audited.
 */
export function listExportHandler(list: "initiatives" | "updates") {
  return async (request: NextRequest, { viewer, ip }: ApiContext<Record<string, never>>): Promise<Response> => {
    const { format = "xlsx", ...filters } = Object.fromEntries(request.nextUrl.searchParams);
    if (!(LIST_EXPORT_FORMATS as readonly string[]).includes(format)) {
      throw new DomainError("invalid", "unknown format", { format: "format.invalid" }, { "format.invalid": "The format is xlsx or csv." });
    }
    const cookie = (await cookies()).get(LOCALE_COOKIE)?.value;
    const locale = isDocumentLocale(cookie) ? cookie : "zh-Hans";
    const options = { format: format as ListExportFormat, locale, name: NAMES[list][locale] };
    if (list === "initiatives") {
      const { batches } = await exportInitiatives(viewer, filters, { format: options.format, ip });
      return listExportResponse(INITIATIVE_COLUMNS, batches, options);
    }
    const { batches } = await exportUpdates(viewer, filters, { format: options.format, ip });
    return listExportResponse(UPDATE_COLUMNS, batches, options);
  };
}
