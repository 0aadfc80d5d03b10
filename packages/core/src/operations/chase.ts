import "server-only";
import { prisma, type Prisma } from "@workplan/db";
import { z } from "zod";
import { isLate } from "../rules/calendar";
import { can, type Viewer } from "../rules/policy";
import { recordAudit } from "./audit";
import { DomainError } from "./errors";
import { idSchema } from "./get-initiative";
import { notify } from "./notify";
import { calendarSelect, lightOf, lightsOf } from "./reporting-calendar";
import { initiativeWhere } from "./scope";

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
    action: "initiative.chased",
    objectType: "initiative",
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
  if (!row || !can(viewer, "initiative.chase", { departmentId: row.departmentId })) {
    throw new DomainError("not_found", "no such initiative");
  }
  const parsed = chaseSchema.safeParse(input ?? {});
  if (!parsed.success) throw new DomainError("invalid", "bad note", { note: "note.tooLong" });
  return prisma.$transaction(async (tx) => {
    const state = await lightOf(tx, row, now);
    if (!isLate(state.light)) throw new DomainError("invalid", "not late", { form: "chase.notLate" });
    const result = await recordChase(tx, viewer, row.id, parsed.data.note, context.ip ?? null);
    const staff = await responsibleStaff(tx, [row.departmentId, ...state.cooperatingDepartmentIds]);
    await notify(tx, staff, "chase.received", { code: row.code, title: row.title }, `/initiatives/${row.id}`);
    return result;
  });
}

/** Chase every late initiative a department leads, in one transaction; one notification per person. */
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
  const rows = await prisma.initiative.findMany({
    where: { AND: [initiativeWhere(viewer), { departmentId: departmentId.data }] },
    orderBy: { code: "asc" },
    select: calendarSelect,
  });
  return prisma.$transaction(async (tx) => {
    const lights = await lightsOf(tx, rows, now);
    const late = rows.filter((_, i) => {
      const state = lights[i];
      return state !== undefined && isLate(state.light);
    });
    if (late.length === 0) return { count: 0, codes: [] };
    const perPerson = new Map<string, string[]>();
    for (const row of late) {
      await recordChase(tx, viewer, row.id, null, context.ip ?? null);
      const staff = await responsibleStaff(tx, [row.departmentId, ...row.cooperations.map((c) => c.departmentId)]);
      for (const userId of staff) perPerson.set(userId, [...(perPerson.get(userId) ?? []), row.code]);
    }
    for (const [userId, codes] of perPerson) {
      await notify(tx, [userId], "chase.batch", { count: codes.length, codes: codes.join("、") }, "/notifications");
    }
    return { count: late.length, codes: late.map((r) => r.code) };
  });
}
