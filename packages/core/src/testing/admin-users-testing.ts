// Shared by the account-administration integration tests (invite-user, update-user, list-users,
// redeem-password-link). Every test makes its own users with unique e-mails; what a test changes on
// users it did not make (the "only these admins are active" situation) is put back afterwards.
import { randomUUID } from "node:crypto";
import { prisma } from "@workplan/db";
import type { Role, Viewer } from "../rules/policy";

/** A user of its own (no password), with the department of the code given. */
export async function makeUser(role: Role, departmentCode: string | null = null, name = "測試用戶"): Promise<Viewer & { email: string }> {
  const department = departmentCode
    ? await prisma.department.findUniqueOrThrow({ where: { code: departmentCode }, select: { id: true } })
    : null;
  return prisma.user.create({
    data: { email: `admin-test-${randomUUID()}@test.local`, name, role, departmentId: department?.id ?? null },
    select: { id: true, role: true, departmentId: true, email: true },
  });
}

/** A browser session of the user, as sign-in opens one. */
export async function openSession(userId: string): Promise<string> {
  const session = await prisma.userSession.create({
    data: { userId, expiresAt: new Date(Date.now() + 8 * 3600_000) },
    select: { id: true },
  });
  return session.id;
}

/**
 * Run `body` while the given admins are the only active ones: every other active admin is
 * deactivated for the while and reactivated afterwards (integration test files run one at a time).
 */
export async function withOnlyAdmins<T>(adminIds: string[], body: () => Promise<T>): Promise<T> {
  const others = await prisma.user.findMany({
    where: { role: "ADMIN", active: true, id: { notIn: adminIds } },
    select: { id: true },
  });
  const ids = others.map((o) => o.id);
  await prisma.user.updateMany({ where: { id: { in: ids } }, data: { active: false } });
  try {
    return await body();
  } finally {
    await prisma.user.updateMany({ where: { id: { in: ids } }, data: { active: true } });
  }
}

/** The audit events of an object, oldest first, as JSON text too (to look for secrets in). */
export async function auditOf(objectId: string) {
  const events = await prisma.auditEvent.findMany({ where: { objectId }, orderBy: { id: "asc" } });
  const text = JSON.stringify(events, (_key, value: unknown) => (typeof value === "bigint" ? String(value) : value));
  return { events, text };
}

/** A stand-in for an argon2id hash: these tests never verify passwords (packages/auth does). */
export function fakeHash(label: string = randomUUID()): string {
  return `$argon2id$v=19$m=19456,t=2,p=1$test$${label}`;
}
