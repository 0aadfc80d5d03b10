import "server-only";
import { prisma } from "@workplan/db";
import type { Viewer } from "../../rules/policy";
import { idSchema } from "../get-initiative";
import { initiativeRecordWhere } from "../scope";
import { nextPlanOf } from "./access";
import { CARRYABLE_OUTCOMES } from "./model";

/**
 * What the initiative's page shows of the close-out: outcome, note, who closed it and when, the
 * links to the initiative it was carried from and the one that carries it on (when visible), and,
 * while it can still be carried over, the next year's plan it would go into (null: none yet).
 */
export async function getCloseOut(viewer: Viewer, idInput: unknown) {
  const id = idSchema.safeParse(idInput);
  if (!id.success) return null;
  const row = await prisma.initiative.findFirst({
    where: { AND: [{ id: id.data }, initiativeRecordWhere(viewer)] },
    select: {
      closedAt: true,
      outcome: true,
      closingNote: true,
      closedById: true,
      carriedFromId: true,
      carriedTo: { select: { id: true } },
      departmentId: true,
      plan: { select: { year: true } },
    },
  });
  if (!row) return null;
  const carryable = row.closedAt !== null && row.outcome !== null && CARRYABLE_OUTCOMES.includes(row.outcome) && row.carriedTo === null;
  const linked = { id: true, code: true, title: true, archivedAt: true, plan: { select: { year: true } } } as const;
  const [closedBy, carriedFrom, carriedTo, nextPlan] = await Promise.all([
    row.closedById ? prisma.user.findUnique({ where: { id: row.closedById }, select: { name: true } }) : null,
    row.carriedFromId
      ? prisma.initiative.findFirst({ where: { AND: [{ id: row.carriedFromId }, initiativeRecordWhere(viewer)] }, select: linked })
      : null,
    row.carriedTo
      ? prisma.initiative.findFirst({ where: { AND: [{ id: row.carriedTo.id }, initiativeRecordWhere(viewer)] }, select: linked })
      : null,
    carryable ? nextPlanOf(prisma, row.departmentId, row.plan.year) : null,
  ]);
  return {
    closedAt: row.closedAt,
    outcome: row.outcome,
    closingNote: row.closingNote,
    closedBy: closedBy?.name ?? null,
    carriedFrom,
    carriedTo,
    /** Carried over already, even when the continuation is outside the viewer's scope. */
    hasCarriedTo: row.carriedTo !== null,
    /**
     * Only while it can be carried over: the year it would go into, and whether that year's plan
     * exists and is active (without one, the carry-over is refused until an admin makes it).
     */
    nextPlan: carryable ? { year: row.plan.year + 1, status: nextPlan?.status ?? null } : null,
  };
}

export type CloseOutView = NonNullable<Awaited<ReturnType<typeof getCloseOut>>>;
