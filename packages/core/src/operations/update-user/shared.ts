import { type prisma, type Prisma } from "@workplan/db";
import "server-only";
import { z } from "zod";
import { DomainError } from "../errors";
import { idSchema } from "../get-initiative";
import {
    adminUserSelect,
    departmentCodeSchema,
    roleSchema
} from "../user-admin";

// What the operations in update-user/ share.
export const updateUserSchema = z.strictObject({
  role: roleSchema.optional(),
  department: departmentCodeSchema.optional(),
  active: z.boolean({ error: "active.invalid" }).optional(),
});

export type UpdateUserInput = z.input<typeof updateUserSchema>;

export type Tx = Prisma.TransactionClient;
export interface Context {
  ip?: string | null;
  now?: Date;
}

export function parseId(idInput: unknown): string {
  const id = idSchema.safeParse(idInput);
  if (!id.success) throw new DomainError("not_found", "no such user");
  return id.data;
}

/**
 * Lock the rows of the active admins (in id order, so that concurrent callers queue instead of
 * deadlocking) for the rest of the transaction. Whoever comes second re-reads them after the first
 * commits, so two admins demoting each other at once cannot leave none.
 */
export async function lockActiveAdmins(tx: Tx): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM users WHERE role = 'ADMIN' AND active ORDER BY id FOR UPDATE`;
  return rows.map((r) => r.id);
}

/** The user, its row locked until the transaction ends; not found when there is none. */
export async function lockUser(tx: Tx, id: string) {
  await tx.$queryRaw`SELECT id FROM users WHERE id = ${id} FOR UPDATE`;
  const user = await tx.user.findUnique({ where: { id }, select: adminUserSelect });
  if (!user) throw new DomainError("not_found", "no such user");
  return user;
}

export async function revokeSessions(tx: Tx, userId: string, now: Date): Promise<number> {
  const revoked = await tx.userSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
  return revoked.count;
}

/** The end of the longest sign-in delay of the e-mail running now (its own, or at one address), or null. */
export async function lockedUntil(tx: Tx | typeof prisma, email: string, now: Date): Promise<Date | null> {
  const latest = await tx.signInThrottle.aggregate({ where: { email, delayedUntil: { gt: now } }, _max: { delayedUntil: true } });
  return latest._max.delayedUntil ?? null;
}
