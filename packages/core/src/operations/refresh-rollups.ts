import "server-only";
import type { Prisma } from "@workplan/db";

/**
 * Recompute the stored roll-ups (initiative count, average progress) of a plan and its themes
 * from their initiatives, archived ones left out: one statement, whatever the number of initiatives.
 */
export async function refreshRollups(tx: Prisma.TransactionClient, planId: string): Promise<void> {
  await tx.$executeRaw`
    WITH themes_done AS (
      UPDATE themes t
         SET initiative_count = coalesce(s.n, 0), progress = coalesce(s.p, 0), updated_at = now()
        FROM themes t2
        LEFT JOIN (SELECT theme_id, count(*)::int AS n, round(avg(progress))::int AS p
                     FROM initiatives WHERE plan_id = ${planId} AND theme_id IS NOT NULL AND archived_at IS NULL
                    GROUP BY theme_id) s ON s.theme_id = t2.id
       WHERE t.id = t2.id AND t2.plan_id = ${planId}
      RETURNING t.id
    )
    UPDATE work_plans w
       SET initiative_count = s.n, progress = s.p, updated_at = now()
      FROM (SELECT count(*)::int AS n, coalesce(round(avg(progress)), 0)::int AS p
              FROM initiatives WHERE plan_id = ${planId} AND archived_at IS NULL) s
     WHERE w.id = ${planId}`;
}
