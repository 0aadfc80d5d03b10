import "server-only";
import { prisma, Prisma } from "@workplan/db";
import { z } from "zod";
import { HEALTHS } from "../rules/health";
import { isMinistryWide, type Viewer } from "../rules/policy";
import { periodOf } from "../rules/progress";
import { LIST_QUERY_MESSAGES, listInitiativesQuerySchema } from "./list-initiatives";
import { decodeCursor, encodeCursor, invalidCursor, parseListQuery } from "./list-query";
import { isIndexableSearch, searchTextMatches } from "../infra/search-text";
import { initiativeScopeSql } from "./scope";

// The progress reports in the viewer's scope (the /updates page): a million rows, so every page is
// read through an index, a page at a time by keyset on (created_at, id) — never OFFSET — and the
// count stops at UPDATE_COUNT_CAP ("1,000+").

export const UPDATES_LIMIT_DEFAULT = 50;
export const UPDATES_LIMIT_MAX = 200;
/** Counting goes this far and no further: past it the page says "more than 1,000". */
export const UPDATE_COUNT_CAP = 1000;

export const UPDATE_SORTS = ["newest", "oldest", "progress"] as const;
export type UpdateSort = (typeof UPDATE_SORTS)[number];
export const UPDATE_STATUSES = ["SUBMITTED", "APPROVED", "RETURNED"] as const;

const initiativeFilters = listInitiativesQuerySchema.shape;

export const listUpdatesQuerySchema = z.object({
  year: initiativeFilters.year.describe("The year of the initiative's plan, e.g. 2018"),
  department: initiativeFilters.department.describe("The reporting department's code, e.g. KJS"),
  theme: initiativeFilters.theme,
  initiative: z
    .string()
    .trim()
    .regex(/^[A-Za-z][A-Za-z0-9]{0,19}-\d{4}-\d{1,3}(\.\d{1,3})?$/, "initiative.invalid")
    .transform((code) => code.toUpperCase())
    .optional()
    .describe("The initiative's code, e.g. KJS-2018-1.1"),
  review: z
    .enum(UPDATE_STATUSES, { error: "review.invalid" })
    .optional()
    .describe("SUBMITTED (awaiting review), APPROVED or RETURNED"),
  health: z.enum(HEALTHS, { error: "health.invalid" }).optional().describe("The health the report gave"),
  period: z
    .string()
    .trim()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "period.invalid")
    .optional()
    .describe("The month reported on, YYYY-MM"),
  q: z
    .string()
    .trim()
    .max(100, "q.tooLong")
    .refine(isIndexableSearch, "q.tooShort")
    .optional()
    .describe("Words in the report (work done, problems, next steps), Simplified or Traditional; two letters or digits at least"),
  sort: z.enum(UPDATE_SORTS, { error: "sort.invalid" }).default("newest").describe("newest (default), oldest, progress (highest first)"),
  limit: z.coerce
    .number({ error: "limit.range" })
    .int("limit.range")
    .min(1, "limit.range")
    .max(UPDATES_LIMIT_MAX, "limit.range")
    .default(UPDATES_LIMIT_DEFAULT),
  cursor: z.string().min(1, "cursor.invalid").max(300, "cursor.invalid").optional().describe("nextCursor of the previous page"),
});

/** What this query's keys mean: the initiatives' filters, with this list's own limit, sort and status. */
export const UPDATES_QUERY_MESSAGES: Readonly<Record<string, string>> = {
  ...LIST_QUERY_MESSAGES,
  "limit.range": `The limit is a whole number from 1 to ${UPDATES_LIMIT_MAX}.`,
  "sort.invalid": "Sort by newest, oldest or progress.",
  "status.invalid": "The status is one of SUBMITTED, APPROVED, RETURNED.",
};

export type ListUpdatesQuery = z.output<typeof listUpdatesQuerySchema>;

const updateSelect = {
  id: true,
  period: true,
  progress: true,
  health: true,
  status: true,
  workDone: true,
  problems: true,
  nextSteps: true,
  createdAt: true,
  author: { select: { name: true } },
  department: { select: { code: true, nameZhHans: true, nameZhHant: true, nameEn: true } },
  initiative: { select: { id: true, code: true, title: true } },
} as const satisfies Prisma.ProgressUpdateSelect;

type UpdateRow = Prisma.ProgressUpdateGetPayload<{ select: typeof updateSelect }>;

export type UpdateListItem = Omit<UpdateRow, "period"> & { period: string };

export interface UpdateListPage {
  items: UpdateListItem[];
  /** How many reports match, counted up to UPDATE_COUNT_CAP. */
  count: number;
  /** true: there are more than `count`. */
  countCapped: boolean;
  nextCursor: string | null;
  limit: number;
}

const cursorShapes = {
  time: z.tuple([z.enum(["newest", "oldest"]), z.iso.datetime(), z.string().max(100)]),
  progress: z.tuple([z.literal("progress"), z.number().int(), z.iso.datetime(), z.string().max(100)]),
};

function cursorAfter(sort: UpdateSort, row: UpdateRow): string {
  return sort === "progress"
    ? encodeCursor([sort, row.progress, row.createdAt.toISOString(), row.id])
    : encodeCursor([sort, row.createdAt.toISOString(), row.id]);
}

// created_at is a `timestamp` holding UTC; an ISO string cast to it keeps the UTC wall time.
function keyset(sort: UpdateSort, cursor: string): Prisma.Sql {
  if (sort === "progress") {
    const [, progress, at, id] = decodeCursor(cursor, cursorShapes.progress);
    return Prisma.sql`(u.progress, u.created_at, u.id) < (${progress}::int, ${at}::timestamp, ${id}::text)`;
  }
  const [cursorSort, at, id] = decodeCursor(cursor, cursorShapes.time);
  if (cursorSort !== sort) throw invalidCursor();
  return sort === "newest"
    ? Prisma.sql`(u.created_at, u.id) < (${at}::timestamp, ${id}::text)`
    : Prisma.sql`(u.created_at, u.id) > (${at}::timestamp, ${id}::text)`;
}

const ORDER_BY: Record<UpdateSort, Prisma.Sql> = {
  newest: Prisma.sql`ORDER BY u.created_at DESC, u.id DESC`,
  oldest: Prisma.sql`ORDER BY u.created_at ASC, u.id ASC`,
  progress: Prisma.sql`ORDER BY u.progress DESC, u.created_at DESC, u.id DESC`,
};

/**
 * The progress reports on the initiatives in the viewer's scope (led or co-operated on; archived
 * ones left out) matching the filters, a page at a time. Three statements whatever the data: the
 * page's ids through an index (the scope a subquery of it, never a list of ids sent back), the
 * capped count, the page's rows.
 */
export async function listUpdates(viewer: Viewer, queryInput: unknown, options: { count?: boolean } = {}): Promise<UpdateListPage> {
  const query = parseListQuery(listUpdatesQuerySchema, queryInput, UPDATES_QUERY_MESSAGES);
  const scope: Prisma.Sql[] = [initiativeScopeSql(viewer, "i")];
  if (query.year !== undefined) scope.push(Prisma.sql`i.plan_id IN (SELECT id FROM work_plans WHERE year = ${query.year}::int)`);
  if (query.theme !== undefined) scope.push(Prisma.sql`i.theme_id = (SELECT id FROM themes WHERE code = ${query.theme})`);
  if (query.initiative !== undefined) scope.push(Prisma.sql`i.code = ${query.initiative}`);
  // A malformed cursor is refused even when nothing matches.
  const after = query.cursor === undefined ? null : keyset(query.sort, query.cursor);

  // The scope is said to the database, never sent as a list of ids, in the form whose plan suits its
  // size (measured at a million reports): a department's few dozen initiatives as an array the
  // database makes once, read through the (initiative_id, …) indexes — as a semi-join, a common
  // search word made it read every matching report first (2–3 s); the whole ministry as a semi-join
  // the newest-first scan filters by — as an array, it read every report of every initiative (7 s).
  const scopeIds = Prisma.sql`SELECT i.id FROM initiatives i WHERE ${Prisma.join(scope, " AND ")}`;
  const conditions: Prisma.Sql[] = [
    isMinistryWide(viewer) ? Prisma.sql`u.initiative_id IN (${scopeIds})` : Prisma.sql`u.initiative_id = ANY(ARRAY(${scopeIds}))`,
  ];
  if (query.department !== undefined) conditions.push(Prisma.sql`u.department_id = (SELECT id FROM departments WHERE code = ${query.department})`);
  if (query.review !== undefined) conditions.push(Prisma.sql`u.status = ${query.review}::"UpdateStatus"`);
  if (query.health !== undefined) conditions.push(Prisma.sql`u.health = ${query.health}::"Health"`);
  if (query.period !== undefined) conditions.push(Prisma.sql`u.period = ${`${query.period}-01`}::date`);
  if (query.q !== undefined) conditions.push(searchTextMatches("u", query.q));
  const where = Prisma.join(conditions, " AND ");

  const [ids, counted] = await Promise.all([
    prisma.$queryRaw<{ id: string }[]>`
      SELECT u.id FROM progress_updates u
       WHERE ${where} ${after ? Prisma.sql`AND ${after}` : Prisma.empty}
       ${ORDER_BY[query.sort]} LIMIT ${query.limit + 1}`,
    // An export reads page after page and needs no count.
    options.count === false
      ? Promise.resolve([{ n: 0 }])
      : prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM (SELECT 1 FROM progress_updates u WHERE ${where} LIMIT ${UPDATE_COUNT_CAP + 1}) s`,
  ]);
  const pageIds = ids.slice(0, query.limit).map((r) => r.id);
  const rows = await prisma.progressUpdate.findMany({ where: { id: { in: pageIds } }, select: updateSelect });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const page = pageIds.flatMap((id) => byId.get(id) ?? []);
  const last = page.at(-1);
  const count = counted[0]?.n ?? 0;
  return {
    items: page.map((row) => ({ ...row, period: periodOf(row.period) })),
    count: Math.min(count, UPDATE_COUNT_CAP),
    countCapped: count > UPDATE_COUNT_CAP,
    nextCursor: ids.length > query.limit && last ? cursorAfter(query.sort, last) : null,
    limit: query.limit,
  };
}
