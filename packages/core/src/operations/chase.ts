import "server-only";
import { prisma, type Prisma } from "@workplan/db";
import { z } from "zod";
import { isLate } from "../rules/calendar";
import { can, check, type Viewer } from "../rules/policy";
import { auditKind, recordAudit } from "./audit";
import { DomainError } from "./errors";
import { idSchema } from "./get-initiative";
import { kickEmailOutbox } from "../infra/email";
import { calendarSql } from "./light-sql";
import { notify } from "./notify";
import { calendarSelect, lightOf } from "./reporting-calendar";
import { initiativeScopeSql, initiativeWhere } from "./scope";

export interface ChaseContext {
  now?: Date;
  ip?: string | null;
}

const chaseSchema = z.object({
  note: z
    .string()
    .trim()
    .max(500, "note.tooLong")
    .optional()
    .nullable()
    .transform((v) => (v ? v : null)),
});

type Tx = Prisma.TransactionClient;

const CHASED = auditKind("initiative.chased", "Initiative");

/** Active staff of the lead and co-operating departments: who answers a chase. */
async function responsibleStaff(tx: Tx, departmentIds: readonly string[]): Promise<string[]> {
  const rows = await tx.user.findMany({
    where: { role: "STAFF", active: true, departmentId: { in: [...departmentIds] } },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

async function recordChase(tx: Tx, viewer: Viewer, initiativeId: string, note: string | null, ip: string | null) {
  const chase = await tx.chase.create({ data: { initiativeId, chaserId: viewer.id, note }, select: { id: true } });
  const updated = await tx.initiative.update({
    where: { id: initiativeId },
    data: { chaseCount: { increment: 1 } },
    select: { chaseCount: true },
  });
  await recordAudit(tx, {
    actorId: viewer.id,
    action: CHASED.action,
    objectType: CHASED.objectType,
    objectId: initiativeId,
    after: { chaseId: chase.id, note, chaseCount: updated.chaseCount },
    ip,
  });
  return { chaseId: chase.id, chaseCount: updated.chaseCount };
}

/** Chase (催辦) one late initiative: record it, count it, audit it, notify its staff. */
export async function chaseInitiative(
  viewer: Viewer,
  initiativeId: unknown,
  input: unknown,
  context: ChaseContext = {},
): Promise<{ chaseId: string; chaseCount: number }> {
  const now = context.now ?? new Date();
  const id = idSchema.safeParse(initiativeId);
  if (!id.success) throw new DomainError("not_found", "no such initiative");
  const row = await prisma.initiative.findFirst({
    where: { AND: [{ id: id.data }, initiativeWhere(viewer)] },
    select: calendarSelect,
  });
  // Archived initiatives are out of initiativeWhere; a closed one is done, never late.
  const refusal = row ? check(viewer, "initiative.chase", { departmentId: row.departmentId, closed: row.closedAt !== null }) : "scope";
  if (!row || refusal === "role" || refusal === "scope") throw new DomainError("not_found", "no such initiative");
  const parsed = chaseSchema.safeParse(input ?? {});
  if (!parsed.success) throw new DomainError("invalid", "bad note", { note: "note.tooLong" });
  if (refusal) throw new DomainError("invalid", "not late", { form: "chase.notLate" });
  return prisma.$transaction(async (tx) => {
    const state = await lightOf(tx, row, now);
    if (!isLate(state.light)) throw new DomainError("invalid", "not late", { form: "chase.notLate" });
    const result = await recordChase(tx, viewer, row.id, parsed.data.note, context.ip ?? null);
    const staff = await responsibleStaff(tx, [row.departmentId, ...state.cooperatingDepartmentIds]);
    await notify(tx, staff, "chase.received", { code: row.code, title: row.title }, `/initiatives/${row.id}`);
    return result;
  });
}

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
  const now = context.now ?? new Date();
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
