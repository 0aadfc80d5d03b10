import { prisma } from "@workplan/db";
import "server-only";
import { initiativeSearchText } from "../../infra/search-text";
import type { Viewer } from "../../rules/policy";
import type { AdminContext } from "../admin-departments";
import { authorisePlans, lockAndRefreshRollups } from "../admin-plans";
import { recordAudit } from "../audit";
import { DomainError } from "../errors";
import { idSchema } from "../get-initiative";
import { checkDepartments, dueDateOf, editableSelect, parseInitiative, snapshot } from "./shared";

/**
 * Edit what the plan says about an initiative. Only the plan's fields are written: an initiative
 * users have reported on keeps its progress, health, measured value, version and history.
 */
export async function updateInitiative(actor: Viewer, idInput: unknown, input: unknown, context: AdminContext = {}) {
  authorisePlans(actor);
  const id = idSchema.safeParse(idInput);
  if (!id.success) throw new DomainError("not_found", "no such initiative");
  const data = parseInitiative(input);
  return prisma.$transaction(async (tx) => {
    const before = await tx.initiative.findUnique({ where: { id: id.data }, select: { ...editableSelect, plan: { select: { year: true } } } });
    if (!before) throw new DomainError("not_found", "no such initiative");
    if (before.archivedAt) throw new DomainError("invalid", "the initiative is archived", { form: "initiative.archived" });
    const dueDate = dueDateOf(data, before.plan.year);
    const currentCooperating = before.cooperations.map((c) => c.department.id);
    const cooperatingIds = await checkDepartments(tx, data, { leadId: before.department.id, cooperatingIds: currentCooperating });
    const removed = currentCooperating.filter((d) => !cooperatingIds.includes(d));
    const added = cooperatingIds.filter((d) => !currentCooperating.includes(d));
    const after = await tx.initiative.update({
      where: { id: before.id },
      data: {
        title: data.title,
        originalText: data.originalText,
        searchText: initiativeSearchText({ code: before.code, title: data.title, originalText: data.originalText }),
        targetValue: data.targetValue,
        targetUnit: data.targetValue === null ? null : data.targetUnit,
        targetApproximate: data.targetValue === null ? false : data.targetApproximate,
        dueDate,
        departmentId: data.leadDepartmentId,
        cooperations: {
          deleteMany: removed.length > 0 ? { departmentId: { in: removed } } : [],
          create: added.map((departmentId) => ({ departmentId })),
        },
      },
      select: editableSelect,
    });
    const [b, a] = [snapshot(before), snapshot(after)];
    const changed = JSON.stringify(b) !== JSON.stringify(a);
    if (changed) {
      await lockAndRefreshRollups(tx, before.planId);
      await recordAudit(tx, {
        actorId: actor.id,
        action: "initiative.updated",
        objectType: "Initiative",
        objectId: before.id,
        before: { code: before.code, ...b },
        after: { code: before.code, ...a },
        ip: context.ip ?? null,
      });
    }
    return { id: before.id, planId: before.planId, changed };
  });
}
