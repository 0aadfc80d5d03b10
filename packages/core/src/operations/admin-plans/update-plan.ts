import { prisma } from "@workplan/db";
import "server-only";
import { updatePlanSchema } from "../../rules/plan-admin";
import { type Viewer } from "../../rules/policy";
import type { AdminContext } from "../admin-departments";
import { recordAudit } from "../audit";
import { DomainError } from "../errors";
import { idSchema } from "../get-initiative";
import { authorisePlans, invalid, planSnapshot } from "./shared";
import { safeParseText } from "../../rules/text-input";

export async function updatePlan(actor: Viewer, idInput: unknown, input: unknown, context: AdminContext = {}) {
  authorisePlans(actor);
  const id = idSchema.safeParse(idInput);
  if (!id.success) throw new DomainError("not_found", "no such plan");
  const parsed = safeParseText(updatePlanSchema, input);
  if (!parsed.success) throw invalid(parsed.error, "plan");
  return prisma.$transaction(async (tx) => {
    const before = await tx.workPlan.findUnique({ where: { id: id.data }, select: { id: true, heading: true, preamble: true, reportDueDay: true, reminderDaysBefore: true } });
    if (!before) throw new DomainError("not_found", "no such plan");
    const after = planSnapshot(parsed.data);
    if (JSON.stringify(planSnapshot(before)) === JSON.stringify(after)) return { id: before.id, changed: false };
    await tx.workPlan.update({ where: { id: before.id }, data: after });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "plan.updated",
      objectType: "WorkPlan",
      objectId: before.id,
      before: planSnapshot(before),
      after,
      ip: context.ip ?? null,
    });
    return { id: before.id, changed: true };
  });
}
