import "server-only";
import type { Prisma } from "@workplan/db";
import { type AuditAction, type AuditObjectType } from "../rules/audit-actions";

// The lists of actions and object types are pure data (rules/audit-actions.ts), so that the pages
// and the tests that check every action has a label in each language can read them too.
export { AUDIT_ACTIONS, AUDIT_OBJECT_TYPES, type AuditAction, type AuditObjectType } from "../rules/audit-actions";

/** An action and its object type, typed, for the set-based statements that insert audit rows in SQL. */
export function auditKind(action: AuditAction, objectType: AuditObjectType): { action: AuditAction; objectType: AuditObjectType } {
  return { action, objectType };
}

export interface AuditInput {
  actorId: string | null;
  action: AuditAction;
  objectType?: AuditObjectType;
  objectId?: string;
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
  ip?: string | null;
}

type AuditWriter = { auditEvent: { create: (args: { data: Prisma.AuditEventUncheckedCreateInput }) => unknown } };

/** Append an audit event; call it with the transaction client of the write it records. */
export async function recordAudit(tx: AuditWriter, event: AuditInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: event.actorId,
      action: event.action,
      objectType: event.objectType ?? null,
      objectId: event.objectId ?? null,
      before: event.before,
      after: event.after,
      ip: event.ip ?? null,
    },
  });
}
