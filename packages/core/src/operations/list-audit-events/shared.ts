import { prisma, type Prisma } from "@workplan/db";
import "server-only";
import { z } from "zod";
import { parseIsoDay } from "../../rules/dates";
import { can, type Viewer } from "../../rules/policy";
import { fieldErrors } from "../../rules/progress";
import { DomainError } from "../errors";
import { safeParseText } from "../../rules/text-input";

// What the operations in list-audit-events/ share.
export const AUDIT_PAGE_DEFAULT = 50;
export const AUDIT_PAGE_MAX = 200;
export const AUDIT_EXPORT_BATCH = 1000;

export const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const isCalendarDate = (text: string): boolean => parseIsoDay(text) !== null;

export const dateSchema = z
  .string()
  .trim()
  .regex(DATE, "date.format")
  .refine(isCalendarDate, "date.invalid");

export const cursorSchema = z.string().trim().regex(/^\d{1,19}$/, "cursor.invalid");

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

export const listQuerySchema = auditFiltersSchema.and(
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

export function refuseUnlessAllowed(viewer: Viewer): void {
  if (!can(viewer, "admin.audit")) throw new DomainError("forbidden", "only admins read the audit trail");
}

/** A day of the filters is a day in Beijing (UTC+8, no daylight saving). */
export function startOfDay(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

/** The filters as a where clause; null when they can match nothing (an unknown actor e-mail). */
export async function filtersWhere(filters: AuditFilters): Promise<Prisma.AuditEventWhereInput | null> {
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

export type Key = { at: Date; id: bigint };

/** Rows strictly older (or newer) than the key, in (at, id) order. */
export function keyset(key: Key, direction: "older" | "newer"): Prisma.AuditEventWhereInput {
  if (direction === "older") {
    // The first condition alone lets PostgreSQL start its index scan at the key.
    return { AND: [{ at: { lte: key.at } }, { OR: [{ at: { lt: key.at } }, { at: key.at, id: { lt: key.id } }] }] };
  }
  return { AND: [{ at: { gte: key.at } }, { OR: [{ at: { gt: key.at } }, { at: key.at, id: { gt: key.id } }] }] };
}

export const rowSelect = {
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

export type RawRow = Prisma.AuditEventGetPayload<{ select: typeof rowSelect }>;

export async function fetchRows(where: Prisma.AuditEventWhereInput, key: Key | null, direction: "older" | "newer", take: number) {
  const order = direction === "older" ? "desc" : "asc";
  return prisma.auditEvent.findMany({
    where: key ? { AND: [where, keyset(key, direction)] } : where,
    orderBy: [{ at: order }, { id: order }],
    take,
    select: rowSelect,
  });
}

/** Which page each event's object can be looked at on, found with one query per kind of object. */
export async function objectLinks(rows: RawRow[]): Promise<Map<bigint, AuditObjectLink>> {
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

export function toRow(row: RawRow, link: AuditObjectLink): AuditRow {
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

export function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = safeParseText(schema, input);
  if (!parsed.success) throw new DomainError("invalid", "the filters have problems", fieldErrors(parsed.error));
  return parsed.data;
}

export async function keyOf(cursor: string | undefined, field: "before" | "after"): Promise<Key | null> {
  if (cursor === undefined) return null;
  const row = await prisma.auditEvent.findUnique({ where: { id: BigInt(cursor) }, select: { id: true, at: true } });
  if (!row) throw new DomainError("invalid", "unknown cursor", { [field]: "cursor.invalid" });
  return row;
}
