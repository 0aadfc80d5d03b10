import "server-only";
import { prisma, Prisma } from "@workplan/db";
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

/** The columns of a viewer's user and department, for the one-statement reads below (alias u and d). */
export const viewerColumnsSql = Prisma.sql`u.id AS "userId", u.name, u.email, u.role::text AS role, u.active,
  u.department_id AS "departmentId", d.code AS "departmentCode", d.name_zh_hans AS "nameZhHans",
  d.name_zh_hant AS "nameZhHant", d.name_en AS "nameEn"`;

export interface ViewerColumns {
  userId: string;
  name: string;
  email: string;
  role: SessionViewer["role"];
  active: boolean;
  departmentId: string | null;
  departmentCode: string | null;
  nameZhHans: string | null;
  nameZhHant: string | null;
  nameEn: string | null;
}

export function viewerFromColumns(row: ViewerColumns, sessionId: string): SessionViewer {
  const d = row.departmentId !== null && row.departmentCode !== null ? row : null;
  return toSessionViewer(
    {
      id: row.userId,
      name: row.name,
      email: row.email,
      role: row.role,
      departmentId: row.departmentId,
      department: d && {
        id: d.departmentId ?? "",
        code: d.departmentCode ?? "",
        nameZhHans: d.nameZhHans ?? "",
        nameZhHant: d.nameZhHant ?? "",
        nameEn: d.nameEn ?? "",
      },
    },
    sessionId,
  );
}

/**
 * Re-read the session and its user on every request — one statement (session, user and department
 * joined): a signed-out or revoked session, or a deactivated user, is refused at once; role and
 * department are always current.
 */
export async function loadViewer(sessionId: string, now: Date = new Date()): Promise<SessionViewer | null> {
  const [row] = await prisma.$queryRaw<(ViewerColumns & { revokedAt: Date | null; expiresAt: Date })[]>`
    SELECT s.revoked_at AS "revokedAt", s.expires_at AS "expiresAt", ${viewerColumnsSql}
      FROM user_sessions s JOIN users u ON u.id = s.user_id LEFT JOIN departments d ON d.id = u.department_id
     WHERE s.id = ${sessionId}`;
  if (!row || row.revokedAt !== null || row.expiresAt <= now || !row.active) return null;
  return viewerFromColumns(row, sessionId);
}
