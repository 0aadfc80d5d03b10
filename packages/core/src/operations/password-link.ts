import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Prisma } from "@workplan/db";

// One-time links to set a password (a new account's invitation, or a reset an admin forced). The
// token is 32 random bytes in base64url, handed out once; only its SHA-256 hash is stored, so a
// leaked row cannot be redeemed. A link is valid 72 hours and for one use.

export const PASSWORD_LINK_HOURS = 72;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export type PasswordLinkPurpose = "INVITE" | "RESET";

export function isPasswordLinkToken(token: unknown): token is string {
  return typeof token === "string" && TOKEN_PATTERN.test(token);
}

export function hashPasswordLinkToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/**
 * Make a new link for the user within the caller's transaction; the user's earlier links that are
 * still unused expire now, so that only the newest one works. The token is returned once.
 */
export async function issuePasswordLink(
  tx: Prisma.TransactionClient,
  link: { userId: string; purpose: PasswordLinkPurpose; createdById: string | null; now: Date },
): Promise<{ id: string; token: string; expiresAt: Date; expiredEarlier: number }> {
  const expired = await tx.passwordLink.updateMany({
    where: { userId: link.userId, usedAt: null, expiresAt: { gt: link.now } },
    data: { expiresAt: link.now },
  });
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(link.now.getTime() + PASSWORD_LINK_HOURS * 3600_000);
  const row = await tx.passwordLink.create({
    data: {
      userId: link.userId,
      tokenHash: hashPasswordLinkToken(token),
      purpose: link.purpose,
      expiresAt,
      createdById: link.createdById,
      createdAt: link.now,
    },
    select: { id: true },
  });
  return { id: row.id, token, expiresAt, expiredEarlier: expired.count };
}

/**
 * What a new link for the user is: an invitation while the user has never had a password (nor
 * signed in, nor been sent a reset), else a reset.
 */
export async function nextLinkPurpose(
  tx: { passwordLink: { count: (args: { where: Prisma.PasswordLinkWhereInput }) => Promise<number> } },
  user: { id: string; passwordHash: string | null; lastLoginAt: Date | null },
): Promise<PasswordLinkPurpose> {
  if (user.passwordHash !== null || user.lastLoginAt !== null) return "RESET";
  const earlier = await tx.passwordLink.count({ where: { userId: user.id, OR: [{ usedAt: { not: null } }, { purpose: "RESET" }] } });
  return earlier > 0 ? "RESET" : "INVITE";
}
