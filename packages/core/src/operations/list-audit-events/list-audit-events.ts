import "server-only";
import { type Viewer } from "../../rules/policy";
import { fetchRows, filtersWhere, keyOf, listQuerySchema, objectInfo, parseOrThrow, refuseUnlessAllowed, toRow, type AuditPage, type Key, type RawRow } from "./shared";

/**
 * One page of the audit trail for an admin: `before` (an event id) gives the page of older events,
 * `after` the page of newer ones; neither, the newest.
 */
export async function listAuditEvents(viewer: Viewer, input: unknown): Promise<AuditPage> {
  const query = parseOrThrow(listQuerySchema, input);
  refuseUnlessAllowed(viewer);
  const { before, after, limit, ...filters } = query;
  const where = await filtersWhere(filters);
  if (!where) return { items: [], older: null, newer: null, filters };

  const direction = after !== undefined && before === undefined ? "newer" : "older";
  const key = direction === "newer" ? await keyOf(after, "after") : await keyOf(before, "before");
  const fetched = await fetchRows(where, key, direction, limit + 1);
  const more = fetched.length > limit;
  const page = fetched.slice(0, limit);
  if (direction === "newer") page.reverse();

  // Is there anything beyond the edge of this page? One indexed row at most.
  const exists = async (edge: Key | undefined, side: "older" | "newer") =>
    edge !== undefined && (await fetchRows(where, edge, side, 1)).length > 0;
  const first = page[0];
  const last = page.at(-1);
  let older: RawRow | undefined;
  let newer: RawRow | undefined;
  if (direction === "older") {
    older = more ? last : undefined;
    newer = key !== null && (await exists(first, "newer")) ? first : undefined;
  } else {
    newer = more ? first : undefined;
    older = (await exists(last, "older")) ? last : undefined;
  }

  const objects = await objectInfo(page);
  return {
    items: page.map((row) => toRow(row, objects.get(row.id) ?? null)),
    older: older ? older.id.toString() : null,
    newer: newer ? newer.id.toString() : null,
    filters,
  };
}
