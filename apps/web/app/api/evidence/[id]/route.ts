import { getSession } from "@workplan/auth";
import { getEvidenceFile } from "@workplan/core/operations/get-evidence-file";

// Evidence files are served from PostgreSQL, so any app instance can serve them; outside the
// viewer's scope they do not exist.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const viewer = await getSession();
  const file = viewer ? await getEvidenceFile(viewer, (await params).id) : null;
  if (!file) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(new Uint8Array(file.data), {
    headers: {
      "Content-Type": file.mimeType,
      "Content-Length": String(file.data.length),
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
