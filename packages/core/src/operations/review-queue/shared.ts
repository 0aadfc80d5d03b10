import { prisma, Prisma } from "@workplan/db";
import "server-only";
import { z } from "zod";
import { type Viewer } from "../../rules/policy";

// What the operations in review-queue/ share.
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

export const cursorShape = z.tuple([z.enum(["newest", "oldest"]), z.string().datetime(), z.string().min(1).max(40)]);

export const itemSelect = {
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

export async function countQueue(
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
