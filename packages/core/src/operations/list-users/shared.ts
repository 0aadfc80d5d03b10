import { prisma, type Prisma } from "@workplan/db";
import "server-only";
import { z } from "zod";
import { fieldErrors } from "../../rules/progress";
import { apiAdminUserSchema, roleSchema } from "../user-admin";
import type { getUserForAdmin } from "./get-user-for-admin";
import type { listAssignableDepartments } from "./list-assignable-departments";
import { accountError } from "../user-admin";
import { queryInteger } from "../list-query";
import { safeParseText } from "../../rules/text-input";

// What the operations in list-users/ share.
export const USERS_PAGE_DEFAULT = 50;
export const USERS_PAGE_MAX = 200;

export const flag = (key: string) =>
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
  page: queryInteger("page.invalid", 1, 100_000).default(1).describe("From 1"),
  limit: queryInteger("limit.range", 1, USERS_PAGE_MAX)
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
export function queryInput(input: unknown): Record<string, unknown> {
  if (input === null || input === undefined) return {};
  if (typeof input !== "object" || Array.isArray(input)) throw accountError("invalid", "the query is not an object", { form: "form.invalid" });
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
  const parsed = safeParseText(listUsersQuerySchema, values);
  if (parsed.success) return parsed.data;
  const fields = fieldErrors(parsed.error);
  for (const key of Object.keys(values)) {
    if (!(key in listUsersQuerySchema.shape)) {
      fields[key] ??= "parameter.unknown";
      delete fields.form;
    }
  }
  throw accountError("invalid", "the query has problems", fields);
}

export function textContains(term: string): Prisma.UserWhereInput[] {
  // Prisma passes `contains` to ILIKE as it is: escape LIKE's wildcards so that they match literally.
  const literal = term.replace(/[\\%_]/g, "\\$&");
  return [{ name: { contains: literal, mode: "insensitive" } }, { email: { contains: literal, mode: "insensitive" } }];
}

/**
 * The users whose sign-in is delayed now after repeated failures: a sign_in_throttles row of their
 * e-mail (the account's own, or one address's with it) whose delay has not ended.
 */
export async function lockedUserIds(now: Date): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    SELECT DISTINCT u.id FROM users u JOIN sign_in_throttles t ON t.email = u.email WHERE t.delayed_until > ${now}`;
  return rows.map((r) => r.id);
}

/** Per e-mail, the end of its longest delay running now. */
export async function locksOf(emails: string[], now: Date): Promise<Map<string, Date>> {
  if (emails.length === 0) return new Map();
  const throttles = await prisma.signInThrottle.groupBy({
    by: ["email"],
    where: { email: { in: emails }, delayedUntil: { gt: now } },
    _max: { delayedUntil: true },
  });
  return new Map(throttles.flatMap((t) => (t._max.delayedUntil ? [[t.email, t._max.delayedUntil] as const] : [])));
}

export const RECENT_SESSIONS = 10;

export type AdminUserDetail = NonNullable<Awaited<ReturnType<typeof getUserForAdmin>>>;

export type AssignableDepartment = Awaited<ReturnType<typeof listAssignableDepartments>>[number];
