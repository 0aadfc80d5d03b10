import "server-only";
import { prisma, type Prisma } from "@workplan/db";
import { z } from "zod";
import type { Role, Viewer } from "../rules/policy";
import { fieldErrors } from "../rules/progress";
import { recordAudit } from "./audit";
import { DomainError } from "./errors";
import { idSchema } from "./get-initiative";
import { issuePasswordLink, nextLinkPurpose } from "./password-link";
import {
  adminUserSelect,
  departmentCodeSchema,
  departmentForAssignment,
  requireAdmin,
  roleSchema,
  toAdminUser,
  type ApiAdminUser,
} from "./user-admin";

// What an admin changes about an account: role and department, active or not, a sign-in lock, and a
// forced password reset. Every change is one transaction with its audit event (before and after,
// never a hash or a token). Sessions re-read the user on every request (load-viewer.ts), so a new
// role or department applies from the user's very next request, and a deactivation ends it.

export const updateUserSchema = z.strictObject({
  role: roleSchema.optional(),
  department: departmentCodeSchema.optional(),
  active: z.boolean({ error: "active.invalid" }).optional(),
});

export type UpdateUserInput = z.input<typeof updateUserSchema>;

type Tx = Prisma.TransactionClient;
interface Context {
  ip?: string | null;
  now?: Date;
}

function parseId(idInput: unknown): string {
  const id = idSchema.safeParse(idInput);
  if (!id.success) throw new DomainError("not_found", "no such user");
  return id.data;
}

/**
 * Lock the rows of the active admins (in id order, so that concurrent callers queue instead of
 * deadlocking) for the rest of the transaction. Whoever comes second re-reads them after the first
 * commits, so two admins demoting each other at once cannot leave none.
 */
async function lockActiveAdmins(tx: Tx): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM users WHERE role = 'ADMIN' AND active ORDER BY id FOR UPDATE`;
  return rows.map((r) => r.id);
}

/** The user, its row locked until the transaction ends; not found when there is none. */
async function lockUser(tx: Tx, id: string) {
  await tx.$queryRaw`SELECT id FROM users WHERE id = ${id} FOR UPDATE`;
  const user = await tx.user.findUnique({ where: { id }, select: adminUserSelect });
  if (!user) throw new DomainError("not_found", "no such user");
  return user;
}

async function revokeSessions(tx: Tx, userId: string, now: Date): Promise<number> {
  const revoked = await tx.userSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
  return revoked.count;
}

async function lockedUntil(tx: Tx | typeof prisma, email: string, now: Date): Promise<Date | null> {
  const throttle = await tx.loginThrottle.findUnique({ where: { email }, select: { lockedUntil: true } });
  return throttle?.lockedUntil && throttle.lockedUntil > now ? throttle.lockedUntil : null;
}

/**
 * Change a user's role and/or department, or deactivate / reactivate it. Deactivating revokes all
 * the user's sessions and expires its unused password links. The last active admin can be neither
 * demoted nor deactivated (a conflict on `role` or `active`).
 */
export async function updateUser(actor: Viewer, idInput: unknown, input: unknown, context: Context = {}): Promise<ApiAdminUser> {
  requireAdmin(actor);
  const id = parseId(idInput);
  const parsed = updateUserSchema.safeParse(input);
  if (!parsed.success) throw new DomainError("invalid", "the change has problems", fieldErrors(parsed.error));
  const change = parsed.data;
  const now = context.now ?? new Date();
  const ip = context.ip ?? null;

  return prisma.$transaction(async (tx) => {
    const admins = await lockActiveAdmins(tx);
    const user = await lockUser(tx, id);

    const role: Role = change.role ?? user.role;
    const active = change.active ?? user.active;
    let department = user.department;
    if (change.department !== undefined && change.department !== (user.department?.code ?? null)) {
      department = change.department === null ? null : await departmentForAssignment(tx, change.department);
    }
    if (role === "STAFF" && department === null) {
      throw new DomainError("invalid", "staff need a department", { department: "department.required" });
    }

    // The last active admin stays one: checked against the admins locked above.
    const isActiveAdmin = admins.includes(user.id);
    if (isActiveAdmin && admins.length <= 1) {
      if (role !== "ADMIN") throw new DomainError("conflict", "the last active admin cannot be demoted", { role: "role.lastAdmin" });
      if (!active) throw new DomainError("conflict", "the last active admin cannot be deactivated", { active: "active.lastAdmin" });
    }
    // The actor, re-read under the same lock, must still be an active admin (not demoted meanwhile).
    if (!admins.includes(actor.id)) throw new DomainError("forbidden", "only admins administer accounts");

    const before: Record<string, Prisma.InputJsonValue | null> = {};
    const after: Record<string, Prisma.InputJsonValue | null> = {};
    if (role !== user.role) {
      before.role = user.role;
      after.role = role;
    }
    if ((department?.id ?? null) !== (user.department?.id ?? null)) {
      before.department = user.department?.code ?? null;
      after.department = department?.code ?? null;
    }
    const activeChanged = active !== user.active;
    if (Object.keys(after).length === 0 && !activeChanged) {
      return toAdminUser(user, await lockedUntil(tx, user.email, now));
    }

    const updated = await tx.user.update({
      where: { id: user.id },
      data: { role, departmentId: department?.id ?? null, active },
      select: adminUserSelect,
    });
    if (Object.keys(after).length > 0) {
      await recordAudit(tx, {
        actorId: actor.id,
        action: "user.updated",
        objectType: "User",
        objectId: user.id,
        before: { email: user.email, ...before },
        after: { email: user.email, ...after },
        ip,
      });
    }
    if (activeChanged && !active) {
      const sessionsRevoked = await revokeSessions(tx, user.id, now);
      const links = await tx.passwordLink.updateMany({
        where: { userId: user.id, usedAt: null, expiresAt: { gt: now } },
        data: { expiresAt: now },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "user.deactivated",
        objectType: "User",
        objectId: user.id,
        before: { email: user.email, active: true },
        after: { email: user.email, active: false, sessionsRevoked, linksExpired: links.count },
        ip,
      });
    } else if (activeChanged) {
      await recordAudit(tx, {
        actorId: actor.id,
        action: "user.reactivated",
        objectType: "User",
        objectId: user.id,
        before: { email: user.email, active: false },
        after: { email: user.email, active: true },
        ip,
      });
    }
    return toAdminUser(updated, await lockedUntil(tx, user.email, now));
  });
}

/** Lift a sign-in lock (and forget the failures counted so far). Unlocking an unlocked user changes nothing. */
export async function unlockUser(actor: Viewer, idInput: unknown, context: Context = {}): Promise<{ unlocked: boolean }> {
  requireAdmin(actor);
  const id = parseId(idInput);
  const now = context.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id }, select: { id: true, email: true } });
    if (!user) throw new DomainError("not_found", "no such user");
    const deleted = await tx.$queryRaw<{ failures: number; locked_until: Date | null }[]>`
      DELETE FROM login_throttles WHERE email = ${user.email} RETURNING failures, locked_until`;
    const row = deleted[0];
    if (!row) return { unlocked: false };
    const wasLocked = row.locked_until !== null && row.locked_until > now;
    await recordAudit(tx, {
      actorId: actor.id,
      action: "user.unlocked",
      objectType: "User",
      objectId: user.id,
      before: { email: user.email, locked: wasLocked, lockedUntil: row.locked_until?.toISOString() ?? null, failures: row.failures },
      after: { email: user.email, locked: false, failures: 0 },
      ip: context.ip ?? null,
    });
    return { unlocked: wasLocked };
  });
}

/**
 * Force a new password: the current one stops working, every session ends, earlier unused links
 * expire, and a new one-time link is returned (once). For a user who never set a password it is a
 * renewed invitation.
 */
export async function forcePasswordReset(
  actor: Viewer,
  idInput: unknown,
  context: Context = {},
): Promise<{ token: string; expiresAt: Date; purpose: "INVITE" | "RESET" }> {
  requireAdmin(actor);
  const id = parseId(idInput);
  const now = context.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const user = await lockUser(tx, id);
    if (!user.active) throw new DomainError("conflict", "the account is deactivated", { form: "user.inactive" });
    const hadPassword = user.passwordHash !== null;
    // An invitation nobody has used yet is renewed as one; anyone who ever had a password gets a reset.
    const purpose = await nextLinkPurpose(tx, user);
    if (hadPassword) await tx.user.update({ where: { id: user.id }, data: { passwordHash: null } });
    const sessionsRevoked = await revokeSessions(tx, user.id, now);
    const link = await issuePasswordLink(tx, { userId: user.id, purpose, createdById: actor.id, now });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "user.password_reset",
      objectType: "User",
      objectId: user.id,
      before: { email: user.email, hasPassword: hadPassword },
      after: {
        email: user.email,
        hasPassword: false,
        sessionsRevoked,
        linksExpired: link.expiredEarlier,
        passwordLink: { purpose, expiresAt: link.expiresAt.toISOString() },
      },
      ip: context.ip ?? null,
    });
    return { token: link.token, expiresAt: link.expiresAt, purpose };
  });
}
