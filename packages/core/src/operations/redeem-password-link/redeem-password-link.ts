import { prisma } from "@workplan/db";
import "server-only";
import { recordAudit } from "../audit";
import { DomainError } from "../errors";
import { hashPasswordLinkToken, isPasswordLinkToken, type PasswordLinkPurpose } from "../password-link";

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
    // A new password: the failures counted against the old one, at any address, are forgotten.
    await tx.signInThrottle.deleteMany({ where: { email: user.email } });
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
