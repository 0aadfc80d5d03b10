import "server-only";
import { prisma } from "@workplan/db";
import type { Viewer } from "../rules/policy";
import { recordAudit } from "./audit";

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
export function filtersOf(queryInput: unknown): Record<string, unknown> {
  const { page: _page, cursor: _cursor, limit: _limit, ...filters } = (queryInput ?? {}) as Record<string, unknown>;
  return filters;
}

export async function* pages<T>(first: { items: T[]; nextCursor: string | null }, next: (cursor: string) => Promise<{ items: T[]; nextCursor: string | null }>): AsyncGenerator<T[]> {
  let page = first;
  yield page.items;
  while (page.nextCursor !== null) {
    page = await next(page.nextCursor);
    yield page.items;
  }
}

export async function audit(viewer: Viewer, list: "initiatives" | "updates", filters: Record<string, unknown>, format: ListExportFormat, ip: string | null) {
  await recordAudit(prisma, { actorId: viewer.id, action: "report.exported", after: { report: list, filters: filters as Record<string, string>, format }, ip });
}
