import "server-only";
import type { Viewer } from "../rules/policy";
import { audit, filtersOf, pages, type ListExport, type ListExportFormat } from "./export-lists";
import { listUpdates, UPDATES_LIMIT_MAX, type UpdateListItem } from "./list-updates";

/** Everything /updates shows with these filters, a keyset page at a time (see export-lists.ts). */
export async function exportUpdates(
  viewer: Viewer,
  queryInput: unknown,
  options: { format: ListExportFormat; ip?: string | null; pageSize?: number },
): Promise<ListExport<UpdateListItem>> {
  const filters = filtersOf(queryInput);
  const limit = String(options.pageSize ?? UPDATES_LIMIT_MAX);
  const read = (cursor?: string) => listUpdates(viewer, { ...filters, limit, ...(cursor ? { cursor } : {}) }, { count: false });
  const first = await read();
  await audit(viewer, "updates", filters, options.format, options.ip ?? null);
  return { batches: pages(first, read) };
}
