import "server-only";
import { prisma } from "@workplan/db";
import { type Viewer } from "../../rules/policy";
import { recordAudit } from "../audit";
import { DomainError } from "../errors";
import { findForCloseOut } from "./access";
import { AlreadyCarriedError, type CloseOutContext } from "./model";

/**
 * Undo a mistaken close: the initiative is open again and takes reports. Not once it has been
 * carried over (the continuation exists), nor on a closed plan.
 */
export async function reopenInitiative(viewer: Viewer, initiativeId: unknown, context: CloseOutContext = {}) {
  const initiative = await findForCloseOut(viewer, initiativeId);
  if (!initiative) throw new DomainError("not_found", "no such initiative");
  if (initiative.plan.status === "CLOSED") throw new DomainError("invalid", "the plan is closed", { form: "closeOut.planClosed" });
  return prisma.$transaction(async (tx) => {
    // Serialised with a carry-over of the same initiative on its row.
    await tx.$queryRaw`SELECT id FROM initiatives WHERE id = ${initiative.id} FOR UPDATE`;
    const before = await tx.initiative.findUniqueOrThrow({
      where: { id: initiative.id },
      select: { closedAt: true, outcome: true, closingNote: true, closedById: true, version: true, carriedTo: { select: { id: true } } },
    });
    if (!before.closedAt) throw new DomainError("conflict", "the initiative is not closed", { form: "closeOut.notClosed" });
    if (before.carriedTo) throw new AlreadyCarriedError();
    const after = await tx.initiative.update({
      where: { id: initiative.id },
      data: { closedAt: null, outcome: null, closingNote: null, closedById: null, version: { increment: 1 } },
      select: { version: true },
    });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "initiative.reopened",
      objectType: "Initiative",
      objectId: initiative.id,
      before: {
        code: initiative.code,
        closedAt: before.closedAt.toISOString(),
        outcome: before.outcome,
        closingNote: before.closingNote,
        closedById: before.closedById,
        version: before.version,
      },
      after: { code: initiative.code, closedAt: null, outcome: null, closingNote: null, version: after.version },
      ip: context.ip ?? null,
    });
    return { initiativeId: initiative.id, version: after.version };
  });
}
