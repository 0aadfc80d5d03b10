import "server-only";
import { prisma } from "@workplan/db";
import { recordAudit } from "./audit";
import { DomainError } from "./errors";
import { hashPasswordLinkToken, isPasswordLinkToken, type PasswordLinkPurpose } from "./password-link";

// Setting a password from a one-time link (an invitation or a forced reset). No session is needed:
// the link is the credential. The web action checks the new password against the policy
// (rules/password-policy.ts) and hashes it (packages/auth) before it calls redeemPasswordLink, so
// the plain password never reaches this package.

export type PasswordLinkState =
  | { status: "valid"; purpose: PasswordLinkPurpose; email: string; name: string; expiresAt: Date }
  | { status: "invalid" | "used" | "expired" };

/** What the set-password page shows before the form: the link's user, or why the link does not work. */
export async function checkPasswordLink(token: unknown, now: Date = new Date()): Promise<PasswordLinkState> {
  if (!isPasswordLinkToken(token)) return { status: "invalid" };
  const link = await prisma.passwordLink.findUnique({
    where: { tokenHash: hashPasswordLinkToken(token) },
    select: { purpose: true, usedAt: true, expiresAt: true, user: { select: { email: true, name: true, active: true } } },
  });
  if (!link || !link.user.active) return { status: "invalid" };
  if (link.usedAt) return { status: "used" };
  if (link.expiresAt <= now) return { status: "expired" };
  return { status: "valid", purpose: link.purpose, email: link.user.email, name: link.user.name, expiresAt: link.expiresAt };
}

/**
 * Set the user's password from the link, once: the link is marked used by a guarded UPDATE in the
 * same transaction, so of two concurrent redeems exactly one succeeds. The user's sessions end,
 * its other unused links expire and a sign-in lock is lifted. Refusals are `{ form: "link.…" }`.
 */
export async function redeemPasswordLink(
  token: unknown,
  passwordHash: string,
  context: { ip?: string | null; now?: Date } = {},
): Promise<{ userId: string; email: string }> {
  if (!isPasswordLinkToken(token)) throw new DomainError("invalid", "the link is not valid", { form: "link.invalid" });
  if (typeof passwordHash !== "string" || passwordHash.length === 0) throw new Error("redeemPasswordLink needs the password's hash");
  const tokenHash = hashPasswordLinkToken(token);
  const now = context.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const claimed = await tx.$queryRaw<{ id: string; user_id: string; purpose: PasswordLinkPurpose }[]>`
      UPDATE password_links SET used_at = ${now}
       WHERE token_hash = ${tokenHash} AND used_at IS NULL AND expires_at > ${now}
       RETURNING id, user_id, purpose::text AS purpose`;
    const link = claimed[0];
    if (!link) {
      const existing = await tx.passwordLink.findUnique({ where: { tokenHash }, select: { usedAt: true } });
      if (!existing) throw new DomainError("invalid", "the link is not valid", { form: "link.invalid" });
      if (existing.usedAt) throw new DomainError("conflict", "the link has been used", { form: "link.used" });
      throw new DomainError("conflict", "the link has expired", { form: "link.expired" });
    }
    const user = await tx.user.findUniqueOrThrow({
      where: { id: link.user_id },
      select: { id: true, email: true, active: true, passwordHash: true },
    });
    // Throwing rolls the claim back: a deactivated user's link is simply not valid.
    if (!user.active) throw new DomainError("invalid", "the link is not valid", { form: "link.invalid" });
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    const sessions = await tx.userSession.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: now } });
    const links = await tx.passwordLink.updateMany({
      where: { userId: user.id, id: { not: link.id }, usedAt: null, expiresAt: { gt: now } },
      data: { expiresAt: now },
    });
    await tx.loginThrottle.deleteMany({ where: { email: user.email } });
    await recordAudit(tx, {
      actorId: user.id,
      action: "user.password_set",
      objectType: "User",
      objectId: user.id,
      before: { email: user.email, hasPassword: user.passwordHash !== null },
      after: { email: user.email, hasPassword: true, purpose: link.purpose, sessionsRevoked: sessions.count, linksExpired: links.count },
      ip: context.ip ?? null,
    });
    return { userId: user.id, email: user.email };
  });
}
