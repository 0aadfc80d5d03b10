import { getSession } from "@workplan/auth";
import { DomainError } from "@workplan/core/operations/errors";
import { planTemplateFor, XLSX_MIME } from "@workplan/core/operations/import-plan-spreadsheet";

const notFound = () => new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });

// The plan template (.xlsx) with today's department codes; for admins alone, to anyone else it
// does not exist.
export async function GET() {
  const viewer = await getSession();
  if (!viewer) return notFound();
  try {
    const { fileName, bytes } = await planTemplateFor(viewer);
    return new Response(new Uint8Array(bytes), {
      headers: {
        "Content-Type": XLSX_MIME,
        "Content-Length": String(bytes.length),
        // An ASCII name for old clients, the Chinese one (RFC 6266/5987) for everyone else.
        "Content-Disposition": `attachment; filename="plan-template.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof DomainError && error.code === "not_found") return notFound();
    throw error;
  }
}
