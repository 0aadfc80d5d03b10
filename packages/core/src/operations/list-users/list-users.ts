import { prisma, type Prisma } from "@workplan/db";
import "server-only";
import type { Viewer } from "../../rules/policy";
import { searchTerms } from "../list-initiatives";
import { adminUserSelect, requireAdmin, toAdminUser } from "../user-admin";
import { lockedUserIds, locksOf, parseListUsersQuery, textContains, type AdminUserList } from "./shared";

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
