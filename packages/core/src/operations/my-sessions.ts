import "server-only";
import { prisma } from "@workplan/db";
import { describeUserAgent } from "../rules/user-agent";
import { recordAudit } from "./audit";
import type { SessionViewer } from "./load-viewer";

/** How many of one's own sign-ins the account page lists. */
export const MY_SESSIONS_LIMIT = 20;

export interface MySession {
  id: string;
  createdAt: Date;
  ip: string | null;
  /** The browser, shortened ("Chrome 120 · Windows"), or null when it did not say. */
  browser: string | null;
  /** Still signed in: neither signed out, revoked nor expired. */
  active: boolean;
  /** The session this page is being read in. */
  current: boolean;
  endedAt: Date | null;
}

/** The viewer's own most recent sign-ins, newest first. */
export async function listMySessions(viewer: SessionViewer, now: Date = new Date()): Promise<MySession[]> {
  const rows = await prisma.userSession.findMany({
    where: { userId: viewer.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: MY_SESSIONS_LIMIT,
    select: { id: true, createdAt: true, ip: true, userAgent: true, expiresAt: true, revokedAt: true },
  });
  return rows.map((row) => {
    const active = row.revokedAt === null && row.expiresAt > now;
    return {
      id: row.id,
      createdAt: row.createdAt,
      ip: row.ip,
      browser: describeUserAgent(row.userAgent),
      active,
      current: row.id === viewer.sessionId,
      endedAt: active ? null : (row.revokedAt ?? row.expiresAt),
    };
  });
}

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

/** "Sign out everywhere else": every other browser of the viewer is signed out at once. */
export async function signOutOtherSessions(viewer: SessionViewer, context: { ip?: string | null } = {}): Promise<{ ended: number }> {
  return prisma.$transaction(async (tx) => {
    const ended = await revokeOtherSessions(tx, viewer.id, currentSessionId(viewer));
    if (ended > 0) {
      await recordAudit(tx, {
        actorId: viewer.id,
        action: "auth.sign_out_others",
        objectType: "User",
        objectId: viewer.id,
        after: { ended, kept: currentSessionId(viewer) },
        ip: context.ip ?? null,
      });
    }
    return { ended };
  });
}

/** The viewer's browser session, or null when acting through an API token (which keeps none). */
export function currentSessionId(viewer: SessionViewer): string | null {
  return viewer.sessionId.startsWith("token:") ? null : viewer.sessionId;
}
