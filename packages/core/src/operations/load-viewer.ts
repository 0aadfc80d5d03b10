import "server-only";
import { prisma } from "@workplan/db";
import type { Viewer } from "../rules/policy";

export interface SessionViewer extends Viewer {
  name: string;
  email: string;
  sessionId: string;
  department: { id: string; code: string; nameZhHans: string; nameZhHant: string; nameEn: string } | null;
}

/** What a viewer is read with, by a session (cookie) or an API token alike. */
export const viewerUserSelect = {
  id: true,
  name: true,
  email: true,
  role: true,
  active: true,
  departmentId: true,
  department: { select: { id: true, code: true, nameZhHans: true, nameZhHant: true, nameEn: true } },
} as const;

type ViewerUser = {
  id: string;
  name: string;
  email: string;
  role: SessionViewer["role"];
  departmentId: string | null;
  department: SessionViewer["department"];
};

export function toSessionViewer(user: ViewerUser, sessionId: string): SessionViewer {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    departmentId: user.departmentId,
    department: user.department,
    sessionId,
  };
}

/**
 * Re-read the session and its user on every request (one indexed lookup): a signed-out or revoked
 * session, or a deactivated user, is refused at once; role and department are always current.
 */
export async function loadViewer(sessionId: string, now: Date = new Date()): Promise<SessionViewer | null> {
  const session = await prisma.userSession.findUnique({
    where: { id: sessionId },
    select: {
      revokedAt: true,
      expiresAt: true,
      user: { select: viewerUserSelect },
    },
  });
  if (!session || session.revokedAt !== null || session.expiresAt <= now || !session.user.active) return null;
  return toSessionViewer(session.user, sessionId);
}
