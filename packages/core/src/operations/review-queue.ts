import "server-only";
import { prisma, Prisma } from "@workplan/db";
import { z } from "zod";
import { can, departmentScope, type Viewer } from "../rules/policy";
import { periodStart } from "../rules/progress";
import { DomainError } from "./errors";
import { decodeCursor, encodeCursor, parseListQuery } from "./list-query";

// The review queue (待审核): reports awaiting the viewer's review, a page at a time, newest or oldest
// first, narrowed by reporting department, initiative, month or author. The count is the true one:
// without a month or author filter it is read from the stored backlog (review_backlog, kept by a
// trigger), so it costs the same at 100 or 150,000 reports awaiting review.

export const REVIEW_PAGE_SIZE = 20;

export const reviewQueueQuerySchema = z.object({
  department: z.string().trim().toUpperCase().regex(/^[A-Z][A-Z0-9]{0,19}$/, "department.invalid").optional(),
  initiative: z.string().trim().max(40, "initiative.invalid").regex(/^[A-Za-z0-9-.]+$/, "initiative.invalid").optional(),
  period: z.string().trim().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "period.invalid").optional(),
  author: z.string().trim().max(50, "author.tooLong").optional(),
  order: z.enum(["newest", "oldest"], { error: "order.invalid" }).optional(),
  cursor: z.string().max(200, "cursor.invalid").optional(),
});

export type ReviewQueueQuery = z.input<typeof reviewQueueQuerySchema>;

const cursorShape = z.tuple([z.enum(["newest", "oldest"]), z.string().datetime(), z.string().min(1).max(40)]);

const itemSelect = {
  id: true,
  period: true,
  progress: true,
  health: true,
  healthSuggested: true,
  healthReason: true,
  workDone: true,
  problems: true,
  nextSteps: true,
  createdAt: true,
  revisionOfId: true,
  author: { select: { name: true } },
  department: { select: { code: true, nameZhHans: true, nameZhHant: true, nameEn: true } },
  initiative: { select: { id: true, code: true, title: true, progress: true } },
  evidence: { select: { id: true, kind: true, url: true, fileName: true } },
} satisfies Prisma.ProgressUpdateSelect;

export type ReviewQueueItem = Prisma.ProgressUpdateGetPayload<{ select: typeof itemSelect }>;

export interface ReviewQueuePage {
  items: ReviewQueueItem[];
  /** Reports awaiting the viewer's review that match the filters (all pages). */
  total: number;
  order: "newest" | "oldest";
  /** The next page's cursor, or null on the last page. */
  nextCursor: string | null;
  /** The filters as parsed (empty ones left out). */
  query: Omit<z.output<typeof reviewQueueQuerySchema>, "cursor">;
}

/**
 * One page of the review queue. Throws DomainError("invalid") with a message key per field for a
 * filter it cannot read. Staff (who review nothing) get an empty page.
 */
export async function getReviewQueuePage(viewer: Viewer, queryInput: unknown, options: { limit?: number } = {}): Promise<ReviewQueuePage> {
  const { cursor, ...query } = parseListQuery(reviewQueueQuerySchema, queryInput);
  const order = query.order ?? "newest";
  if (!can(viewer, "update.review")) return { items: [], total: 0, order, nextCursor: null, query };
  const limit = Math.min(Math.max(options.limit ?? REVIEW_PAGE_SIZE, 1), 100);
  const scope = departmentScope(viewer);
  const ownDepartment = scope.kind === "department" ? scope.departmentId : null;

  const where: Prisma.ProgressUpdateWhereInput = {
    status: "SUBMITTED",
    authorId: { not: viewer.id },
    initiative: { archivedAt: null, ...(query.initiative ? { code: query.initiative } : {}) },
    ...(ownDepartment ? { departmentId: ownDepartment } : {}),
    ...(query.department ? { department: { code: query.department } } : {}),
    ...(query.period ? { period: periodStart(query.period) } : {}),
    ...(query.author ? { author: { name: { contains: query.author, mode: "insensitive" } } } : {}),
  };
  const direction = order === "newest" ? "desc" : "asc";
  let after: Prisma.ProgressUpdateWhereInput = {};
  if (cursor) {
    const [cursorOrder, createdAt, id] = decodeCursor(cursor, cursorShape);
    if (cursorOrder !== order) throw new DomainError("invalid", "cursor of another order", { cursor: "cursor.invalid" });
    const at = new Date(createdAt);
    const beyond = order === "newest" ? "lt" : "gt";
    after = { OR: [{ createdAt: { [beyond]: at } }, { createdAt: at, id: { [beyond]: id } }] };
  }

  const [rows, total] = await Promise.all([
    prisma.progressUpdate.findMany({
      where: { AND: [where, after] },
      orderBy: [{ createdAt: direction }, { id: direction }],
      take: limit + 1,
      select: itemSelect,
    }),
    countQueue(viewer, where, query, ownDepartment),
  ]);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor = rows.length > limit && last ? encodeCursor([order, last.createdAt.toISOString(), last.id]) : null;
  return { items, total, order, nextCursor, query };
}

async function countQueue(
  viewer: Viewer,
  where: Prisma.ProgressUpdateWhereInput,
  query: { department?: string; initiative?: string; period?: string; author?: string },
  ownDepartment: string | null,
): Promise<number> {
  // A month or an author narrows the reports themselves: count them (an index on period or the
  // author's few reports keeps this small).
  if (query.period || query.author) return prisma.progressUpdate.count({ where });
  // Otherwise: the stored backlog per initiative and reporting department, less the viewer's own
  // reports awaiting review (nobody reviews their own).
  const [backlog, own] = await Promise.all([
    prisma.$queryRaw<{ n: number }[]>`
      SELECT COALESCE(sum(b.submitted), 0)::int AS n
      FROM review_backlog b
      JOIN initiatives i ON i.id = b.initiative_id AND i.archived_at IS NULL
      ${query.department ? Prisma.sql`JOIN departments d ON d.id = b.department_id AND d.code = ${query.department}` : Prisma.empty}
      WHERE b.submitted > 0
        ${ownDepartment ? Prisma.sql`AND b.department_id = ${ownDepartment}` : Prisma.empty}
        ${query.initiative ? Prisma.sql`AND i.code = ${query.initiative}` : Prisma.empty}`,
    prisma.progressUpdate.count({ where: { ...where, authorId: viewer.id } }),
  ]);
  return (backlog[0]?.n ?? 0) - own;
}

/** The queue's first page, oldest first, as a list (what the tests and the API read). */
export async function listReviewQueue(viewer: Viewer, options: { limit?: number } = {}): Promise<ReviewQueueItem[]> {
  return (await getReviewQueuePage(viewer, { order: "oldest" }, { limit: options.limit ?? 100 })).items;
}
