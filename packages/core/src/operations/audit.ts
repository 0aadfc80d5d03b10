import "server-only";
import type { Prisma } from "@workplan/db";

export interface AuditInput {
  actorId: string | null;
  action: string;
  objectType?: string;
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
