import "server-only";
import type { ExportedFile } from "@workplan/core/operations/export-monthly-report";
import { contentDisposition } from "@workplan/core/rules/content-disposition";

/**
 * A generated document as a response: its content type, and its file name for the browser to save
 * it under (RFC 6266/5987: the UTF-8 name, with an ASCII fallback for old clients). HTML is shown
 * (inline), every other format downloaded.
 */
export function fileResponse(file: ExportedFile, options: { inline?: boolean } = {}): Response {
  const disposition = contentDisposition(file.fileName, options.inline ? "inline" : "attachment");
  const body = typeof file.body === "string" ? file.body : new Uint8Array(file.body);
  return new Response(body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": disposition,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
