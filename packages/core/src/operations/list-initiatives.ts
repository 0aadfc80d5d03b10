import "server-only";
import { prisma, Prisma } from "@workplan/db";
import { z } from "zod";
import { isDone, pastDueDate, shanghaiPeriodOf, type Light, type ReportStatus } from "../rules/calendar";
import { normalizeForSearch, toSimplified, toTraditional } from "../rules/chinese";
import { HEALTHS } from "../rules/health";
import type { Viewer } from "../rules/policy";
import { DomainError } from "./errors";
import type { InitiativeDetail } from "./get-initiative";
import { beijingToday, decodeCursor, encodeCursor, flagSchema, invalidCursor, parseListQuery } from "./list-query";
import { calendarSql } from "./light-sql";
import { isIndexableSearch, searchTextMatches } from "../infra/search-text";
import { initiativeScopeSql } from "./scope";
import { isoDay } from "../rules/dates";

// Initiatives as the REST API (v1) gives them to other systems, and as the list page (/initiatives)
// shows them. The zod schemas below are the contract: the operation's return types are inferred
// from them, and /api/v1/openapi.json is generated from them. The list page's URL parameters are
// the same names (a dashboard figure links to /initiatives?department=KJS&light=RED).

export const LIST_LIMIT_DEFAULT = 100;
export const LIST_LIMIT_MAX = 500;
export const LIST_PAGE_MAX = 1000;

export const INITIATIVE_SORTS = ["code", "progress", "-progress", "due", "-updated"] as const;
export type InitiativeSort = (typeof INITIATIVE_SORTS)[number];
export const LIGHTS = ["RED", "YELLOW", "GREEN"] as const;

const DEPARTMENT_CODE = /^[A-Za-z][A-Za-z0-9]{0,19}$/;

export const listInitiativesQuerySchema = z.object({
  year: z.coerce
    .number({ error: "year.invalid" })
    .int("year.invalid")
    .min(2000, "year.invalid")
    .max(2100, "year.invalid")
    .optional()
    .describe("The plan's year, e.g. 2018"),
  department: z
    .string()
    .trim()
    .regex(DEPARTMENT_CODE, "department.invalid")
    .transform((code) => code.toUpperCase())
    .optional()
    .describe("The lead department's code, e.g. KJS"),
  theme: z
    .string()
    .trim()
    .regex(/^[A-Za-z][A-Za-z0-9]{0,19}-\d{4}-\d{1,3}$/, "theme.invalid")
    .transform((code) => code.toUpperCase())
    .optional()
    .describe("The theme's code, e.g. KJS-2018-1"),
  health: z
    .enum([...HEALTHS, "NONE"], { error: "health.invalid" })
    .optional()
    .describe("The latest reported health; NONE: not reported yet"),
  light: z
    .enum(LIGHTS, { error: "light.invalid" })
    .optional()
    .describe("The current supervision light (as on the reporting calendar): RED, YELLOW or GREEN"),
  overdue: flagSchema("1: past its own due date and not done (Beijing time); 0: the others"),
  late: flagSchema("1: this month's report by the lead department is late or missing (open initiatives only: done or closed ones owe none); 0: the others"),
  attention: flagSchema(
    "1: needs attention, as the overview lists it: not done, and past its due date, this month's report late, missing or due within days, or reported off track or at risk; 0: the others",
  ),
  review: z
    .enum(["SUBMITTED"], { error: "review.invalid" })
    .optional()
    .describe("SUBMITTED: has at least one progress report awaiting review"),
  closed: flagSchema("1: closed (takes no more reports); 0: open"),
  q: z
    .string()
    .trim()
    .min(1, "q.invalid")
    .max(100, "q.tooLong")
    .optional()
    .describe(
      "Words in the code, title, original wording or (from two letters on) the progress reports, in Simplified or Traditional characters",
    ),
  in: z
    .enum(["titles"], { error: "in.invalid" })
    .optional()
    .describe("titles: look for q in the code and title only (not in the wording or the progress reports)"),
  sort: z
    .enum(INITIATIVE_SORTS, { error: "sort.invalid" })
    .default("code")
    .describe("code (default), progress (lowest first), -progress (highest first), due (earliest first), -updated (latest report first)"),
  limit: z.coerce
    .number({ error: "limit.range" })
    .int("limit.range")
    .min(1, "limit.range")
    .max(LIST_LIMIT_MAX, "limit.range")
    .default(LIST_LIMIT_DEFAULT)
    .describe(`Items per page (at most ${LIST_LIMIT_MAX})`),
  cursor: z.string().min(1, "cursor.invalid").max(200, "cursor.invalid").optional().describe("nextCursor of the previous page"),
  page: z.coerce
    .number({ error: "page.invalid" })
    .int("page.invalid")
    .min(1, "page.invalid")
    .max(LIST_PAGE_MAX, "page.invalid")
    .optional()
    .describe("A page number (from 1) instead of a cursor"),
});

export type ListInitiativesQuery = z.output<typeof listInitiativesQuerySchema>;

/** English wording of the query's message keys, for the API. */
export const LIST_QUERY_MESSAGES: Record<string, string> = {
  "year.invalid": "Give the year as a number between 2000 and 2100.",
  "department.invalid": "Give a department code such as KJS.",
  "theme.invalid": "Give a theme code such as KJS-2018-1.",
  "health.invalid": "Health is one of ON_TRACK, AT_RISK, OFF_TRACK, DONE, NONE.",
  "light.invalid": "The light is one of RED, YELLOW, GREEN.",
  "flag.invalid": "Give 1 (yes) or 0 (no).",
  "review.invalid": "Give SUBMITTED (awaiting review).",
  "q.invalid": "Give the words to search for.",
  "q.tooLong": "Keep the search to 100 characters.",
  "q.tooShort": "Search for at least two letters or digits.",
  "in.invalid": "Give titles (search the code and title only), or leave it out.",
  "sort.invalid": "Sort by code, progress, -progress, due or -updated.",
  "limit.range": `The limit is a whole number from 1 to ${LIST_LIMIT_MAX}.`,
  "cursor.invalid": "Pass the nextCursor of the previous page unchanged.",
  "page.invalid": `The page is a whole number from 1 to ${LIST_PAGE_MAX}.`,
  "page.withCursor": "Give either a page or a cursor, not both.",
  "initiative.invalid": "Give an initiative code such as KJS-2018-1.1.",
  "period.invalid": "Give the month as YYYY-MM.",
  "parameter.unknown": "Unknown parameter.",
};

const departmentSchema = z.object({
  code: z.string(),
  nameZhHans: z.string(),
  nameZhHant: z.string(),
  nameEn: z.string(),
});

export const apiInitiativeSchema = z.object({
  id: z.string(),
  code: z.string().describe("e.g. KJS-2018-1.1"),
  title: z.string().describe("As written in the source (Traditional characters)"),
  originalText: z.string().describe("The wording exactly as the source has it"),
  department: departmentSchema.describe("The lead department"),
  theme: z.object({ code: z.string(), title: z.string() }).nullable(),
  target: z.object({ value: z.number(), unit: z.string(), approximate: z.boolean() }).nullable(),
  dueDate: z.iso.date(),
  progress: z.number().int().min(0).max(100),
  health: z.enum(HEALTHS).nullable().describe("null until the first report"),
  version: z.number().int().describe("Pass it as baseVersion when reporting progress"),
  measuredValue: z.number().nullable(),
  lastUpdateAt: z.iso.datetime().nullable(),
});

export const MATCH_PLACES = ["code", "title", "original", "report"] as const;
export type MatchPlace = (typeof MATCH_PLACES)[number];

export const searchMatchSchema = z.object({
  place: z.enum(MATCH_PLACES).describe("Where q was found, best first: code, title, original (the wording), report (only in a progress report)"),
  snippet: z.string().nullable().describe("For original and report: the words around the match"),
});
export type SearchMatch = z.infer<typeof searchMatchSchema>;

export const apiInitiativeListItemSchema = apiInitiativeSchema.extend({
  match: searchMatchSchema.optional().describe("Only with q: where it was found (the list is ranked by it)"),
});

export const apiInitiativeListSchema = z.object({
  items: z.array(apiInitiativeListItemSchema),
  nextCursor: z.string().nullable().describe("null on the last page"),
});

export const apiProgressUpdateSchema = z.object({
  id: z.string(),
  period: z.string().describe("YYYY-MM"),
  progress: z.number().int(),
  health: z.enum(HEALTHS),
  healthSuggested: z.enum(HEALTHS).describe("What the pace suggested"),
  healthReason: z.string().nullable(),
  workDone: z.string(),
  problems: z.string().nullable(),
  nextSteps: z.string().nullable(),
  measuredValue: z.number().nullable(),
  status: z.enum(["SUBMITTED", "APPROVED", "RETURNED"]),
  version: z.number().int(),
  author: z.object({ id: z.string(), name: z.string() }),
  departmentCode: z.string().describe("The reporting department"),
  links: z.array(z.string()),
  files: z.array(z.object({ id: z.string(), fileName: z.string(), mimeType: z.string(), size: z.number().int() })),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const apiMilestoneSchema = z.object({
  id: z.string(),
  title: z.string(),
  dueDate: z.iso.date(),
  doneAt: z.iso.datetime().nullable(),
});

export const apiInitiativeDetailSchema = apiInitiativeSchema.extend({
  updates: z.array(apiProgressUpdateSchema).describe("Newest first, at most 50"),
  milestones: z.array(apiMilestoneSchema),
});

export type ApiInitiative = z.infer<typeof apiInitiativeSchema>;
export type ApiInitiativeList = z.infer<typeof apiInitiativeListSchema>;
export type ApiInitiativeDetail = z.infer<typeof apiInitiativeDetailSchema>;

const listSelect = {
  id: true,
  code: true,
  title: true,
  originalText: true,
  department: { select: { code: true, nameZhHans: true, nameZhHant: true, nameEn: true } },
  theme: { select: { code: true, title: true } },
  targetValue: true,
  targetUnit: true,
  targetApproximate: true,
  dueDate: true,
  progress: true,
  health: true,
  version: true,
  measuredValue: true,
  lastUpdateAt: true,
} as const satisfies Prisma.InitiativeSelect;

/** What a list row needs: the API's fields and whether it is closed (the light comes from the database). */
const rowSelect = { ...listSelect, closedAt: true } as const satisfies Prisma.InitiativeSelect;
type Row = Prisma.InitiativeGetPayload<{ select: typeof rowSelect }>;

const cursorShapes = {
  progress: z.tuple([z.enum(["progress", "-progress"]), z.number().int(), z.string()]),
  due: z.tuple([z.literal("due"), z.iso.date(), z.string()]),
  "-updated": z.tuple([z.literal("-updated"), z.iso.datetime().nullable(), z.string()]),
  /** With q: the search rank, then the sort's own cursor. */
  ranked: z.tuple([z.literal("q"), z.number().int().min(0).max(3), z.string().max(300)]),
};

/** The cursor after `row`: its code when sorted by code (as ever), else the sort key and the code. */
function cursorAfter(sort: InitiativeSort, row: Row): string {
  switch (sort) {
    case "code":
      return row.code;
    case "progress":
    case "-progress":
      return encodeCursor([sort, row.progress, row.code]);
    case "due":
      return encodeCursor([sort, isoDate(row.dueDate), row.code]);
    case "-updated":
      return encodeCursor([sort, row.lastUpdateAt?.toISOString() ?? null, row.code]);
  }
}

/** The rows of `s` (the ranked, lit candidates) after the cursor, in the sort's order (the code breaks ties). */
function afterCursorSql(sort: InitiativeSort, cursor: string, ranked: boolean): Prisma.Sql {
  if (ranked) {
    const [, rank, inner] = decodeCursor(cursor, cursorShapes.ranked);
    return Prisma.sql`(s.rank > ${rank}::int OR (s.rank = ${rank}::int AND ${afterCursorSql(sort, inner, false)}))`;
  }
  switch (sort) {
    case "code":
      return Prisma.sql`s.code > ${cursor}`;
    case "progress":
    case "-progress": {
      const [cursorSort, progress, code] = decodeCursor(cursor, cursorShapes.progress);
      if (cursorSort !== sort) throw invalidCursor();
      return sort === "progress"
        ? Prisma.sql`(s.progress > ${progress}::int OR (s.progress = ${progress}::int AND s.code > ${code}))`
        : Prisma.sql`(s.progress < ${progress}::int OR (s.progress = ${progress}::int AND s.code > ${code}))`;
    }
    case "due": {
      const [, day, code] = decodeCursor(cursor, cursorShapes.due);
      return Prisma.sql`(s.due_date > ${day}::date OR (s.due_date = ${day}::date AND s.code > ${code}))`;
    }
    case "-updated": {
      const [, at, code] = decodeCursor(cursor, cursorShapes["-updated"]);
      if (at === null) return Prisma.sql`(s.last_update_at IS NULL AND s.code > ${code})`;
      return Prisma.sql`(s.last_update_at < ${at}::timestamp OR (s.last_update_at = ${at}::timestamp AND s.code > ${code})
                         OR s.last_update_at IS NULL)`;
    }
  }
}

const ORDER_BY_SQL: Record<InitiativeSort, Prisma.Sql> = {
  code: Prisma.sql`s.code`,
  progress: Prisma.sql`s.progress ASC, s.code`,
  "-progress": Prisma.sql`s.progress DESC, s.code`,
  due: Prisma.sql`s.due_date ASC, s.code`,
  "-updated": Prisma.sql`s.last_update_at DESC NULLS LAST, s.code`,
};

/** The filters on the initiative `i` and its plan `p` (all but the light, this month's report and the search). */
function filterSql(viewer: Viewer, query: ListInitiativesQuery, now: Date): Prisma.Sql[] {
  const filters: Prisma.Sql[] = [initiativeScopeSql(viewer, "i")];
  if (query.year !== undefined) filters.push(Prisma.sql`p.year = ${query.year}::int`);
  if (query.department !== undefined) filters.push(Prisma.sql`i.department_id = (SELECT id FROM departments WHERE code = ${query.department})`);
  if (query.theme !== undefined) filters.push(Prisma.sql`i.theme_id = (SELECT id FROM themes WHERE code = ${query.theme})`);
  if (query.health !== undefined) {
    filters.push(query.health === "NONE" ? Prisma.sql`i.health IS NULL` : Prisma.sql`i.health = ${query.health}::"Health"`);
  }
  if (query.closed !== undefined) filters.push(query.closed === "1" ? Prisma.sql`i.closed_at IS NOT NULL` : Prisma.sql`i.closed_at IS NULL`);
  if (query.review !== undefined) {
    filters.push(Prisma.sql`EXISTS (SELECT 1 FROM progress_updates r WHERE r.initiative_id = i.id AND r.status = ${query.review}::"UpdateStatus")`);
  }
  if (query.overdue !== undefined) {
    // rules/calendar.ts pastDueDate and isDone, in SQL: the due day is over in Beijing, and not done.
    const overdue = Prisma.sql`(i.due_date < ${isoDay(beijingToday(now))}::date AND i.closed_at IS NULL
                                AND i.progress < 100 AND (i.health IS NULL OR i.health <> 'DONE'::"Health"))`;
    filters.push(query.overdue === "1" ? overdue : Prisma.sql`NOT ${overdue}`);
  }
  return filters;
}

/**
 * Where `q` is found, best first: 0 in the code, 1 in the title, 2 in the original wording (the
 * initiative's search_text is code, title and wording on lines 1, 2 and after, see
 * initiativeSearchText), 3 only in its progress reports. Every condition goes through the search
 * indexes (infra/search-text.ts): a million reports are not scanned.
 */
interface SearchSql {
  /** The initiative's own words match (in=titles: its code or title). */
  own: Prisma.Sql;
  /** 0, 1 or 2 for a row whose own words match. */
  ownRank: Prisma.Sql;
  /** Only a report matches; null when reports are not searched (in=titles, or a single letter). */
  reportsOnly: Prisma.Sql | null;
}

function searchSql(q: string, titlesOnly: boolean): SearchSql {
  const term = normalizeForSearch(q.trim());
  const own = searchTextMatches("i", q);
  const inCode = Prisma.sql`strpos(split_part(i.search_text, chr(10), 1), ${term}) > 0`;
  const inTitle = Prisma.sql`strpos(split_part(i.search_text, chr(10), 2), ${term}) > 0`;
  const ownRank = Prisma.sql`(CASE WHEN ${inCode} THEN 0 WHEN ${inTitle} THEN 1 ELSE 2 END)`;
  if (titlesOnly) return { own: Prisma.sql`(${own} AND (${inCode} OR ${inTitle}))`, ownRank, reportsOnly: null };
  if (!isIndexableSearch(q)) return { own, ownRank, reportsOnly: null };
  // Not under an OR: PostgreSQL then picks, by how common the words are, between stopping at each
  // initiative's first matching report and reading the few matching reports through the index.
  return {
    own,
    ownRank,
    reportsOnly: Prisma.sql`NOT ${own} AND EXISTS (SELECT 1 FROM progress_updates u WHERE u.initiative_id = i.id AND ${searchTextMatches("u", q)})`,
  };
}

interface PageRow {
  id: string;
  light: Light;
  this_month: ReportStatus;
  rank: number;
  total: bigint | null;
}

interface Found {
  rows: Row[];
  /** Light, this month's report and search rank of each row, computed by the database. */
  state: Map<string, PageRow>;
  /** All the initiatives matching (not only this page); null when not asked for. */
  total: number | null;
  nextCursor: string | null;
}

/**
 * The initiatives in the viewer's scope matching the query, in the query's order, one page.
 *
 * ONE statement picks the page: scope, filters, search (ranked: code, title, wording, then reports)
 * and the light and this month's report — computed by the database as the reporting calendar
 * computes them (light-sql.ts, on the stored monthly roll-up initiative_months) — sorted and cut to
 * the page, with the total alongside. A second reads the page's rows. However many initiatives or
 * reports there are, neither the scope nor a list of its ids comes to this process.
 */
async function findInitiatives(viewer: Viewer, query: ListInitiativesQuery, now: Date, want: { total: boolean }): Promise<Found> {
  if (query.page !== undefined && query.cursor !== undefined) {
    throw new DomainError("invalid", "a page and a cursor", { page: "page.withCursor" });
  }
  const ranked = query.q !== undefined;
  const calendar = calendarSql(now);
  const conditions = filterSql(viewer, query, now);
  const search = query.q === undefined ? null : searchSql(query.q, query.in === "titles");
  const outer: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (query.light !== undefined) outer.push(Prisma.sql`s.light = ${query.light}`);
  if (query.late !== undefined) outer.push(query.late === "1" ? Prisma.sql`s.late` : Prisma.sql`NOT s.late`);
  if (query.attention !== undefined) outer.push(query.attention === "1" ? Prisma.sql`s.attention` : Prisma.sql`NOT s.attention`);
  if (query.cursor !== undefined) outer.push(afterCursorSql(query.sort, query.cursor, ranked));
  const offset = ((query.page ?? 1) - 1) * query.limit;
  const select = (match: Prisma.Sql | null, rank: Prisma.Sql) => Prisma.sql`
    SELECT i.id, i.code, i.progress, i.due_date, i.last_update_at,
           ${calendar.light} AS light, ${calendar.thisMonth} AS this_month, ${calendar.late} AS late, ${rank} AS rank,
           -- The overview's "needs attention" (dashboard.ts reasons): not done, and not green, or
           -- this month's report late, or reported off track or at risk.
           (NOT ${calendar.done} AND (${calendar.light} <> 'GREEN' OR ${calendar.late} OR i.health IN ('OFF_TRACK', 'AT_RISK'))) AS attention
      FROM initiatives i JOIN work_plans p ON p.id = i.plan_id ${calendar.monthJoin}
     WHERE ${Prisma.join(match ? [...conditions, match] : conditions, " AND ")}`;
  const candidates = !search
    ? select(null, Prisma.sql`0`)
    : search.reportsOnly
      ? Prisma.sql`${select(search.own, search.ownRank)} UNION ALL ${select(search.reportsOnly, Prisma.sql`3`)}`
      : select(search.own, search.ownRank);
  const picked = await prisma.$queryRaw<PageRow[]>`
    SELECT s.id, s.light, s.this_month, s.rank::int AS rank, ${want.total ? Prisma.sql`count(*) OVER ()` : Prisma.sql`NULL::bigint`} AS total
      FROM (${candidates}) s
     WHERE ${Prisma.join(outer, " AND ")}
     ORDER BY ${ranked ? Prisma.sql`s.rank, ` : Prisma.empty}${ORDER_BY_SQL[query.sort]}
     LIMIT ${query.limit + 1}::int OFFSET ${offset}::int`;
  let total: number | null = picked[0]?.total === undefined || picked[0].total === null ? null : Number(picked[0].total);
  if (want.total && picked.length === 0) {
    // A page past the end (or nothing at all) carries no window count: count on its own.
    total = offset === 0 ? 0 : (await prisma.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM (${candidates}) s WHERE ${Prisma.join(outer, " AND ")}`)[0]?.n ?? 0;
  }
  const pageIds = picked.slice(0, query.limit).map((r) => r.id);
  const byId = new Map((await prisma.initiative.findMany({ where: { id: { in: pageIds } }, select: rowSelect })).map((r) => [r.id, r]));
  const rows = pageIds.flatMap((id) => byId.get(id) ?? []);
  const last = rows.at(-1);
  const lastState = last && picked.find((r) => r.id === last.id);
  return {
    rows,
    state: new Map(picked.map((r) => [r.id, r])),
    total: want.total ? total : null,
    nextCursor:
      picked.length > query.limit && last
        ? ranked
          ? encodeCursor(["q", lastState?.rank ?? 0, cursorAfter(query.sort, last)])
          : cursorAfter(query.sort, last)
        : null,
  };
}

/** Where each page row matched `q`, with a snippet of the wording or of its latest matching report. */
async function matchesOf(rows: readonly Row[], state: Map<string, PageRow>, q: string): Promise<Map<string, SearchMatch>> {
  const term = normalizeForSearch(q.trim());
  const out = new Map<string, SearchMatch>();
  const inReports = rows.filter((r) => state.get(r.id)?.rank === 3).map((r) => r.id);
  const reports = inReports.length === 0 ? [] : await prisma.$queryRaw<{ initiative_id: string; text: string }[]>`
      SELECT DISTINCT ON (u.initiative_id) u.initiative_id, concat_ws(chr(10), u.work_done, u.problems, u.next_steps) AS text
        FROM progress_updates u
       WHERE u.initiative_id = ANY(${inReports}::text[]) AND ${searchTextMatches("u", q)}
       ORDER BY u.initiative_id, u.created_at DESC, u.id DESC`;
  const reportText = new Map(reports.map((r) => [r.initiative_id, r.text]));
  for (const row of rows) {
    const place = MATCH_PLACES[state.get(row.id)?.rank ?? 0] ?? "code";
    const text = place === "original" ? row.originalText : place === "report" ? reportText.get(row.id) ?? null : null;
    out.set(row.id, { place, snippet: text === null ? null : snippetOf(text, term) });
  }
  return out;
}

/** Some 40 characters of `text` around the first place it contains `term` (compared normalised). */
export function snippetOf(text: string, term: string, radius = 20): string {
  const normal = normalizeForSearch(text);
  // The Simplified rendering has the original's length almost always; when a phrase conversion
  // changed it, the snippet is cut from the rendering instead.
  const source = normal.length === text.length ? text : normal;
  const at = Math.max(0, normal.indexOf(term));
  const start = Math.max(0, at - radius);
  const end = Math.min(source.length, at + term.length + radius);
  const cut = source.slice(start, end).replace(/\s+/g, " ").trim();
  return `${start > 0 ? "…" : ""}${cut}${end < source.length ? "…" : ""}`;
}

function apiItem(row: Row): ApiInitiative {
  return toApiInitiative({
    ...row,
    target:
      row.targetValue === null ? null : { value: row.targetValue.toNumber(), unit: row.targetUnit ?? "", approximate: row.targetApproximate },
    measuredValue: row.measuredValue?.toNumber() ?? null,
  });
}

/**
 * The initiatives in the viewer's scope matching the filters, in the order asked (code order by
 * default), a page at a time: follow nextCursor (keyset on the sort key and the unique code), or
 * ask for a page number.
 */
export async function listInitiatives(viewer: Viewer, queryInput: unknown, options: { now?: Date } = {}): Promise<ApiInitiativeList> {
  const query = parseListQuery(listInitiativesQuerySchema, queryInput);
  const found = await findInitiatives(viewer, query, options.now ?? new Date(), { total: false });
  const matches = query.q === undefined ? null : await matchesOf(found.rows, found.state, query.q);
  return {
    items: found.rows.map((row) => {
      const match = matches?.get(row.id);
      return match ? { ...apiItem(row), match } : apiItem(row);
    }),
    nextCursor: found.nextCursor,
  };
}

export interface InitiativeListItem extends ApiInitiative {
  /** The current supervision light, as on the reporting calendar. */
  light: Light;
  /** This month's report by the lead department (Beijing time). */
  thisMonth: ReportStatus;
  /** Past its own due date and not done. */
  overdue: boolean;
  closed: boolean;
  /** With a search: where it matched. */
  match: SearchMatch | null;
}

export interface InitiativeListPage {
  items: InitiativeListItem[];
  /** How many initiatives match, on all pages. */
  total: number;
  page: number;
  pageCount: number;
  limit: number;
  /** The month the light and thisMonth are about, e.g. 2018-11. */
  period: string;
}

/** The list page (/initiatives): a numbered page of initiatives with their lights, and the count. */
export async function listInitiativePage(viewer: Viewer, queryInput: unknown, options: { now?: Date } = {}): Promise<InitiativeListPage> {
  const query = parseListQuery(listInitiativesQuerySchema, queryInput);
  if (query.cursor !== undefined) throw new DomainError("invalid", "the page takes a page number", { cursor: "cursor.invalid" });
  const now = options.now ?? new Date();
  const found = await findInitiatives(viewer, query, now, { total: true });
  const matches = query.q === undefined ? null : await matchesOf(found.rows, found.state, query.q);
  const total = found.total ?? found.rows.length;
  return {
    items: found.rows.map((row) => {
      const state = found.state.get(row.id);
      return {
        ...apiItem(row),
        light: state?.light ?? "GREEN",
        thisMonth: state?.this_month ?? "NOT_DUE",
        overdue: pastDueDate(row.dueDate, now) && !isDone(row),
        closed: row.closedAt !== null,
        match: matches?.get(row.id) ?? null,
      };
    }),
    total,
    page: query.page ?? 1,
    pageCount: Math.max(1, Math.ceil(total / query.limit)),
    limit: query.limit,
    period: shanghaiPeriodOf(now),
  };
}

/** The query as typed and in both scripts, so 製造 and 制造 find the same items (name searches in ILIKE). */
export function searchTerms(q: string): string[] {
  return [...new Set([q, toTraditional(q), toSimplified(q)])];
}

interface InitiativeFields {
  id: string;
  code: string;
  title: string;
  originalText: string;
  department: { code: string; nameZhHans: string; nameZhHant: string; nameEn: string };
  theme: { code: string; title: string } | null;
  target: { value: number; unit: string; approximate: boolean } | null;
  dueDate: Date;
  progress: number;
  health: ApiInitiative["health"];
  version: number;
  measuredValue: number | null;
  lastUpdateAt: Date | null;
}

function toApiInitiative(i: InitiativeFields): ApiInitiative {
  return {
    id: i.id,
    code: i.code,
    title: i.title,
    originalText: i.originalText,
    department: {
      code: i.department.code,
      nameZhHans: i.department.nameZhHans,
      nameZhHant: i.department.nameZhHant,
      nameEn: i.department.nameEn,
    },
    theme: i.theme && { code: i.theme.code, title: i.theme.title },
    target: i.target && { value: i.target.value, unit: i.target.unit, approximate: i.target.approximate },
    dueDate: isoDate(i.dueDate),
    progress: i.progress,
    health: i.health,
    version: i.version,
    measuredValue: i.measuredValue,
    lastUpdateAt: i.lastUpdateAt?.toISOString() ?? null,
  };
}

/** An initiative read with getInitiative(), in the API's shape. */
export function toApiInitiativeDetail(detail: InitiativeDetail): ApiInitiativeDetail {
  return {
    ...toApiInitiative(detail),
    updates: detail.updates.map((u) => ({
      id: u.id,
      period: isoDate(u.period).slice(0, 7),
      progress: u.progress,
      health: u.health,
      healthSuggested: u.healthSuggested,
      healthReason: u.healthReason,
      workDone: u.workDone,
      problems: u.problems,
      nextSteps: u.nextSteps,
      measuredValue: u.measuredValue,
      status: u.status,
      version: u.version,
      author: { id: u.author.id, name: u.author.name },
      departmentCode: u.department.code,
      links: u.evidence.flatMap((e) => (e.kind === "LINK" && e.url ? [e.url] : [])),
      files: u.evidence.flatMap((e) =>
        e.kind === "FILE" ? [{ id: e.id, fileName: e.fileName ?? "file", mimeType: e.mimeType ?? "application/octet-stream", size: e.size ?? 0 }] : [],
      ),
      createdAt: u.createdAt.toISOString(),
      updatedAt: u.updatedAt.toISOString(),
    })),
    milestones: detail.milestones.map((m) => ({
      id: m.id,
      title: m.title,
      dueDate: isoDate(m.dueDate),
      doneAt: m.doneAt?.toISOString() ?? null,
    })),
  };
}

/** A DATE column as YYYY-MM-DD (Prisma gives it as midnight UTC). */
const isoDate = isoDay;
