import "server-only";
import { prisma, Prisma } from "@workplan/db";
import { z } from "zod";
import { isDone, pastDueDate, shanghaiPeriodOf, type Light, type ReportStatus } from "../rules/calendar";
import { toSimplified, toTraditional } from "../rules/chinese";
import { HEALTHS } from "../rules/health";
import type { Viewer } from "../rules/policy";
import { DomainError } from "./errors";
import type { InitiativeDetail } from "./get-initiative";
import { beijingToday, decodeCursor, encodeCursor, flagSchema, invalidCursor, parseListQuery } from "./list-query";
import { calendarSelect, lightsOf, type CalendarInitiative } from "./reporting-calendar";
import { isIndexableSearch, searchTextMatches } from "./search-text";
import { initiativeWhere } from "./scope";

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

export const apiInitiativeListSchema = z.object({
  items: z.array(apiInitiativeSchema),
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

/** What a list row needs: the API's fields and what the light is computed from. */
const rowSelect = { ...listSelect, ...calendarSelect } as const satisfies Prisma.InitiativeSelect;
type Row = Prisma.InitiativeGetPayload<{ select: typeof rowSelect }>;

const ORDER_BY: Record<InitiativeSort, Prisma.InitiativeOrderByWithRelationInput[]> = {
  code: [{ code: "asc" }],
  progress: [{ progress: "asc" }, { code: "asc" }],
  "-progress": [{ progress: "desc" }, { code: "asc" }],
  due: [{ dueDate: "asc" }, { code: "asc" }],
  "-updated": [{ lastUpdateAt: { sort: "desc", nulls: "last" } }, { code: "asc" }],
};

const cursorShapes = {
  progress: z.tuple([z.enum(["progress", "-progress"]), z.number().int(), z.string()]),
  due: z.tuple([z.literal("due"), z.iso.date(), z.string()]),
  "-updated": z.tuple([z.literal("-updated"), z.iso.datetime().nullable(), z.string()]),
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

/** The rows after the cursor in the sort's order (the code breaks ties, so no row is skipped or repeated). */
function afterCursor(sort: InitiativeSort, cursor: string): Prisma.InitiativeWhereInput {
  switch (sort) {
    case "code":
      return { code: { gt: cursor } };
    case "progress":
    case "-progress": {
      const [cursorSort, progress, code] = decodeCursor(cursor, cursorShapes.progress);
      if (cursorSort !== sort) throw invalidCursor();
      return { OR: [{ progress: sort === "progress" ? { gt: progress } : { lt: progress } }, { progress, code: { gt: code } }] };
    }
    case "due": {
      const [, day, code] = decodeCursor(cursor, cursorShapes.due);
      const dueDate = new Date(`${day}T00:00:00Z`);
      return { OR: [{ dueDate: { gt: dueDate } }, { dueDate, code: { gt: code } }] };
    }
    case "-updated": {
      const [, at, code] = decodeCursor(cursor, cursorShapes["-updated"]);
      if (at === null) return { lastUpdateAt: null, code: { gt: code } };
      const lastUpdateAt = new Date(at);
      return { OR: [{ lastUpdateAt: { lt: lastUpdateAt } }, { lastUpdateAt, code: { gt: code } }, { lastUpdateAt: null }] };
    }
  }
}

/** The filters the database applies (all but the light and this month's report, and the search). */
function databaseFilters(viewer: Viewer, query: ListInitiativesQuery, now: Date): Prisma.InitiativeWhereInput[] {
  const filters: Prisma.InitiativeWhereInput[] = [initiativeWhere(viewer)];
  if (query.year !== undefined) filters.push({ plan: { year: query.year } });
  if (query.department !== undefined) filters.push({ department: { code: query.department } });
  if (query.theme !== undefined) filters.push({ theme: { code: query.theme } });
  if (query.health !== undefined) filters.push({ health: query.health === "NONE" ? null : query.health });
  if (query.closed !== undefined) filters.push({ closedAt: query.closed === "1" ? { not: null } : null });
  if (query.review !== undefined) filters.push({ updates: { some: { status: query.review } } });
  if (query.overdue !== undefined) {
    // rules/calendar.ts pastDueDate and isDone, in SQL: the due day is over in Beijing, and not done.
    const overdue: Prisma.InitiativeWhereInput = {
      dueDate: { lt: beijingToday(now) },
      closedAt: null,
      progress: { lt: 100 },
      OR: [{ health: null }, { health: { not: "DONE" } }],
    };
    filters.push(query.overdue === "1" ? overdue : { NOT: overdue });
  }
  return filters;
}

/**
 * The ids, among those the filters give, of the initiatives whose code, title or wording contains
 * `q` — or, for a query of two letters or more, one of whose progress reports does. Both through
 * the search indexes (operations/search-text.ts): a million reports are not scanned.
 */
async function searchInitiatives(filters: Prisma.InitiativeWhereInput[], q: string): Promise<string[]> {
  const candidates = await prisma.initiative.findMany({ where: { AND: filters }, select: { id: true } });
  if (candidates.length === 0) return [];
  const ids = candidates.map((c) => c.id);
  const inReports = isIndexableSearch(q)
    ? Prisma.sql`UNION
        SELECT i.id FROM initiatives i
         WHERE i.id = ANY(${ids}::text[])
           AND EXISTS (SELECT 1 FROM progress_updates u WHERE u.initiative_id = i.id AND ${searchTextMatches("u", q)})`
    : Prisma.empty;
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    SELECT i.id FROM initiatives i WHERE i.id = ANY(${ids}::text[]) AND ${searchTextMatches("i", q)}
    ${inReports}`;
  return rows.map((r) => r.id);
}

function matchesCalendar(item: CalendarInitiative, query: ListInitiativesQuery): boolean {
  if (query.light !== undefined && item.light !== query.light) return false;
  if (query.late !== undefined) {
    const status = item.months[0]?.status;
    // A done or closed initiative owes no more reports: never late (as on the dashboard).
    const late = !item.done && (status === "LATE" || status === "MISSING");
    if (late !== (query.late === "1")) return false;
  }
  return true;
}

interface Found {
  rows: Row[];
  /** The lights of the rows, when the filters needed them. */
  lights: Map<string, CalendarInitiative> | null;
  /** All the initiatives matching (not only this page); null when not asked for, or after a cursor with a light filter. */
  total: number | null;
  nextCursor: string | null;
}

/**
 * The initiatives in the viewer's scope matching the query, in the query's order, one page.
 *
 * The light and this month's report (light=, late=) are computed as the reporting calendar does
 * (rules/calendar.ts through lightsOf, which reads the stored monthly roll-up in ONE query) for all
 * the initiatives the other filters leave, before paginating: a ministry has a few thousand
 * initiatives at most, so that set is bounded; never a query per row. Everything else is filtered,
 * sorted and paginated by the database.
 */
async function findInitiatives(viewer: Viewer, query: ListInitiativesQuery, now: Date, want: { total: boolean }): Promise<Found> {
  if (query.page !== undefined && query.cursor !== undefined) {
    throw new DomainError("invalid", "a page and a cursor", { page: "page.withCursor" });
  }
  const filters = databaseFilters(viewer, query, now);
  if (query.q !== undefined) filters.push({ id: { in: await searchInitiatives(filters, query.q) } });
  const where: Prisma.InitiativeWhereInput = { AND: filters };
  const after = query.cursor === undefined ? where : { AND: [where, afterCursor(query.sort, query.cursor)] };
  const orderBy = ORDER_BY[query.sort];
  const offset = ((query.page ?? 1) - 1) * query.limit;

  if (query.light !== undefined || query.late !== undefined) {
    const candidates = await prisma.initiative.findMany({ where: after, orderBy, select: calendarSelect });
    const kept = (await lightsOf(prisma, candidates, now)).filter((item) => matchesCalendar(item, query));
    const slice = kept.slice(offset, offset + query.limit + 1);
    const byId = new Map((await prisma.initiative.findMany({ where: { id: { in: slice.map((i) => i.id) } }, select: rowSelect })).map((r) => [r.id, r]));
    const rows = slice.flatMap((i) => byId.get(i.id) ?? []);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      rows: page,
      lights: new Map(slice.map((i) => [i.id, i])),
      total: want.total && query.cursor === undefined ? kept.length : null,
      nextCursor: rows.length > query.limit && last ? cursorAfter(query.sort, last) : null,
    };
  }

  const [rows, total] = await Promise.all([
    prisma.initiative.findMany({ where: after, orderBy, skip: offset, take: query.limit + 1, select: rowSelect }),
    want.total ? prisma.initiative.count({ where }) : Promise.resolve(null),
  ]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { rows: page, lights: null, total, nextCursor: rows.length > query.limit && last ? cursorAfter(query.sort, last) : null };
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
  return { items: found.rows.map(apiItem), nextCursor: found.nextCursor };
}

export interface InitiativeListItem extends ApiInitiative {
  /** The current supervision light, as on the reporting calendar. */
  light: Light;
  /** This month's report by the lead department (Beijing time). */
  thisMonth: ReportStatus;
  /** Past its own due date and not done. */
  overdue: boolean;
  closed: boolean;
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
  const lights = found.lights ?? new Map((await lightsOf(prisma, found.rows, now)).map((i) => [i.id, i]));
  const total = found.total ?? found.rows.length;
  return {
    items: found.rows.map((row) => {
      const light = lights.get(row.id);
      return {
        ...apiItem(row),
        light: light?.light ?? "GREEN",
        thisMonth: light?.months[0]?.status ?? "NOT_DUE",
        overdue: pastDueDate(row.dueDate, now) && !isDone(row),
        closed: row.closedAt !== null,
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
function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
