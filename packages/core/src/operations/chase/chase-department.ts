import { prisma } from "@workplan/db";
import "server-only";
import { kickEmailOutbox } from "../../infra/email";
import { can, type Viewer } from "../../rules/policy";
import { DomainError } from "../errors";
import { idSchema } from "../get-initiative";
import { calendarSql } from "../light-sql";
import { initiativeScopeSql } from "../scope";
import { type ChaseContext, CHASED } from "./shared";
import { planNow } from "../../infra/plan-clock";

/**
 * Chase every late initiative a department leads, in one transaction; one notification per person.
 * Set-based: one statement finds the late initiatives (the light computed by the database, as the
 * reporting calendar computes it: light-sql.ts), one records all the chases, their counts, audit
 * events and notifications — the same two statements for 3 initiatives or 300.
 */
export async function chaseDepartment(
  viewer: Viewer,
  departmentIdInput: unknown,
  context: ChaseContext = {},
): Promise<{ count: number; codes: string[] }> {
  const now = context.now ?? planNow();
  const departmentId = idSchema.safeParse(departmentIdInput);
  if (!departmentId.success || !can(viewer, "initiative.chase", { departmentId: departmentId.data })) {
    throw new DomainError("not_found", "no such department");
  }
  const calendar = calendarSql(now);
  const at = now.toISOString();
  return prisma.$transaction(async (tx) => {
    const late = await tx.$queryRaw<{ id: string; code: string }[]>`
      SELECT i.id, i.code
        FROM initiatives i JOIN work_plans p ON p.id = i.plan_id ${calendar.monthJoin}
       WHERE ${initiativeScopeSql(viewer, "i")} AND i.department_id = ${departmentId.data} AND ${calendar.light} <> 'GREEN'
       ORDER BY i.code`;
    if (late.length === 0) return { count: 0, codes: [] };
    const ids = late.map((r) => r.id);
    // The late initiatives are a department's (a few dozen): their ids go into this one statement.
    await tx.$executeRaw`
      WITH late AS (
        SELECT i.id, i.code, i.department_id FROM initiatives i WHERE i.id = ANY(${ids}::text[])
      ), chased AS (
        INSERT INTO chases (id, initiative_id, chaser_id, note, created_at)
        SELECT md5(random()::text || clock_timestamp()::text || l.id), l.id, ${viewer.id}, NULL, ${at}::timestamp FROM late l
        RETURNING id, initiative_id
      ), counted AS (
        UPDATE initiatives i SET chase_count = i.chase_count + 1, updated_at = now()
          FROM late l WHERE i.id = l.id
        RETURNING i.id, i.chase_count
      ), audited AS (
        INSERT INTO audit_events (actor_id, action, object_type, object_id, after, ip, at)
        SELECT ${viewer.id}, ${CHASED.action}, ${CHASED.objectType}, c.initiative_id,
               jsonb_build_object('chaseId', c.id, 'note', NULL, 'chaseCount', n.chase_count), ${context.ip ?? null}, ${at}::timestamp
          FROM chased c JOIN counted n ON n.id = c.initiative_id
      ), staff AS (
        -- Active staff of the lead and co-operating departments: who answers a chase.
        SELECT DISTINCT u.id AS user_id, l.code
          FROM late l
          JOIN users u ON u.role = 'STAFF' AND u.active
           AND (u.department_id = l.department_id
                OR u.department_id IN (SELECT c.department_id FROM initiative_cooperations c WHERE c.initiative_id = l.id))
      )
      INSERT INTO notifications (id, user_id, kind, params, link, created_at)
      SELECT md5(random()::text || clock_timestamp()::text || s.user_id), s.user_id, 'chase.batch',
             jsonb_build_object('count', count(*), 'codes', string_agg(s.code, '、' ORDER BY s.code)), '/notifications', ${at}::timestamp
        FROM staff s GROUP BY s.user_id`;
    kickEmailOutbox();
    return { count: late.length, codes: late.map((r) => r.code) };
  });
}
