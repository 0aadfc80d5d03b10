import "server-only";
import { prisma, type Prisma } from "@workplan/db";
import { z } from "zod";
import { fieldErrors } from "../rules/progress";
import { can, type Viewer } from "../rules/policy";
import { recordAudit } from "./audit";
import { DomainError } from "./errors";
import { parseIsoDay } from "../rules/dates";

// The audit trail as admins read it: newest first, filtered, a page at a time. Pages are cut by
// keyset, never by OFFSET, so page 10,000 costs what page 1 does. The order is (at, id) descending
// — the table's indexes are on at, (actor_id, at) and (object_type, object_id) — and the cursor a
// page hands out is an event id, whose `at` is looked up by primary key.

export const AUDIT_PAGE_DEFAULT = 50;
export const AUDIT_PAGE_MAX = 200;
export const AUDIT_EXPORT_BATCH = 1000;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const isCalendarDate = (text: string): boolean => parseIsoDay(text) !== null;

const dateSchema = z
  .string()
  .trim()
  .regex(DATE, "date.format")
  .refine(isCalendarDate, "date.invalid");

const cursorSchema = z.string().trim().regex(/^\d{1,19}$/, "cursor.invalid");

/** The filters, as they travel in the page's URL and the export's. */
export const auditFiltersSchema = z
  .object({
    actor: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .toLowerCase()
        .max(254, "actor.invalid")
        .refine((v) => v === "system" || /^[^\s@]+@[^\s@]+$/.test(v), "actor.invalid")
        .optional(),
    ),
    action: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/, "action.invalid")
        .max(100, "action.invalid")
        .optional(),
    ),
    objectType: z.preprocess(blankToUndefined, z.string().trim().regex(/^[A-Za-z]{1,40}$/, "objectType.invalid").optional()),
    objectId: z.preprocess(blankToUndefined, z.string().trim().regex(/^[A-Za-z0-9_:-]{1,100}$/, "objectId.invalid").optional()),
    from: z.preprocess(blankToUndefined, dateSchema.optional()),
    to: z.preprocess(blankToUndefined, dateSchema.optional()),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "to.beforeFrom" });

export type AuditFilters = z.infer<typeof auditFiltersSchema>;

const listQuerySchema = auditFiltersSchema.and(
  z.object({
    before: z.preprocess(blankToUndefined, cursorSchema.optional()),
    after: z.preprocess(blankToUndefined, cursorSchema.optional()),
    limit: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(AUDIT_PAGE_DEFAULT)),
  }),
);

/** Where an event's object can be looked at: an initiative page or an account page. */
export type AuditObjectLink = { kind: "initiative"; id: string } | { kind: "user"; id: string } | null;

export interface AuditRow {
  id: string;
  at: Date;
  actor: { id: string; name: string; email: string } | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  objectLink: AuditObjectLink;
  ip: string | null;
  before: Prisma.JsonValue;
  after: Prisma.JsonValue;
}

export interface AuditPage {
  items: AuditRow[];
  /** Cursor for the next (older) page, or null at the oldest. */
  older: string | null;
  /** Cursor for the previous (newer) page, or null at the newest. */
  newer: string | null;
  filters: AuditFilters;
}

function refuseUnlessAllowed(viewer: Viewer): void {
  if (!can(viewer, "admin.audit")) throw new DomainError("forbidden", "only admins read the audit trail");
}

/** A day of the filters is a day in Beijing (UTC+8, no daylight saving). */
function startOfDay(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

/** The filters as a where clause; null when they can match nothing (an unknown actor e-mail). */
async function filtersWhere(filters: AuditFilters): Promise<Prisma.AuditEventWhereInput | null> {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (filters.actor === "system") {
    and.push({ actorId: null });
  } else if (filters.actor) {
    // Resolved first, so that the query runs on the (actor_id, at) index.
    const actor = await prisma.user.findUnique({ where: { email: filters.actor }, select: { id: true } });
    if (!actor) return null;
    and.push({ actorId: actor.id });
  }
  if (filters.action) {
    // "auth" is the kind: every auth.* action; "auth.sign_in" is that action alone.
    and.push(filters.action.includes(".") ? { action: filters.action } : { action: { startsWith: `${filters.action}.` } });
  }
  if (filters.objectType) and.push({ objectType: filters.objectType });
  if (filters.objectId) and.push({ objectId: filters.objectId });
  if (filters.from) and.push({ at: { gte: startOfDay(filters.from) } });
  if (filters.to) and.push({ at: { lt: new Date(startOfDay(filters.to).getTime() + 86_400_000) } });
  return { AND: and };
}

type Key = { at: Date; id: bigint };

/** Rows strictly older (or newer) than the key, in (at, id) order. */
function keyset(key: Key, direction: "older" | "newer"): Prisma.AuditEventWhereInput {
  if (direction === "older") {
    // The first condition alone lets PostgreSQL start its index scan at the key.
    return { AND: [{ at: { lte: key.at } }, { OR: [{ at: { lt: key.at } }, { at: key.at, id: { lt: key.id } }] }] };
  }
  return { AND: [{ at: { gte: key.at } }, { OR: [{ at: { gt: key.at } }, { at: key.at, id: { gt: key.id } }] }] };
}

const rowSelect = {
  id: true,
  at: true,
  action: true,
  objectType: true,
  objectId: true,
  ip: true,
  before: true,
  after: true,
  actor: { select: { id: true, name: true, email: true } },
} satisfies Prisma.AuditEventSelect;

type RawRow = Prisma.AuditEventGetPayload<{ select: typeof rowSelect }>;

async function fetchRows(where: Prisma.AuditEventWhereInput, key: Key | null, direction: "older" | "newer", take: number) {
  const order = direction === "older" ? "desc" : "asc";
  return prisma.auditEvent.findMany({
    where: key ? { AND: [where, keyset(key, direction)] } : where,
    orderBy: [{ at: order }, { id: order }],
    take,
    select: rowSelect,
  });
}

/** Which page each event's object can be looked at on, found with one query per kind of object. */
async function objectLinks(rows: RawRow[]): Promise<Map<bigint, AuditObjectLink>> {
  const ids = (type: string) => [...new Set(rows.filter((r) => r.objectType === type && r.objectId).map((r) => r.objectId ?? ""))];
  const [updates, milestones] = await Promise.all([
    ids("ProgressUpdate").length > 0
      ? prisma.progressUpdate.findMany({ where: { id: { in: ids("ProgressUpdate") } }, select: { id: true, initiativeId: true } })
      : [],
    ids("Milestone").length > 0
      ? prisma.milestone.findMany({ where: { id: { in: ids("Milestone") } }, select: { id: true, initiativeId: true } })
      : [],
  ]);
  const initiativeOf = new Map([...updates, ...milestones].map((r) => [r.id, r.initiativeId]));
  const links = new Map<bigint, AuditObjectLink>();
  for (const row of rows) {
    const id = row.objectId;
    if (!id) continue;
    if (row.objectType === "Initiative") links.set(row.id, { kind: "initiative", id });
    else if (row.objectType === "User") links.set(row.id, { kind: "user", id });
    else {
      const initiativeId = initiativeOf.get(id);
      if (initiativeId) links.set(row.id, { kind: "initiative", id: initiativeId });
    }
  }
  return links;
}

function toRow(row: RawRow, link: AuditObjectLink): AuditRow {
  return {
    id: row.id.toString(),
    at: row.at,
    actor: row.actor,
    action: row.action,
    objectType: row.objectType,
    objectId: row.objectId,
    objectLink: link,
    ip: row.ip,
    before: row.before,
    after: row.after,
  };
}

function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new DomainError("invalid", "the filters have problems", fieldErrors(parsed.error));
  return parsed.data;
}

async function keyOf(cursor: string | undefined, field: "before" | "after"): Promise<Key | null> {
  if (cursor === undefined) return null;
  const row = await prisma.auditEvent.findUnique({ where: { id: BigInt(cursor) }, select: { id: true, at: true } });
  if (!row) throw new DomainError("invalid", "unknown cursor", { [field]: "cursor.invalid" });
  return row;
}

/**
 * One page of the audit trail for an admin: `before` (an event id) gives the page of older events,
 * `after` the page of newer ones; neither, the newest.
 */
export async function listAuditEvents(viewer: Viewer, input: unknown): Promise<AuditPage> {
  const query = parseOrThrow(listQuerySchema, input);
  refuseUnlessAllowed(viewer);
  const { before, after, limit, ...filters } = query;
  const where = await filtersWhere(filters);
  if (!where) return { items: [], older: null, newer: null, filters };

  const direction = after !== undefined && before === undefined ? "newer" : "older";
  const key = direction === "newer" ? await keyOf(after, "after") : await keyOf(before, "before");
  const fetched = await fetchRows(where, key, direction, limit + 1);
  const more = fetched.length > limit;
  const page = fetched.slice(0, limit);
  if (direction === "newer") page.reverse();

  // Is there anything beyond the edge of this page? One indexed row at most.
  const exists = async (edge: Key | undefined, side: "older" | "newer") =>
    edge !== undefined && (await fetchRows(where, edge, side, 1)).length > 0;
  const first = page[0];
  const last = page.at(-1);
  let older: RawRow | undefined;
  let newer: RawRow | undefined;
  if (direction === "older") {
    older = more ? last : undefined;
    newer = key !== null && (await exists(first, "newer")) ? first : undefined;
  } else {
    newer = more ? first : undefined;
    older = (await exists(last, "older")) ? last : undefined;
  }

  const links = await objectLinks(page);
  return {
    items: page.map((row) => toRow(row, links.get(row.id) ?? null)),
    older: older ? older.id.toString() : null,
    newer: newer ? newer.id.toString() : null,
    filters,
  };
}

/**
 * Export the events matching the filters: the export is recorded first (`audit.exported`, with the
 * filters), then the rows come in batches, newest first, each batch one keyset query.
 */
export async function exportAuditEvents(
  viewer: Viewer,
  input: unknown,
  context: { ip?: string | null; batchSize?: number } = {},
): Promise<{ filters: AuditFilters; batches: AsyncGenerator<AuditRow[]> }> {
  const filters = parseOrThrow(auditFiltersSchema, input);
  refuseUnlessAllowed(viewer);
  await recordAudit(prisma, {
    actorId: viewer.id,
    action: "audit.exported",
    objectType: "AuditEvent",
    after: Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)),
    ip: context.ip ?? null,
  });
  const where = await filtersWhere(filters);
  const size = context.batchSize ?? AUDIT_EXPORT_BATCH;
  async function* batches(): AsyncGenerator<AuditRow[]> {
    if (!where) return;
    let key: Key | null = null;
    for (;;) {
      const rows = await fetchRows(where, key, "older", size);
      if (rows.length === 0) return;
      const links = await objectLinks(rows);
      yield rows.map((row) => toRow(row, links.get(row.id) ?? null));
      if (rows.length < size) return;
      const last = rows.at(-1);
      if (!last) return;
      key = last;
    }
  }
  return { filters, batches: batches() };
}
