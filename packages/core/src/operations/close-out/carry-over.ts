import "server-only";
import { prisma, Prisma } from "@workplan/db";
import type { Viewer } from "../../rules/policy";
import { fieldErrors } from "../../rules/progress";
import { lockAndRefreshRollups } from "../admin-plans";
import { recordAudit } from "../audit";
import { DomainError } from "../errors";
import { defaultDueDate, initiativeCode } from "../import-work-report";
import { initiativeSearchText } from "../../infra/search-text";
import { findForCloseOut, nextPlanOf } from "./access";
import { AlreadyCarriedError, CARRYABLE_OUTCOMES, type CloseOutContext, type Tx, carryOverSchema, day } from "./model";
import { safeParseText } from "../../rules/text-input";

/**
 * The plan a carry-over goes into: the one given, or the next year's. Never created here: an admin
 * imports or creates it first (an empty plan made here would block the import of the real one).
 */
async function targetPlan(tx: Tx, origin: { departmentId: string; plan: { year: number } }, targetPlanId: string | undefined) {
  if (targetPlanId !== undefined) {
    const plan = await tx.workPlan.findUnique({
      where: { id: targetPlanId },
      select: { id: true, year: true, status: true, departmentId: true, department: { select: { code: true } } },
    });
    if (!plan || plan.departmentId !== origin.departmentId || plan.year <= origin.plan.year || plan.status !== "ACTIVE") {
      throw new DomainError("invalid", "not a plan this initiative can be carried into", { targetPlanId: "closeOut.target" });
    }
    return plan;
  }
  const plan = await nextPlanOf(tx, origin.departmentId, origin.plan.year);
  if (!plan) throw new DomainError("invalid", "the next year's plan does not exist yet", { targetPlanId: "closeOut.noNextPlan" });
  if (plan.status !== "ACTIVE") throw new DomainError("invalid", "the next year's plan is closed", { targetPlanId: "closeOut.target" });
  return plan;
}

/** The theme of the same title in the target plan, created (at its end) when it has none. */
async function targetTheme(
  tx: Tx,
  plan: { id: string; year: number; department: { code: string } },
  theme: { title: string; intro: string; sourceParagraph: string } | null,
) {
  if (!theme) return null;
  const same = await tx.theme.findFirst({
    where: { planId: plan.id, title: theme.title, archivedAt: null },
    orderBy: { ordinal: "asc" },
    select: { id: true, ordinal: true },
  });
  if (same) return same;
  const last = await tx.theme.findFirst({ where: { planId: plan.id }, orderBy: { ordinal: "desc" }, select: { ordinal: true } });
  const ordinal = (last?.ordinal ?? 0) + 1;
  return tx.theme.create({
    data: {
      planId: plan.id,
      ordinal,
      code: `${plan.department.code}-${plan.year}-${ordinal}`,
      title: theme.title,
      intro: theme.intro,
      sourceParagraph: theme.sourceParagraph,
    },
    select: { id: true, ordinal: true },
  });
}

/**
 * Carry an initiative closed as partly or not achieved into the next year's plan of its department
 * (which an admin has imported or created; refused with closeOut.noNextPlan when there is none): a
 * new initiative after the plan's own, with the same wording, target, departments and theme, at 0 %,
 * due at the end of that year, linked to its origin. Once only.
 */
export async function carryOverInitiative(viewer: Viewer, input: unknown, context: CloseOutContext = {}) {
  const { initiativeId, ...rest } = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  const initiative = await findForCloseOut(viewer, initiativeId);
  if (!initiative) throw new DomainError("not_found", "no such initiative");
  const parsed = safeParseText(carryOverSchema, rest);
  if (!parsed.success) throw new DomainError("invalid", "the carry-over has problems", fieldErrors(parsed.error));
  const ip = context.ip ?? null;
  try {
    return await prisma.$transaction(async (tx) => {
      // One carry-over (or reopen) of an initiative at a time: the second finds it carried.
      await tx.$queryRaw`SELECT id FROM initiatives WHERE id = ${initiative.id} FOR UPDATE`;
      const origin = await tx.initiative.findUniqueOrThrow({
        where: { id: initiative.id },
        select: {
          id: true,
          code: true,
          title: true,
          originalText: true,
          sourceParagraph: true,
          targetValue: true,
          targetUnit: true,
          targetApproximate: true,
          departmentId: true,
          closedAt: true,
          outcome: true,
          carriedTo: { select: { id: true } },
          cooperations: { select: { departmentId: true } },
          theme: { select: { title: true, intro: true, sourceParagraph: true } },
          plan: { select: { year: true } },
        },
      });
      if (!origin.closedAt || !origin.outcome) throw new DomainError("invalid", "the initiative is not closed", { form: "closeOut.notClosed" });
      if (origin.carriedTo) throw new AlreadyCarriedError();
      if (!CARRYABLE_OUTCOMES.includes(origin.outcome)) {
        throw new DomainError("invalid", "only unfinished initiatives are carried over", { form: "closeOut.notCarryable" });
      }
      const plan = await targetPlan(tx, origin, parsed.data.targetPlanId);
      const dueDate = parsed.data.dueDate ? new Date(`${parsed.data.dueDate}T00:00:00Z`) : defaultDueDate(plan.year);
      if (dueDate.getUTCFullYear() < plan.year) throw new DomainError("invalid", "the due date is before the plan", { dueDate: "dueDate.beforePlan" });
      // One addition per plan at a time: consecutive ordinals, codes never reused (archived included).
      await tx.$queryRaw`SELECT id FROM work_plans WHERE id = ${plan.id} FOR UPDATE`;
      const theme = await targetTheme(tx, plan, origin.theme);
      const last = await tx.initiative.findFirst({
        where: { planId: plan.id, themeId: theme?.id ?? null },
        orderBy: { ordinal: "desc" },
        select: { ordinal: true },
      });
      const ordinal = (last?.ordinal ?? 0) + 1;
      const code = initiativeCode(plan.department.code, plan.year, theme?.ordinal ?? null, ordinal);
      const carried = await tx.initiative.create({
        data: {
          planId: plan.id,
          themeId: theme?.id ?? null,
          departmentId: origin.departmentId,
          ordinal,
          code,
          title: origin.title,
          originalText: origin.originalText,
          sourceParagraph: origin.sourceParagraph,
          targetValue: origin.targetValue,
          targetUnit: origin.targetUnit,
          targetApproximate: origin.targetApproximate,
          dueDate,
          progress: 0,
          health: null,
          searchText: initiativeSearchText({ code, title: origin.title, originalText: origin.originalText }) || " ",
          carriedFromId: origin.id,
          cooperations: { create: origin.cooperations.map((c) => ({ departmentId: c.departmentId })) },
        },
        select: { id: true, code: true },
      });
      await lockAndRefreshRollups(tx, plan.id);
      await recordAudit(tx, {
        actorId: viewer.id,
        action: "initiative.carried_over",
        objectType: "Initiative",
        objectId: carried.id,
        after: {
          code: carried.code,
          carriedFrom: origin.code,
          carriedFromId: origin.id,
          outcome: origin.outcome,
          planId: plan.id,
          year: plan.year,
          themeId: theme?.id ?? null,
          dueDate: day(dueDate),
        },
        ip,
      });
      return { initiativeId: carried.id, code: carried.code, planId: plan.id, year: plan.year };
    });
  } catch (error) {
    // The unique carriedFromId: a second carry-over that got past the row lock (it cannot, but the
    // database has the last word).
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new AlreadyCarriedError();
    throw error;
  }
}
