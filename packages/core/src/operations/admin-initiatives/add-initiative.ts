import { prisma, Prisma } from "@workplan/db";
import "server-only";
import { initiativeSearchText } from "../../infra/search-text";
import { addInitiativeSchema } from "../../rules/plan-admin";
import type { Viewer } from "../../rules/policy";
import type { AdminContext } from "../admin-departments";
import { authorisePlans, lockAndRefreshRollups } from "../admin-plans";
import { recordAudit } from "../audit";
import { DomainError } from "../errors";
import { idSchema } from "../get-initiative";
import { initiativeCode } from "../import-work-report";
import { checkDepartments, dueDateOf, editableSelect, parseInitiative, snapshot } from "./shared";

/** A new initiative at the end of its theme (or of the plan's items), coded like the seed's (`KJS-2018-1.6`). */
export async function addInitiative(actor: Viewer, planIdInput: unknown, input: unknown, context: AdminContext = {}) {
  authorisePlans(actor);
  const planId = idSchema.safeParse(planIdInput);
  if (!planId.success) throw new DomainError("not_found", "no such plan");
  const { themeId: themeInput, ...rest } = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  const where = addInitiativeSchema.safeParse({ themeId: themeInput ?? null });
  if (!where.success) throw new DomainError("invalid", "the initiative has problems", { themeId: "themeId.unknown" });
  const data = parseInitiative(rest);
  try {
    return await prisma.$transaction(async (tx) => {
      // One addition per plan at a time: two admins adding to one theme get consecutive ordinals.
      await tx.$queryRaw`SELECT id FROM work_plans WHERE id = ${planId.data} FOR UPDATE`;
      const plan = await tx.workPlan.findUnique({
        where: { id: planId.data },
        select: { id: true, year: true, status: true, department: { select: { code: true } } },
      });
      if (!plan) throw new DomainError("not_found", "no such plan");
      if (plan.status === "CLOSED") throw new DomainError("invalid", "the plan is closed", { form: "plan.closed" });
      let themeOrdinal: number | null = null;
      if (where.data.themeId !== null) {
        const theme = await tx.theme.findFirst({ where: { id: where.data.themeId, planId: plan.id }, select: { ordinal: true, archivedAt: true } });
        if (!theme) throw new DomainError("invalid", "the initiative has problems", { themeId: "themeId.unknown" });
        if (theme.archivedAt) throw new DomainError("invalid", "the theme is archived", { themeId: "themeId.archived" });
        themeOrdinal = theme.ordinal;
      }
      const dueDate = dueDateOf(data, plan.year);
      const cooperatingIds = await checkDepartments(tx, data, { leadId: null, cooperatingIds: [] });
      // Ordinals are never reused, archived initiatives included: a code always means one initiative.
      const last = await tx.initiative.findFirst({
        where: { planId: plan.id, themeId: where.data.themeId },
        orderBy: { ordinal: "desc" },
        select: { ordinal: true },
      });
      const ordinal = (last?.ordinal ?? 0) + 1;
      const code = initiativeCode(plan.department.code, plan.year, themeOrdinal, ordinal);
      const created = await tx.initiative.create({
        data: {
          planId: plan.id,
          themeId: where.data.themeId,
          departmentId: data.leadDepartmentId,
          ordinal,
          code,
          title: data.title,
          originalText: data.originalText,
          searchText: initiativeSearchText({ code, title: data.title, originalText: data.originalText }),
          sourceParagraph: data.originalText,
          targetValue: data.targetValue,
          targetUnit: data.targetValue === null ? null : data.targetUnit,
          targetApproximate: data.targetValue === null ? false : data.targetApproximate,
          dueDate,
          cooperations: { create: cooperatingIds.map((departmentId) => ({ departmentId })) },
        },
        select: editableSelect,
      });
      await lockAndRefreshRollups(tx, plan.id);
      await recordAudit(tx, {
        actorId: actor.id,
        action: "initiative.created",
        objectType: "Initiative",
        objectId: created.id,
        after: { code: created.code, planId: plan.id, themeId: where.data.themeId, ...snapshot(created) },
        ip: context.ip ?? null,
      });
      return { id: created.id, code: created.code, planId: plan.id };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new DomainError("conflict", "the initiative code is in use", { form: "code.clash" });
    }
    throw error;
  }
}
