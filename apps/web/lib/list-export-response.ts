import "server-only";
import { Readable } from "node:stream";
import type { DocumentLocale } from "@workplan/core/documents/labels";
import { listCsv, listXlsx } from "@workplan/core/documents/list-export";
import type { ListExportFormat } from "@workplan/core/operations/export-lists";
import { beijingDateTime } from "@workplan/core/rules/dates";

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
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_");
  const headers = {
    "Content-Type": options.format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
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
