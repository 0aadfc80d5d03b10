import "server-only";
import type { Viewer } from "../rules/policy";
import { audit, filtersOf, pages, type ListExport, type ListExportFormat } from "./export-lists";
import { LIST_LIMIT_MAX, listInitiatives, type ApiInitiative } from "./list-initiatives";

/** Everything /initiatives shows with these filters, a keyset page at a time (see export-lists.ts). */
export async function exportInitiatives(
  viewer: Viewer,
  queryInput: unknown,
  options: { format: ListExportFormat; ip?: string | null; now?: Date; pageSize?: number },
): Promise<ListExport<ApiInitiative>> {
  const filters = filtersOf(queryInput);
  const limit = String(options.pageSize ?? LIST_LIMIT_MAX);
  const read = (cursor?: string) => listInitiatives(viewer, { ...filters, limit, ...(cursor ? { cursor } : {}) }, { now: options.now });
  const first = await read();
  await audit(viewer, "initiatives", filters, options.format, options.ip ?? null);
  return { batches: pages(first, read) };
}
