import { type Prisma } from "@workplan/db";
import "server-only";
import { isoDay } from "../../rules/dates";
import { initiativeSchema, type InitiativeInput } from "../../rules/plan-admin";
import { invalid } from "../admin-plans";
import { DomainError } from "../errors";
import type { getAdminInitiative } from "./get-admin-initiative";
import { safeParseText } from "../../rules/text-input";

// What the operations in admin-initiatives/ share.
export const editableSelect = {
  id: true,
  planId: true,
  code: true,
  title: true,
  originalText: true,
  targetValue: true,
  targetUnit: true,
  targetApproximate: true,
  dueDate: true,
  archivedAt: true,
  themeId: true,
  department: { select: { id: true, code: true } },
  cooperations: { select: { department: { select: { id: true, code: true } } } },
} as const;

export type Editable = Prisma.InitiativeGetPayload<{ select: typeof editableSelect }>;

export function snapshot(i: Editable) {
  return {
    title: i.title,
    originalText: i.originalText,
    target: i.targetValue === null ? null : { value: i.targetValue.toNumber(), unit: i.targetUnit ?? "", approximate: i.targetApproximate },
    dueDate: isoDay(i.dueDate),
    leadDepartment: i.department.code,
    cooperatingDepartments: i.cooperations.map((c) => c.department.code).sort(),
    archivedAt: i.archivedAt ? i.archivedAt.toISOString() : null,
  };
}

export function parseInitiative(input: unknown): InitiativeInput {
  const parsed = safeParseText(initiativeSchema, input);
  if (!parsed.success) throw invalid(parsed.error, "initiative");
  return parsed.data;
}

/** The lead and co-operating departments exist and take new work (one already on the initiative may stay though archived). */
export async function checkDepartments(
  tx: Prisma.TransactionClient,
  data: InitiativeInput,
  current: { leadId: string | null; cooperatingIds: string[] },
) {
  const cooperatingIds = [...new Set(data.cooperatingDepartmentIds)].filter((d) => d !== data.leadDepartmentId);
  const rows = await tx.department.findMany({
    where: { id: { in: [data.leadDepartmentId, ...cooperatingIds] } },
    select: { id: true, archivedAt: true },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const fields: Record<string, string> = {};
  const lead = byId.get(data.leadDepartmentId);
  if (!lead) fields.leadDepartmentId = "leadDepartmentId.unknown";
  else if (lead.archivedAt && lead.id !== current.leadId) fields.leadDepartmentId = "leadDepartmentId.archived";
  for (const id of cooperatingIds) {
    const row = byId.get(id);
    if (!row) fields.cooperatingDepartmentIds ??= "cooperatingDepartmentIds.unknown";
    else if (row.archivedAt && !current.cooperatingIds.includes(id)) fields.cooperatingDepartmentIds ??= "cooperatingDepartmentIds.archived";
  }
  if (Object.keys(fields).length > 0) throw new DomainError("invalid", "the initiative has problems", fields);
  return cooperatingIds;
}

export function dueDateOf(data: InitiativeInput, planYear: number): Date {
  const due = new Date(`${data.dueDate}T00:00:00Z`);
  if (due.getUTCFullYear() < planYear) throw new DomainError("invalid", "the initiative has problems", { dueDate: "dueDate.beforePlan" });
  return due;
}

export type AdminInitiative = NonNullable<Awaited<ReturnType<typeof getAdminInitiative>>>;
