import "server-only";
import type { ExportedFile } from "@workplan/core/operations/export-monthly-report";

/**
 * A generated document as a response: its content type, and its file name for the browser to save
 * it under (RFC 6266/5987: the UTF-8 name, with an ASCII fallback for old clients). HTML is shown
 * (inline), every other format downloaded.
 */
export function fileResponse(file: ExportedFile, options: { inline?: boolean } = {}): Response {
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const disposition = `${options.inline ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`;
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
