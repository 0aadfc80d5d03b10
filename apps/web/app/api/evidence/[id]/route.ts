import { openEvidenceFile } from "@workplan/core/operations/get-evidence-file";
import { DomainError } from "@workplan/core/operations/errors";
import { contentDisposition } from "@workplan/core/rules/content-disposition";
import { withApi } from "@/lib/api";

// Evidence files are served from PostgreSQL, so any app instance can serve them; outside the
// viewer's scope they do not exist. The API's transport: a session or a token. The file is streamed
// a slice at a time as the client reads it (openEvidenceFile): a slow client of a 10 MB file holds
// about one 1 MiB slice in this process, not the file.
export const GET = withApi<{ id: string }>(
  async (_request, { viewer, params }) => {
    const file = await openEvidenceFile(viewer, params.id);
    if (!file) throw new DomainError("not_found", "no such file");
    const chunks = file.chunks();
    const body = new ReadableStream<Uint8Array>(
      {
        // One slice per pull: the next is read only when the client has taken the previous one.
        async pull(controller) {
          try {
            const next = await chunks.next();
            if (next.done) controller.close();
            else controller.enqueue(next.value);
          } catch (error) {
            // The headers (and Content-Length) are out: ending the stream in error tells the client the file is incomplete.
            console.error("[evidence] failed while streaming", error);
            controller.error(error);
          }
        },
        async cancel() {
          await chunks.return(undefined);
        },
      },
      { highWaterMark: 0 },
    );
    return new Response(body, {
      headers: {
        // No Content-Length: Next (16.4, server/send-response.js) drops content-length, content-encoding
        // and transfer-encoding from a route handler's Response and sends the stream chunked.
        "Content-Type": file.mimeType,
        "Content-Disposition": contentDisposition(file.fileName),
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
      },
    });
  },
  { auth: "required", permission: "initiative.read" },
);
