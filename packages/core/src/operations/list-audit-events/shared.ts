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

/**
 * What an event's object is, in words a person recognises (a name, an initiative's code and
 * title) rather than its id; null when the object is gone or has nothing better than its id.
 */
export type AuditObjectSummary =
  | { kind: "user"; name: string; email: string }
  /** An initiative, or what belongs to one (a report, a milestone, an extension request): `detail` names the part. */
  | { kind: "initiative"; code: string; title: string; detail?: string }
  | { kind: "department"; code: string; nameZhHans: string; nameZhHant: string; nameEn: string }
  | { kind: "plan"; departmentCode: string; year: number }
  | { kind: "theme"; code: string; title: string }
  | { kind: "token"; name: string; owner: string };

export interface AuditRow {
  id: string;
  at: Date;
  actor: { id: string; name: string; email: string } | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  objectLink: AuditObjectLink;
  objectSummary: AuditObjectSummary | null;
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

export interface AuditObjectInfo {
  link: AuditObjectLink;
  summary: AuditObjectSummary | null;
}

/**
 * What each event's object is and which page shows it, for a page (or an export batch) of events:
 * one query per kind of object on the page, whatever the number of rows — never one per row.
 */
export async function objectInfo(rows: RawRow[]): Promise<Map<bigint, AuditObjectInfo>> {
  const ids = (type: string) => [...new Set(rows.filter((r) => r.objectType === type && r.objectId).map((r) => r.objectId ?? ""))];
  const find = <T>(type: string, query: (ids: string[]) => Promise<T[]>): Promise<T[]> => {
    const wanted = ids(type);
    return wanted.length > 0 ? query(wanted) : Promise.resolve([]);
  };
  const initiative = { select: { id: true, code: true, title: true } } as const;
  const [users, initiatives, updates, milestones, extensions, departments, plans, themes, tokens] = await Promise.all([
    find("User", (id) => prisma.user.findMany({ where: { id: { in: id } }, select: { id: true, name: true, email: true } })),
    find("Initiative", (id) => prisma.initiative.findMany({ where: { id: { in: id } }, select: { id: true, code: true, title: true } })),
    find("ProgressUpdate", (id) =>
      prisma.progressUpdate.findMany({ where: { id: { in: id } }, select: { id: true, period: true, initiative } }),
    ),
    find("Milestone", (id) => prisma.milestone.findMany({ where: { id: { in: id } }, select: { id: true, title: true, initiative } })),
    find("ExtensionRequest", (id) =>
      prisma.extensionRequest.findMany({ where: { id: { in: id } }, select: { id: true, requestedDueDate: true, initiative } }),
    ),
    find("Department", (id) =>
      prisma.department.findMany({ where: { id: { in: id } }, select: { id: true, code: true, nameZhHans: true, nameZhHant: true, nameEn: true } }),
    ),
    find("WorkPlan", (id) => prisma.workPlan.findMany({ where: { id: { in: id } }, select: { id: true, year: true, department: { select: { code: true } } } })),
    find("Theme", (id) => prisma.theme.findMany({ where: { id: { in: id } }, select: { id: true, code: true, title: true } })),
    find("ApiToken", (id) => prisma.apiToken.findMany({ where: { id: { in: id } }, select: { id: true, name: true, user: { select: { name: true } } } })),
  ]);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const byType = new Map<string, Map<string, AuditObjectInfo>>([
    ["User", new Map(users.map((u) => [u.id, { link: { kind: "user", id: u.id }, summary: { kind: "user", name: u.name, email: u.email } }]))],
    [
      "Initiative",
      new Map(initiatives.map((i) => [i.id, { link: { kind: "initiative", id: i.id }, summary: { kind: "initiative", code: i.code, title: i.title } }])),
    ],
    [
      "ProgressUpdate",
      new Map(
        updates.map((u) => [
          u.id,
          { link: { kind: "initiative", id: u.initiative.id }, summary: { kind: "initiative", code: u.initiative.code, title: u.initiative.title, detail: day(u.period).slice(0, 7) } },
        ]),
      ),
    ],
    [
      "Milestone",
      new Map(
        milestones.map((m) => [
          m.id,
          { link: { kind: "initiative", id: m.initiative.id }, summary: { kind: "initiative", code: m.initiative.code, title: m.initiative.title, detail: m.title } },
        ]),
      ),
    ],
    [
      "ExtensionRequest",
      new Map(
        extensions.map((e) => [
          e.id,
          {
            link: { kind: "initiative", id: e.initiative.id },
            summary: { kind: "initiative", code: e.initiative.code, title: e.initiative.title, detail: day(e.requestedDueDate) },
          },
        ]),
      ),
    ],
    ["Department", new Map(departments.map(({ id, ...d }) => [id, { link: null, summary: { kind: "department", ...d } }]))],
    ["WorkPlan", new Map(plans.map((p) => [p.id, { link: null, summary: { kind: "plan", departmentCode: p.department.code, year: p.year } }]))],
    ["Theme", new Map(themes.map((t) => [t.id, { link: null, summary: { kind: "theme", code: t.code, title: t.title } }]))],
    ["ApiToken", new Map(tokens.map((t) => [t.id, { link: null, summary: { kind: "token", name: t.name, owner: t.user.name } }]))],
  ]);
  const info = new Map<bigint, AuditObjectInfo>();
  for (const row of rows) {
    const found = row.objectType && row.objectId ? byType.get(row.objectType)?.get(row.objectId) : undefined;
    if (found) info.set(row.id, found);
  }
  return info;
}

export function toRow(row: RawRow, info: AuditObjectInfo | null): AuditRow {
  return {
    id: row.id.toString(),
    at: row.at,
    actor: row.actor,
    action: row.action,
    objectType: row.objectType,
    objectId: row.objectId,
    objectLink: info?.link ?? null,
    objectSummary: info?.summary ?? null,
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
