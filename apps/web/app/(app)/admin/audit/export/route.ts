import { exportAuditEvents, type AuditRow } from "@workplan/core/operations/list-audit-events";
import { UTF8_BOM, csvRow } from "@workplan/core/rules/csv";
import { withApi } from "@/lib/api";
import { beijingDateTime } from "@workplan/core/rules/dates";

// GET /admin/audit/export?actor=…&action=…&objectType=…&objectId=…&from=…&to=…
// The audit trail as CSV, with the page's filters: for admins only (anyone else: 404), streamed in
// batches so that millions of rows never sit in memory, UTF-8 with a byte-order mark so that Excel
// shows Chinese. The export itself is recorded in the trail (audit.exported, with the filters).
// The API's transport (withApi): the session or a token, the permission, and refusals as JSON
// (anyone but an admin: 404; filters that are not valid: 400 naming each field).

export const dynamic = "force-dynamic";

const HEADER = ["id", "time_beijing", "actor_email", "actor_name", "action", "object_type", "object_id", "ip", "before", "after"];

function json(value: unknown): string {
  return value === null || value === undefined ? "" : JSON.stringify(value);
}

function line(row: AuditRow): string {
  return csvRow([
    row.id,
    beijingDateTime(row.at),
    row.actor?.email ?? "system",
    row.actor?.name ?? "",
    row.action,
    row.objectType,
    row.objectId,
    row.ip,
    json(row.before),
    json(row.after),
  ]);
}

export const GET = withApi(
  async (request, { viewer, ip }) => {
    const search = request.nextUrl.searchParams;
    const input = Object.fromEntries(["actor", "action", "objectType", "objectId", "from", "to"].map((key) => [key, search.get(key) ?? ""]));
    const { batches } = await exportAuditEvents(viewer, input, { ip });
    return csvResponse(batches);
  },
  { auth: "required", permission: "admin.audit" },
);

function csvResponse(batches: AsyncGenerator<AuditRow[]>): Response {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(UTF8_BOM + csvRow(HEADER)));
    },
    // One batch per pull: the next query runs only when the client has taken the previous rows.
    async pull(controller) {
      try {
        const next = await batches.next();
        if (next.done) {
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(next.value.map(line).join("")));
      } catch (error) {
        console.error("[audit export] failed while streaming", error);
        controller.error(error);
      }
    },
    async cancel() {
      await batches.return(undefined);
    },
  });

  const stamp = beijingDateTime(new Date()).replace(/[-: ]/g, "").slice(0, 12);
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-${stamp}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
