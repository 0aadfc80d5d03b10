import "server-only";
import { prisma } from "@workplan/db";
import type { Viewer } from "../rules/policy";
import { recordAudit } from "./audit";
import { LIST_LIMIT_MAX, listInitiatives, type ApiInitiative } from "./list-initiatives";
import { listUpdates, UPDATES_LIMIT_MAX, type UpdateListItem } from "./list-updates";

// The lists (/initiatives, /updates) as files: what the page shows with the same URL filters, all of
// it, read a keyset page at a time by the list operations themselves (same scope, filters, order), so
// that a million reports stream through and never sit in memory. The first page is read before the
// response starts, so that bad filters are a 400 and not a broken download. Each export is audited.

export const LIST_EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type ListExportFormat = (typeof LIST_EXPORT_FORMATS)[number];

export interface ListExport<T> {
  /** Pages of rows, the first already read. */
  batches: AsyncGenerator<T[]>;
}

/** The filters of the page, without its paging: the export takes every page. */
function filtersOf(queryInput: unknown): Record<string, unknown> {
  const { page: _page, cursor: _cursor, limit: _limit, ...filters } = (queryInput ?? {}) as Record<string, unknown>;
  return filters;
}

async function* pages<T>(first: { items: T[]; nextCursor: string | null }, next: (cursor: string) => Promise<{ items: T[]; nextCursor: string | null }>): AsyncGenerator<T[]> {
  let page = first;
  yield page.items;
  while (page.nextCursor !== null) {
    page = await next(page.nextCursor);
    yield page.items;
  }
}

async function audit(viewer: Viewer, list: "initiatives" | "updates", filters: Record<string, unknown>, format: ListExportFormat, ip: string | null) {
  await recordAudit(prisma, { actorId: viewer.id, action: "report.exported", after: { report: list, filters: filters as Record<string, string>, format }, ip });
}

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
