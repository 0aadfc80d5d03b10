import "server-only";
import { prisma } from "@workplan/db";
import { recordAudit } from "@workplan/core/operations/audit";
import { throttleAddress } from "@workplan/core/rules/sign-in-throttle";
import { hasForbiddenCharacters } from "@workplan/core/rules/text-input";
import { z } from "zod";
import { dummyPasswordHash, verifyPassword } from "./password";
import { clearPair, countFailure, countRefusal, findThrottle, secondsUntil, type ThrottleOptions } from "./throttle";

export const SESSION_HOURS = 8;

const credentialsSchema = z.object({
  // An e-mail PostgreSQL cannot store (NUL) or none at all is no attempt: refused as "invalid", uncounted.
  email: z.string().trim().toLowerCase().min(1).max(254).refine((e) => !hasForbiddenCharacters(e)),
  password: z.string().min(1).max(1024),
});

export type AuthenticateResult =
  | { ok: true; sessionId: string; userId: string }
  | { ok: false; reason: "invalid" | "inactive" }
  /** Too many failures under the address, the account or both: try again in `retryAfterSeconds`. */
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

interface Context extends ThrottleOptions {
  ip?: string | null;
  userAgent?: string | null;
}

/**
 * Check an e-mail and password. Failures are counted in PostgreSQL per address, per account and
 * per address and account, with growing delays (./throttle.ts, @workplan/core/rules/sign-in-throttle);
 * a delayed attempt is refused before its password is looked at. Wrong e-mail and wrong password are
 * indistinguishable, and so are refusals: the same answers, the same work (an unknown e-mail is
 * checked against a dummy hash, a refused attempt too). A success opens a UserSession row.
 */
export async function authenticate(input: unknown, context: Context = {}): Promise<AuthenticateResult> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  const ip = context.ip ?? null;
  const now = context.now ?? new Date();
  const keys = { address: throttleAddress(ip), email };

  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, active: true, passwordHash: true },
  });

  const throttle = await findThrottle(keys, { userId: user?.id ?? null, ip }, { now });
  if (throttle) {
    // The same work as a password check, so that timing tells nothing either.
    await verifyPassword(await dummyPasswordHash(), password);
    if (await countRefusal(throttle)) {
      // Named by its user when the e-mail is an account's, so the trail filtered by that person shows it.
      await recordAudit(prisma, {
        actorId: user?.id ?? null,
        action: "auth.sign_in_throttled",
        objectType: user ? "User" : undefined,
        objectId: user?.id,
        after: { email, by: throttle.kind, address: keys.address, failures: throttle.failures, delayedUntil: throttle.delayedUntil.toISOString() },
        ip,
      });
    }
    return { ok: false, reason: "throttled", retryAfterSeconds: secondsUntil(throttle.delayedUntil, now) };
  }

  const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);

  if (user && user.passwordHash && passwordOk) {
    if (!user.active) {
      await recordAudit(prisma, { actorId: user.id, action: "auth.sign_in_inactive", objectType: "User", objectId: user.id, ip });
      return { ok: false, reason: "inactive" };
    }
    const session = await prisma.$transaction(async (tx) => {
      await clearPair(tx, keys);
      await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: now } });
      const created = await tx.userSession.create({
        data: {
          userId: user.id,
          ip,
          userAgent: context.userAgent?.slice(0, 300) ?? null,
          createdAt: now,
          expiresAt: new Date(now.getTime() + SESSION_HOURS * 3600_000),
        },
        select: { id: true },
      });
      await recordAudit(tx, { actorId: user.id, action: "auth.sign_in", objectType: "UserSession", objectId: created.id, ip });
      return created;
    });
    return { ok: true, sessionId: session.id, userId: user.id };
  }

  const { failures, delayed } = await countFailure(keys, { now, rules: context.rules });
  await recordAudit(prisma, {
    actorId: user?.id ?? null,
    action: "auth.sign_in_failed",
    objectType: user ? "User" : undefined,
    objectId: user?.id,
    after: {
      email,
      address: keys.address,
      failures: failures.account ?? 0,
      addressFailures: failures.address ?? 0,
      delayedBy: delayed?.kind ?? null,
      delayedUntil: delayed?.until.toISOString() ?? null,
    },
    ip,
  });
  if (delayed) return { ok: false, reason: "throttled", retryAfterSeconds: secondsUntil(delayed.until, now) };
  return { ok: false, reason: "invalid" };
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
