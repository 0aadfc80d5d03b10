import { prisma } from "@workplan/db";
import "server-only";
import { z } from "zod";
import { kickEmailOutbox } from "../../infra/email";
import { can, type Viewer } from "../../rules/policy";
import { DomainError } from "../errors";
import { idSchema } from "../get-initiative";
import { type ChaseContext, CHASED, chaseParams, lateInDepartmentSql, parseChaseInput, staffOfLateSql } from "./shared";
import { planNow } from "../../infra/plan-clock";

export interface DepartmentChasePreview {
  /** Late initiatives the chase would reach. */
  count: number;
  /** Distinct staff members it would notify (one notification each). */
  recipients: number;
  codes: string[];
}

/** Which department's late initiatives, in which year's plan: the row a department-wide chase is sent from. */
export interface DepartmentChaseTarget {
  departmentId: unknown;
  year: unknown;
}

const yearSchema = z.number().int().min(2000).max(2100);

function targetOf(viewer: Viewer, target: DepartmentChaseTarget): { departmentId: string; year: number } {
  const departmentId = idSchema.safeParse(target.departmentId);
  if (!departmentId.success || !can(viewer, "initiative.chase", { departmentId: departmentId.data })) {
    throw new DomainError("not_found", "no such department");
  }
  const year = yearSchema.safeParse(target.year);
  if (!year.success) throw new DomainError("not_found", "no such plan year");
  return { departmentId: departmentId.data, year: year.data };
}

/**
 * What chasing a department would reach, before it is sent: its late initiatives and the people who
 * would be notified, counted by the database in one statement from the same SQL the send runs.
 */
export async function previewDepartmentChase(
  viewer: Viewer,
  target: DepartmentChaseTarget,
  context: Pick<ChaseContext, "now"> = {},
): Promise<DepartmentChasePreview> {
  const { departmentId, year } = targetOf(viewer, target);
  const [row] = await prisma.$queryRaw<{ count: number; recipients: number; codes: string[] | null }[]>`
    WITH late AS (${lateInDepartmentSql(viewer, departmentId, year, context.now ?? planNow())}),
         staff AS (${staffOfLateSql})
    SELECT (SELECT count(*) FROM late)::int AS count,
           (SELECT count(DISTINCT user_id) FROM staff)::int AS recipients,
           (SELECT array_agg(code ORDER BY code) FROM late) AS codes`;
  return { count: row?.count ?? 0, recipients: row?.recipients ?? 0, codes: row?.codes ?? [] };
}

/**
 * Chase every late initiative a department leads in one year's plan, in one transaction, with one note and reply-by
 * day for all; one notification per person. Set-based: one statement finds the late initiatives
 * (the light computed by the database, as the reporting calendar computes it: light-sql.ts), one
 * records all the chases, their counts, audit events and notifications — the same two statements
 * for 3 initiatives or 300. With `expectedCount` (what the sender confirmed from the preview), a
 * department whose late list has changed since is refused ("chase.changed"), nothing sent.
 */
export async function chaseDepartment(
  viewer: Viewer,
  target: DepartmentChaseTarget,
  input: unknown = {},
  context: ChaseContext = {},
): Promise<{ count: number; codes: string[]; recipients: number }> {
  const now = context.now ?? planNow();
  const { departmentId, year } = targetOf(viewer, target);
  const chase = parseChaseInput(input, now);
  const { note, replyBy } = chaseParams(chase);
  const at = now.toISOString();
  return prisma.$transaction(async (tx) => {
    const late = await tx.$queryRaw<{ id: string; code: string }[]>`
      SELECT l.id, l.code FROM (${lateInDepartmentSql(viewer, departmentId, year, now)}) l ORDER BY l.code`;
    if (chase.expectedCount !== null && chase.expectedCount !== late.length) {
      throw new DomainError("invalid", "the late list changed", { form: "chase.changed" });
    }
    if (late.length === 0) return { count: 0, codes: [], recipients: 0 };
    const ids = late.map((r) => r.id);
    // The late initiatives are a department's (a few dozen): their ids go into this one statement.
    // Its count is the notifications written: one per person reached.
    const recipients = await tx.$executeRaw`
      WITH late AS (
        SELECT i.id, i.code, i.department_id FROM initiatives i WHERE i.id = ANY(${ids}::text[])
      ), chased AS (
        INSERT INTO chases (id, initiative_id, chaser_id, note, reply_by, created_at)
        SELECT md5(random()::text || clock_timestamp()::text || l.id), l.id, ${viewer.id}, ${note}, ${replyBy}::date, ${at}::timestamp FROM late l
        RETURNING id, initiative_id
      ), counted AS (
        UPDATE initiatives i SET chase_count = i.chase_count + 1, updated_at = now()
          FROM late l WHERE i.id = l.id
        RETURNING i.id, i.chase_count
      ), audited AS (
        INSERT INTO audit_events (actor_id, action, object_type, object_id, after, ip, at)
        SELECT ${viewer.id}, ${CHASED.action}, ${CHASED.objectType}, c.initiative_id,
               jsonb_build_object('chaseId', c.id, 'note', ${note}::text, 'replyBy', ${replyBy}::text, 'chaseCount', n.chase_count),
               ${context.ip ?? null}, ${at}::timestamp
          FROM chased c JOIN counted n ON n.id = c.initiative_id
      ), staff AS (${staffOfLateSql})
      INSERT INTO notifications (id, user_id, kind, params, link, created_at)
      SELECT md5(random()::text || clock_timestamp()::text || s.user_id), s.user_id, 'chase.batch',
             jsonb_build_object('count', count(*), 'codes', string_agg(s.code, '、' ORDER BY s.code), 'note', ${note}::text, 'replyBy', ${replyBy}::text),
             '/notifications', ${at}::timestamp
        FROM staff s GROUP BY s.user_id`;
    kickEmailOutbox();
    return { count: late.length, codes: late.map((r) => r.code), recipients };
  });
}
