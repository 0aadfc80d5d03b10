import { type prisma } from "@workplan/db";
import "server-only";

/**
 * End every live session of the user except `keepSessionId` (none when null), in the caller's
 * transaction; returns how many were ended. Used by "sign out everywhere else" and by a password change.
 */
export async function revokeOtherSessions(
  tx: Pick<typeof prisma, "userSession">,
  userId: string,
  keepSessionId: string | null,
  now: Date = new Date(),
): Promise<number> {
  const result = await tx.userSession.updateMany({
    where: { userId, revokedAt: null, expiresAt: { gt: now }, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) },
    data: { revokedAt: now },
  });
  return result.count;
}
