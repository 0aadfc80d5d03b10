import { prisma } from "@workplan/db";
import "server-only";
import { isLate } from "../../rules/calendar";
import { check, type Viewer } from "../../rules/policy";
import { DomainError } from "../errors";
import { idSchema } from "../get-initiative";
import { notify } from "../notify";
import { calendarSelect, lightOf } from "../reporting-calendar";
import { initiativeWhere } from "../scope";
import { type ChaseContext, chaseParams, parseChaseInput, recordChase, responsibleStaff } from "./shared";
import { planNow } from "../../infra/plan-clock";

/**
 * Chase (催辦) one late initiative, with an optional note and a day to report by: record it, count
 * it, audit it, notify its staff (the note and the day in the notification, and so in the mail).
 */
export async function chaseInitiative(
  viewer: Viewer,
  initiativeId: unknown,
  input: unknown,
  context: ChaseContext = {},
): Promise<{ chaseId: string; chaseCount: number }> {
  const now = context.now ?? planNow();
  const id = idSchema.safeParse(initiativeId);
  if (!id.success) throw new DomainError("not_found", "no such initiative");
  const row = await prisma.initiative.findFirst({
    where: { AND: [{ id: id.data }, initiativeWhere(viewer)] },
    select: calendarSelect,
  });
  // Archived initiatives are out of initiativeWhere; a closed one is done, never late.
  const refusal = row ? check(viewer, "initiative.chase", { departmentId: row.departmentId, closed: row.closedAt !== null }) : "scope";
  if (!row || refusal === "role" || refusal === "scope") throw new DomainError("not_found", "no such initiative");
  const chase = parseChaseInput(input, now);
  if (refusal) throw new DomainError("invalid", "not late", { form: "chase.notLate" });
  return prisma.$transaction(async (tx) => {
    const state = await lightOf(tx, row, now);
    if (!isLate(state.light)) throw new DomainError("invalid", "not late", { form: "chase.notLate" });
    const result = await recordChase(tx, viewer, row.id, chase, { at: now, ip: context.ip ?? null });
    const staff = await responsibleStaff(tx, [row.departmentId, ...state.cooperatingDepartmentIds]);
    await notify(tx, staff, "chase.received", { code: row.code, title: row.title, ...chaseParams(chase) }, `/initiatives/${row.id}`);
    return result;
  });
}
