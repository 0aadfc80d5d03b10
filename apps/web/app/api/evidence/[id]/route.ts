import { getEvidenceFile } from "@workplan/core/operations/get-evidence-file";
import { DomainError } from "@workplan/core/operations/errors";
import { withApi } from "@/lib/api";

// Evidence files are served from PostgreSQL, so any app instance can serve them; outside the
// viewer's scope they do not exist. The API's transport: a session or a token.
export const GET = withApi<{ id: string }>(
  async (_request, { viewer, params }) => {
    const file = await getEvidenceFile(viewer, params.id);
    if (!file) throw new DomainError("not_found", "no such file");
    return new Response(new Uint8Array(file.data), {
      headers: {
        "Content-Type": file.mimeType,
        "Content-Length": String(file.data.length),
        "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
      },
    });
  },
  { auth: "required", permission: "initiative.read" },
);
