import { prisma, type Prisma } from "@workplan/db";
import "server-only";
import { can, departmentScope, type Viewer } from "../../rules/policy";
import { periodStart } from "../../rules/progress";
import { DomainError } from "../errors";
import { decodeCursor, encodeCursor, parseListQuery } from "../list-query";
import { countQueue, cursorShape, itemSelect, REVIEW_PAGE_SIZE, reviewQueueQuerySchema, type ReviewQueuePage } from "./shared";

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
