import { Prisma, prisma } from "@workplan/db";
import "server-only";
import { chaseFollowUp, type ChaseFollowUp } from "../../rules/chase-follow-up";
import { departmentScope, type Viewer } from "../../rules/policy";
import { idSchema } from "../get-initiative";

/** Chases shown on an initiative's page, newest first; the count of older ones is said below them. */
export const CHASE_HISTORY_LIMIT = 20;

export interface ChaseRecord {
  id: string;
  at: Date;
  chaser: string;
  note: string | null;
  /** The day asked for (UTC midnight, as the DATE column holds it), or null. */
  replyBy: Date | null;
  /** The first report on the initiative after the chase, or null. */
  followedAt: Date | null;
  followUp: ChaseFollowUp;
}

export interface ChaseHistory {
  items: ChaseRecord[];
  /** Every chase of the initiative. */
  total: number;
  /** Those older than the ones in `items`. */
  older: number;
}

/** The initiative's row `i` is one the viewer's department leads or co-operates on (archived ones included, as its page is). */
function recordScopeSql(viewer: Viewer): Prisma.Sql {
  const scope = departmentScope(viewer);
  if (scope.kind === "ministry") return Prisma.sql`TRUE`;
  return Prisma.sql`(i.department_id = ${scope.departmentId}
    OR EXISTS (SELECT 1 FROM initiative_cooperations sc WHERE sc.initiative_id = i.id AND sc.department_id = ${scope.departmentId}))`;
}

/**
 * An initiative's chase history for its page: who chased, when, the note, the reply-by day, and
 * whether a report followed (any report on the initiative after the chase; by the reply-by day or
 * not). The newest CHASE_HISTORY_LIMIT, with the true total. One statement: the page's chases are
 * picked first, then each one's first following report found by the (initiative, created_at) index.
 * Null when the initiative is not the viewer's to see.
 */
export async function getChaseHistory(viewer: Viewer, initiativeIdInput: unknown): Promise<ChaseHistory | null> {
  const id = idSchema.safeParse(initiativeIdInput);
  if (!id.success) return null;
  const rows = await prisma.$queryRaw<
    { id: string | null; at: Date | null; chaser: string | null; note: string | null; reply_by: Date | null; followed_at: Date | null; total: number }[]
  >`
    WITH visible AS (
      SELECT i.id FROM initiatives i WHERE i.id = ${id.data} AND ${recordScopeSql(viewer)}
    ), page AS (
      SELECT c.id, c.created_at, c.chaser_id, c.note, c.reply_by, c.initiative_id
        FROM chases c JOIN visible v ON v.id = c.initiative_id
       ORDER BY c.created_at DESC, c.id DESC
       LIMIT ${CHASE_HISTORY_LIMIT}
    )
    SELECT p.id, p.created_at AS at, u.name AS chaser, p.note, p.reply_by, f.followed_at,
           (SELECT count(*) FROM chases c JOIN visible v ON v.id = c.initiative_id)::int AS total
      FROM visible v
      LEFT JOIN page p ON TRUE
      LEFT JOIN users u ON u.id = p.chaser_id
      LEFT JOIN LATERAL (
        SELECT min(pu.created_at) AS followed_at FROM progress_updates pu
         WHERE pu.initiative_id = p.initiative_id AND pu.created_at > p.created_at
      ) f ON TRUE
     ORDER BY p.created_at DESC, p.id DESC`;
  // No row: the initiative is not there for this viewer; one row without an id: it has no chases.
  if (rows.length === 0) return null;
  const items = rows.flatMap((r) =>
    r.id && r.at
      ? [{ id: r.id, at: r.at, chaser: r.chaser ?? "", note: r.note, replyBy: r.reply_by, followedAt: r.followed_at, followUp: chaseFollowUp(r.followed_at, r.reply_by) }]
      : [],
  );
  const total = rows[0]?.total ?? 0;
  return { items, total, older: Math.max(total - items.length, 0) };
}
