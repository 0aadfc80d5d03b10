import "server-only";
import type { Prisma } from "@workplan/db";
import { kickEmailOutbox } from "../infra/email";

export type NotificationKind =
  | "update.submitted"
  | "update.approved"
  | "update.returned"
  | "chase.received"
  | "chase.batch"
  | "extension.requested"
  | "extension.decided"
  | "initiative.closed"
  | "reminder.due_soon"
  | "reminder.overdue"
  | "digest.weekly";

/** Queue in-app notifications in the caller's transaction (e-mail, when configured, goes from these rows). */
export async function notify(
  tx: Prisma.TransactionClient,
  userIds: readonly string[],
  kind: NotificationKind,
  params: Record<string, string | number | null>,
  link: string,
): Promise<void> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  await tx.notification.createMany({ data: unique.map((userId) => ({ userId, kind, params, link })) });
  // When this process mails notifications, have the outbox look shortly (after this transaction commits).
  kickEmailOutbox();
}

/** Who reviews a department's reports: its managers, or the ministry-wide managers when it has none. */
export async function reviewersOf(tx: Prisma.TransactionClient, departmentId: string): Promise<string[]> {
  const own = await tx.user.findMany({
    where: { role: "MANAGER", active: true, departmentId },
    select: { id: true },
  });
  if (own.length > 0) return own.map((u) => u.id);
  const ministry = await tx.user.findMany({ where: { role: "MANAGER", active: true, departmentId: null }, select: { id: true } });
  return ministry.map((u) => u.id);
}
