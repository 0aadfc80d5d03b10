import { Prisma } from "@workplan/db";
import "server-only";
import { z } from "zod";
import { beijingToday, DAY_MS, isoDay, parseIsoDay } from "../../rules/dates";
import { type Viewer } from "../../rules/policy";
import { safeParseText } from "../../rules/text-input";
import { auditKind, recordAudit } from "../audit";
import { DomainError } from "../errors";
import { calendarSql } from "../light-sql";
import { initiativeScopeSql } from "../scope";

// What the operations in chase/ share.
export interface ChaseContext {
  now?: Date;
  ip?: string | null;
}

/** How far ahead a chase may ask for a report: a chase is about this month's report, not next season's. */
export const REPLY_BY_MAX_DAYS = 90;

const optionalText = z
  .string()
  .trim()
  .optional()
  .nullable()
  .transform((v) => (v ? v : null));

export const chaseSchema = z.object({
  note: z
    .string()
    .trim()
    .max(500, "note.tooLong")
    .optional()
    .nullable()
    .transform((v) => (v ? v : null)),
  replyBy: optionalText.refine((v) => v === null || parseIsoDay(v) !== null, "replyBy.invalid"),
  /** On a department-wide chase: how many late initiatives the sender confirmed (the preview's count). */
  expectedCount: z.number().int().min(0).max(1_000_000).optional().nullable(),
});

function fieldsOf(input: unknown): Record<string, unknown> {
  return typeof input === "object" && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
}

export interface ChaseInput {
  note: string | null;
  /** The day asked for (UTC midnight, as the DATE column holds it), or null. */
  replyBy: Date | null;
  expectedCount: number | null;
}

/**
 * What a chase says: its note (the one text rule, ≤ 500 characters) and the day a report is asked
 * for, a real day from today (Beijing) to REPLY_BY_MAX_DAYS ahead. Every field's refusal at once.
 */
export function parseChaseInput(input: unknown, now: Date): ChaseInput {
  const parsed = safeParseText(chaseSchema, input ?? {});
  const fields: Record<string, string> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "form");
      // A value of the wrong type has zod's own wording, not one of our keys: it is that field's "invalid".
      const key = /^[a-zA-Z]+\.[a-zA-Z]+$/.test(issue.message) ? issue.message : `${field}.invalid`;
      if (field === "note" || field === "replyBy") fields[field] ??= key;
      else fields.form ??= "form.invalid";
    }
  }
  // The day is checked against today even when the note is refused: every field's message at once.
  const rawReplyBy = fieldsOf(input).replyBy;
  const replyBy = !fields.replyBy && typeof rawReplyBy === "string" ? parseIsoDay(rawReplyBy.trim()) : null;
  if (replyBy) {
    const today = beijingToday(now);
    if (replyBy.getTime() < today.getTime()) fields.replyBy = "replyBy.past";
    else if (replyBy.getTime() > today.getTime() + REPLY_BY_MAX_DAYS * DAY_MS) fields.replyBy = "replyBy.tooFar";
  }
  if (!parsed.success || Object.keys(fields).length > 0) {
    // "form.invalid" is an input no form of ours sends (a wrong type): said on the form when nothing else is.
    const { form, ...rest } = fields;
    throw new DomainError("invalid", "bad chase", Object.keys(rest).length > 0 ? rest : { form: form ?? "form.invalid" });
  }
  return { note: parsed.data.note, replyBy, expectedCount: parsed.data.expectedCount ?? null };
}

/** The params a chase's notification carries, as the list and the mail read them. */
export function chaseParams(input: Pick<ChaseInput, "note" | "replyBy">): { note: string | null; replyBy: string | null } {
  return { note: input.note, replyBy: input.replyBy ? isoDay(input.replyBy) : null };
}

export type Tx = Prisma.TransactionClient;

export const CHASED = auditKind("initiative.chased", "Initiative");

/** Active staff of the lead and co-operating departments: who answers a chase. */
export async function responsibleStaff(tx: Tx, departmentIds: readonly string[]): Promise<string[]> {
  const rows = await tx.user.findMany({
    where: { role: "STAFF", active: true, departmentId: { in: [...departmentIds] } },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/**
 * The late initiatives (red or yellow light) a department leads in one year's plan, within the
 * viewer's scope: what a department-wide chase reaches, the initiatives the row it is sent from (the
 * calendar's, the overview's, both of one year) counts. Columns id, code, department_id. Shared by
 * the preview and the send, so the figures confirmed are the ones chased.
 */
export function lateInDepartmentSql(viewer: Viewer, departmentId: string, year: number, now: Date): Prisma.Sql {
  const calendar = calendarSql(now);
  return Prisma.sql`
    SELECT i.id, i.code, i.department_id
      FROM initiatives i JOIN work_plans p ON p.id = i.plan_id ${calendar.monthJoin}
     WHERE ${initiativeScopeSql(viewer, "i")} AND i.department_id = ${departmentId} AND p.year = ${year}
       AND ${calendar.light} <> 'GREEN'`;
}

/**
 * Who answers the chase of the initiatives in the CTE `late` (columns id, code, department_id): the
 * active staff of each one's lead and co-operating departments, one row per person and initiative.
 */
export const staffOfLateSql = Prisma.sql`
  SELECT DISTINCT u.id AS user_id, l.code
    FROM late l
    JOIN users u ON u.role = 'STAFF' AND u.active
     AND (u.department_id = l.department_id
          OR u.department_id IN (SELECT c.department_id FROM initiative_cooperations c WHERE c.initiative_id = l.id))`;

/**
 * Record one chase, count it and audit it. Stamped with the plan calendar's now (`at`), as the
 * reports it is compared with are (log-progress files them at the plan clock's time).
 */
export async function recordChase(
  tx: Tx,
  viewer: Viewer,
  initiativeId: string,
  input: Pick<ChaseInput, "note" | "replyBy">,
  context: { at: Date; ip: string | null },
) {
  const { ip } = context;
  const chase = await tx.chase.create({
    data: { initiativeId, chaserId: viewer.id, note: input.note, replyBy: input.replyBy, createdAt: context.at },
    select: { id: true },
  });
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
    after: { chaseId: chase.id, ...chaseParams(input), chaseCount: updated.chaseCount },
    ip,
  });
  return { chaseId: chase.id, chaseCount: updated.chaseCount };
}
