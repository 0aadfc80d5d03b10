import "server-only";
import { prisma, type Prisma } from "@workplan/db";
import { z } from "zod";
import type { Viewer } from "../rules/policy";
import { fieldErrors } from "../rules/progress";
import { DomainError } from "./errors";
import { idSchema } from "./get-initiative";
import { searchTerms } from "./list-initiatives";
import { nextLinkPurpose } from "./password-link";
import { adminUserSelect, apiAdminUserSchema, departmentSelect, requireAdmin, roleSchema, toAdminUser } from "./user-admin";

// The admins' view of the accounts: a searchable, filtered, paginated list, one account with its
// recent sign-ins, and the departments an account may be assigned to.

export const USERS_PAGE_DEFAULT = 50;
export const USERS_PAGE_MAX = 200;

const flag = (key: string) =>
  z
    .enum(["true", "false"], { error: key })
    .transform((v) => v === "true")
    .optional();

export const listUsersQuerySchema = z.strictObject({
  q: z.string().trim().max(100, "q.tooLong").optional().describe("Words in the name or e-mail (Simplified or Traditional characters)"),
  role: roleSchema.optional().describe("STAFF, MANAGER or ADMIN"),
  department: z
    .string()
    .trim()
    .regex(/^[A-Za-z][A-Za-z0-9]{0,19}$/, "department.invalid")
    .transform((code) => code.toUpperCase())
    .optional()
    .describe("A department's code, e.g. KJS"),
  active: flag("active.invalid").describe("true: active accounts only; false: deactivated ones only"),
  locked: flag("locked.invalid").describe("true: accounts whose sign-in is locked after repeated failures"),
  page: z.coerce.number({ error: "page.invalid" }).int("page.invalid").min(1, "page.invalid").max(100_000, "page.invalid").default(1).describe("From 1"),
  limit: z.coerce
    .number({ error: "limit.range" })
    .int("limit.range")
    .min(1, "limit.range")
    .max(USERS_PAGE_MAX, "limit.range")
    .default(USERS_PAGE_DEFAULT)
    .describe(`Accounts per page (at most ${USERS_PAGE_MAX})`),
});

export type ListUsersQuery = z.output<typeof listUsersQuerySchema>;

export const apiAdminUserListSchema = z.object({
  items: z.array(apiAdminUserSchema),
  total: z.number().int().describe("Accounts matching the filters, on all pages"),
  page: z.number().int(),
  limit: z.number().int(),
});

export type AdminUserList = z.infer<typeof apiAdminUserListSchema>;

/** `?q=&role=` means no filter; a repeated parameter counts once (its first value). */
function queryInput(input: unknown): Record<string, unknown> {
  if (input === null || input === undefined) return {};
  if (typeof input !== "object" || Array.isArray(input)) throw new DomainError("invalid", "the query is not an object", { form: "form.invalid" });
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(input)) {
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value !== "" && value !== undefined) out[key] = value;
  }
  return out;
}

/** Validate a query as the list page and the API receive it (strings); the page keeps the same values in its URL. */
export function parseListUsersQuery(input: unknown): ListUsersQuery {
  const values = queryInput(input);
  const parsed = listUsersQuerySchema.safeParse(values);
  if (parsed.success) return parsed.data;
  const fields = fieldErrors(parsed.error);
  for (const key of Object.keys(values)) {
    if (!(key in listUsersQuerySchema.shape)) {
      fields[key] ??= "parameter.unknown";
      delete fields.form;
    }
  }
  throw new DomainError("invalid", "the query has problems", fields);
}

function textContains(term: string): Prisma.UserWhereInput[] {
  // Prisma passes `contains` to ILIKE as it is: escape LIKE's wildcards so that they match literally.
  const literal = term.replace(/[\\%_]/g, "\\$&");
  return [{ name: { contains: literal, mode: "insensitive" } }, { email: { contains: literal, mode: "insensitive" } }];
}

/** The users whose sign-in is locked now (a login_throttles row for their e-mail with lockedUntil > now). */
async function lockedUserIds(now: Date): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    SELECT u.id FROM users u JOIN login_throttles t ON t.email = u.email WHERE t.locked_until > ${now}`;
  return rows.map((r) => r.id);
}

/**
 * Accounts matching the filters, by name, a page at a time, with whether each is locked. A fixed
 * number of queries whatever the page size: the locked ids when filtering on them, the count and
 * the page in one round trip, and the locks of the page's e-mails.
 */
export async function listUsers(actor: Viewer, queryInput: unknown, now: Date = new Date()): Promise<AdminUserList> {
  requireAdmin(actor);
  const query = parseListUsersQuery(queryInput);
  const filters: Prisma.UserWhereInput[] = [];
  if (query.q) filters.push({ OR: searchTerms(query.q).flatMap(textContains) });
  if (query.role) filters.push({ role: query.role });
  if (query.department) filters.push({ department: { code: query.department } });
  if (query.active !== undefined) filters.push({ active: query.active });
  if (query.locked !== undefined) {
    const ids = await lockedUserIds(now);
    filters.push(query.locked ? { id: { in: ids } } : { id: { notIn: ids } });
  }
  const where: Prisma.UserWhereInput = { AND: filters };
  const [total, rows] = await prisma.$transaction([
    prisma.user.count({ where }),
    prisma.user.findMany({
      where,
      orderBy: [{ name: "asc" }, { email: "asc" }],
      skip: (query.page - 1) * query.limit,
      take: query.limit,
      select: adminUserSelect,
    }),
  ]);
  const locks = await locksOf(
    rows.map((r) => r.email),
    now,
  );
  return {
    items: rows.map((row) => toAdminUser(row, locks.get(row.email) ?? null)),
    total,
    page: query.page,
    limit: query.limit,
  };
}

async function locksOf(emails: string[], now: Date): Promise<Map<string, Date>> {
  if (emails.length === 0) return new Map();
  const throttles = await prisma.loginThrottle.findMany({
    where: { email: { in: emails }, lockedUntil: { gt: now } },
    select: { email: true, lockedUntil: true },
  });
  return new Map(throttles.flatMap((t) => (t.lockedUntil ? [[t.email, t.lockedUntil] as const] : [])));
}

export const RECENT_SESSIONS = 10;

/** One account for its admin page: the user, whether locked, its recent sign-ins and its newest unused link. */
export async function getUserForAdmin(actor: Viewer, idInput: unknown, now: Date = new Date()) {
  requireAdmin(actor);
  const id = idSchema.safeParse(idInput);
  if (!id.success) return null;
  const user = await prisma.user.findUnique({
    where: { id: id.data },
    select: {
      ...adminUserSelect,
      sessions: {
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: RECENT_SESSIONS,
        select: { id: true, ip: true, userAgent: true, createdAt: true, expiresAt: true, revokedAt: true },
      },
      passwordLinks: {
        where: { usedAt: null, expiresAt: { gt: now } },
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { purpose: true, createdAt: true, expiresAt: true },
      },
    },
  });
  if (!user) return null;
  const locks = await locksOf([user.email], now);
  const nextLink = await nextLinkPurpose(prisma, user);
  const { sessions, passwordLinks, ...fields } = user;
  return {
    ...toAdminUser(fields, locks.get(user.email) ?? null),
    departmentId: user.department?.id ?? null,
    sessions: sessions.map((s) => ({
      ...s,
      status: s.revokedAt ? ("revoked" as const) : s.expiresAt <= now ? ("expired" as const) : ("open" as const),
    })),
    pendingLink: passwordLinks[0] ?? null,
    /** What a forced reset would send: an invitation while the user never had a password. */
    nextLink,
  };
}

export type AdminUserDetail = NonNullable<Awaited<ReturnType<typeof getUserForAdmin>>>;

/** The departments a user may be assigned to (not archived), by code. */
export async function listAssignableDepartments(actor: Viewer) {
  requireAdmin(actor);
  return prisma.department.findMany({ where: { archivedAt: null }, orderBy: { code: "asc" }, select: departmentSelect });
}

export type AssignableDepartment = Awaited<ReturnType<typeof listAssignableDepartments>>[number];
