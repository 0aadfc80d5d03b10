import { prisma } from "@workplan/db";
import "server-only";
import { viewerColumnsSql, viewerFromColumns, type SessionViewer, type ViewerColumns } from "../load-viewer";
import { LAST_USED_RESOLUTION_MS, TOKEN_PATTERN, hashApiToken } from "./shared";

/**
 * The viewer a bearer token acts as, re-read on every request (so revocation, deactivation and role
 * changes take effect at once), or null for an unknown or revoked token or an inactive user.
 */
export async function authenticateApiToken(token: unknown, now: Date = new Date()): Promise<SessionViewer | null> {
  if (typeof token !== "string" || !TOKEN_PATTERN.test(token)) return null;
  // One statement: the token with its user and department (this runs on every API request).
  const [row] = await prisma.$queryRaw<(ViewerColumns & { id: string; revokedAt: Date | null; lastUsedAt: Date | null })[]>`
    SELECT t.id, t.revoked_at AS "revokedAt", t.last_used_at AS "lastUsedAt", ${viewerColumnsSql}
      FROM api_tokens t JOIN users u ON u.id = t.user_id LEFT JOIN departments d ON d.id = u.department_id
     WHERE t.token_hash = ${hashApiToken(token)}`;
  if (!row || row.revokedAt !== null || !row.active) return null;
  const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (row.lastUsedAt === null || row.lastUsedAt < staleBefore) {
    // Conditional, so that concurrent requests write once; not audited (it is bookkeeping, not an act).
    await prisma.apiToken.updateMany({
      where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: staleBefore } }] },
      data: { lastUsedAt: now },
    });
  }
  return viewerFromColumns(row, `token:${row.id}`);
}
