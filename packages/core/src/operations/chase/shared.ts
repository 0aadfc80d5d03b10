import { type Prisma } from "@workplan/db";
import "server-only";
import { z } from "zod";
import { type Viewer } from "../../rules/policy";
import { auditKind, recordAudit } from "../audit";

// What the operations in chase/ share.
export interface ChaseContext {
  now?: Date;
  ip?: string | null;
}

export const chaseSchema = z.object({
  note: z
    .string()
    .trim()
    .max(500, "note.tooLong")
    .optional()
    .nullable()
    .transform((v) => (v ? v : null)),
});

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

export async function recordChase(tx: Tx, viewer: Viewer, initiativeId: string, note: string | null, ip: string | null) {
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
