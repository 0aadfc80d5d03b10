import "server-only";
import type { Prisma } from "@workplan/db";

/** Every kind of event the audit log records: a typo is a compile error, not a row the filters miss. */
export const AUDIT_ACTIONS = [
  "api_token.created",
  "api_token.revoked",
  "audit.exported",
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.sign_in_inactive",
  "auth.sign_in_locked",
  "auth.sign_out",
  "auth.sign_out_others",
  "department.archived",
  "department.created",
  "department.deleted",
  "department.restored",
  "department.updated",
  "extension.approved",
  "extension.refused",
  "extension.requested",
  "initiative.archived",
  "initiative.carried_over",
  "initiative.chased",
  "initiative.closed",
  "initiative.created",
  "initiative.reopened",
  "initiative.restored",
  "initiative.updated",
  "milestone.created",
  "milestone.done",
  "milestone.reopened",
  "plan.created",
  "plan.imported",
  "plan.imported_spreadsheet",
  "plan.updated",
  "progress.edited",
  "progress.reported",
  "report.exported",
  "settings.updated",
  "theme.archived",
  "theme.created",
  "theme.updated",
  "update.approved",
  "update.returned",
  "user.created",
  "user.deactivated",
  "user.password_change_failed",
  "user.password_changed",
  "user.password_reset",
  "user.password_set",
  "user.preferences_changed",
  "user.reactivated",
  "user.unlocked",
  "user.updated",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What an event is about: the model's name, as the audit page's "object" filter takes it. */
export const AUDIT_OBJECT_TYPES = [
  "ApiToken",
  "AppSetting",
  "AuditEvent",
  "Department",
  "ExtensionRequest",
  "Initiative",
  "Milestone",
  "ProgressUpdate",
  "Theme",
  "User",
  "UserSession",
  "WorkPlan",
] as const;
export type AuditObjectType = (typeof AUDIT_OBJECT_TYPES)[number];

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
