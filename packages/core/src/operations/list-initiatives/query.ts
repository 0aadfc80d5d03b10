import "server-only";
import { prisma, Prisma } from "@workplan/db";
import { z } from "zod";
import { type Light, type ReportStatus } from "../../rules/calendar";
import { normalizeForSearch } from "../../rules/chinese";
import { type Viewer } from "../../rules/policy";
import { DomainError } from "../errors";
import { beijingToday, decodeCursor, encodeCursor, invalidCursor } from "../list-query";
import { calendarSql } from "../light-sql";
import { isIndexableSearch, searchTextMatches } from "../../infra/search-text";
import { initiativeScopeSql } from "../scope";
import { isoDay } from "../../rules/dates";
import { isoDate } from "./presenters";
import { type InitiativeSort, type ListInitiativesQuery, MATCH_PLACES, type SearchMatch } from "./schema";

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
  closedAt: true,
  outcome: true,
} as const satisfies Prisma.InitiativeSelect;

/** What a list row needs: the API's fields and whether it is closed (the light comes from the database). */
const rowSelect = { ...listSelect } as const satisfies Prisma.InitiativeSelect;
/** A row as read, with its plan's year (from the statement that picked the page: no statement of its own). */
export type Row = Prisma.InitiativeGetPayload<{ select: typeof rowSelect }> & { plan: { year: number } };

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

/** An initiative code: KJS-2018-1.1, CYZCS-2018-7. */
const INITIATIVE_CODE = /^[A-Z][A-Z0-9_]{0,19}-\d{4}-[0-9.]{1,15}$/;

/** The rows of `s` (the ranked, lit candidates) after the cursor, in the sort's order (the code breaks ties). */
function afterCursorSql(sort: InitiativeSort, cursor: string, ranked: boolean): Prisma.Sql {
  if (ranked) {
    const [, rank, inner] = decodeCursor(cursor, cursorShapes.ranked);
    return Prisma.sql`(s.rank > ${rank}::int OR (s.rank = ${rank}::int AND ${afterCursorSql(sort, inner, false)}))`;
  }
  switch (sort) {
    case "code":
      // The code of the page's last initiative, as ever; anything else is not a cursor this list gave.
      if (!INITIATIVE_CODE.test(cursor)) throw invalidCursor();
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
  plan_year: number;
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
export async function findInitiatives(viewer: Viewer, query: ListInitiativesQuery, now: Date, want: { total: boolean }): Promise<Found> {
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
           ${calendar.light} AS light, ${calendar.thisMonth} AS this_month, ${calendar.late} AS late, ${rank} AS rank, p.year AS plan_year,
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
    SELECT s.id, s.light, s.this_month, s.rank::int AS rank, s.plan_year, ${want.total ? Prisma.sql`count(*) OVER ()` : Prisma.sql`NULL::bigint`} AS total
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
  const yearOf = new Map(picked.map((r) => [r.id, r.plan_year]));
  const rows = pageIds.flatMap((id) => {
    const row = byId.get(id);
    return row ? [{ ...row, plan: { year: yearOf.get(id) ?? row.dueDate.getUTCFullYear() } }] : [];
  });
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
export async function matchesOf(rows: readonly Row[], state: Map<string, PageRow>, q: string): Promise<Map<string, SearchMatch>> {
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
