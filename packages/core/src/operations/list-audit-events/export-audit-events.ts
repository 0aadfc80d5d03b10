import { prisma } from "@workplan/db";
import "server-only";
import { type Viewer } from "../../rules/policy";
import { recordAudit } from "../audit";
import { AUDIT_EXPORT_BATCH, auditFiltersSchema, fetchRows, filtersWhere, objectInfo, parseOrThrow, refuseUnlessAllowed, toRow, type AuditFilters, type AuditRow, type Key } from "./shared";

/**
 * Export the events matching the filters: the export is recorded first (`audit.exported`, with the
 * filters), then the rows come in batches, newest first, each batch one keyset query.
 */
export async function exportAuditEvents(
  viewer: Viewer,
  input: unknown,
  context: { ip?: string | null; batchSize?: number } = {},
): Promise<{ filters: AuditFilters; batches: AsyncGenerator<AuditRow[]> }> {
  const filters = parseOrThrow(auditFiltersSchema, input);
  refuseUnlessAllowed(viewer);
  await recordAudit(prisma, {
    actorId: viewer.id,
    action: "audit.exported",
    objectType: "AuditEvent",
    after: Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)),
    ip: context.ip ?? null,
  });
  const where = await filtersWhere(filters);
  const size = context.batchSize ?? AUDIT_EXPORT_BATCH;
  async function* batches(): AsyncGenerator<AuditRow[]> {
    if (!where) return;
    let key: Key | null = null;
    for (;;) {
      const rows = await fetchRows(where, key, "older", size);
      if (rows.length === 0) return;
      const objects = await objectInfo(rows);
      yield rows.map((row) => toRow(row, objects.get(row.id) ?? null));
      if (rows.length < size) return;
      const last = rows.at(-1);
      if (!last) return;
      key = last;
    }
  }
  return { filters, batches: batches() };
}
