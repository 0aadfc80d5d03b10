import "server-only";
import { prisma } from "@workplan/db";
import { recordAudit } from "@workplan/core/operations/audit";
import { z } from "zod";
import { dummyPasswordHash, verifyPassword } from "./password";
import { clearFailures, countFailure, isLocked } from "./throttle";

export { LOCK_MINUTES, MAX_FAILURES } from "./throttle";
export const SESSION_HOURS = 8;

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().min(1).max(1024),
});

export type AuthenticateResult =
  | { ok: true; sessionId: string; userId: string }
  | { ok: false; reason: "invalid" | "locked" | "inactive" };

interface Context {
  ip?: string | null;
  userAgent?: string | null;
}

/**
 * Check an e-mail and password. Failures are counted per e-mail in PostgreSQL in one atomic
 * statement (so the lock holds across app instances and under concurrent attempts); wrong e-mail
 * and wrong password are indistinguishable. A success opens a UserSession row.
 */
export async function authenticate(input: unknown, context: Context = {}): Promise<AuthenticateResult> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  const ip = context.ip ?? null;

  if (await isLocked(email)) {
    // Named by its user when the e-mail is an account's, so the trail filtered by that person shows lock-outs.
    const lockedUser = await prisma.user.findUnique({ where: { email }, select: { id: true } });
    await recordAudit(prisma, {
      actorId: lockedUser?.id ?? null,
      action: "auth.sign_in_locked",
      objectType: "User",
      objectId: lockedUser?.id,
      after: { email },
      ip,
    });
    return { ok: false, reason: "locked" };
  }

  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, active: true, passwordHash: true },
  });
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);

  if (user && user.passwordHash && passwordOk) {
    if (!user.active) {
      await recordAudit(prisma, { actorId: user.id, action: "auth.sign_in_inactive", objectType: "User", objectId: user.id, ip });
      return { ok: false, reason: "inactive" };
    }
    const session = await prisma.$transaction(async (tx) => {
      await clearFailures(tx, email);
      await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
      const created = await tx.userSession.create({
        data: {
          userId: user.id,
          ip,
          userAgent: context.userAgent?.slice(0, 300) ?? null,
          expiresAt: new Date(Date.now() + SESSION_HOURS * 3600_000),
        },
        select: { id: true },
      });
      await recordAudit(tx, { actorId: user.id, action: "auth.sign_in", objectType: "UserSession", objectId: created.id, ip });
      return created;
    });
    return { ok: true, sessionId: session.id, userId: user.id };
  }

  const { failures, locked } = await countFailure(email);
  await recordAudit(prisma, {
    actorId: user?.id ?? null,
    action: "auth.sign_in_failed",
    objectType: "User",
    objectId: user?.id,
    after: { email, failures, locked },
    ip,
  });
  return { ok: false, reason: locked ? "locked" : "invalid" };
}

/** End one session (sign-out). */
export async function endSession(sessionId: string, context: Context = {}): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const result = await tx.userSession.updateMany({
      where: { id: sessionId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (result.count > 0) {
      const session = await tx.userSession.findUnique({ where: { id: sessionId }, select: { userId: true } });
      await recordAudit(tx, {
        actorId: session?.userId ?? null,
        action: "auth.sign_out",
        objectType: "UserSession",
        objectId: sessionId,
        ip: context.ip ?? null,
      });
    }
  });
}
