import "server-only";
import { prisma } from "@workplan/db";
import { type Viewer } from "../../rules/policy";
import { fieldErrors } from "../../rules/progress";
import { recordAudit } from "../audit";
import { DomainError } from "../errors";
import { notify } from "../notify";
import { findForCloseOut, staffOf } from "./access";
import { AlreadyClosedError, CLOSED_EXTENSION_COMMENT, type CloseOutContext, closeOutSchema } from "./model";
import { planNow } from "../../infra/plan-clock";
import { safeParseText } from "../../rules/text-input";

/**
 * Close an initiative with an outcome and a note (see the rules above). Two managers closing it at
 * the same moment: one wins, the other is told it is already closed.
 */
export async function closeInitiative(viewer: Viewer, input: unknown, context: CloseOutContext = {}) {
  const { initiativeId, ...rest } = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  const initiative = await findForCloseOut(viewer, initiativeId);
  if (!initiative) throw new DomainError("not_found", "no such initiative");
  const parsed = safeParseText(closeOutSchema, rest);
  const fields: Record<string, string> = parsed.success ? {} : fieldErrors(parsed.error);
  if (initiative.closedAt) throw new AlreadyClosedError();
  if (initiative.plan.status === "CLOSED") fields.form ??= "closeOut.planClosed";
  if (!parsed.success || Object.keys(fields).length > 0) throw new DomainError("invalid", "the close-out has problems", fields);
  const { outcome, note, baseVersion } = parsed.data;
  const now = context.now ?? planNow();
  return prisma.$transaction(async (tx) => {
    // The guard is the write itself: only an open initiative (at the version read, when given) is closed.
    const changed = await tx.initiative.updateMany({
      where: { id: initiative.id, closedAt: null, archivedAt: null, ...(baseVersion === undefined ? {} : { version: baseVersion }) },
      data: { closedAt: now, outcome, closingNote: note, closedById: viewer.id, version: { increment: 1 } },
    });
    if (changed.count === 0) {
      const current = await tx.initiative.findUnique({ where: { id: initiative.id }, select: { closedAt: true, archivedAt: true } });
      if (!current || current.archivedAt) throw new DomainError("not_found", "no such initiative");
      if (current.closedAt) throw new AlreadyClosedError();
      throw new DomainError("conflict", "the initiative changed since it was read", { form: "closeOut.stale" });
    }
    const after = await tx.initiative.findUniqueOrThrow({ where: { id: initiative.id }, select: { version: true, progress: true, health: true } });
    // Its due date no longer matters: a pending extension request is ended, not left pending for
    // ever (it could no longer be decided). A request made meanwhile waits for the row lock above
    // and then finds the initiative closed.
    const pending = await tx.extensionRequest.findMany({ where: { initiativeId: initiative.id, status: "PENDING" }, select: { id: true } });
    const closedExtensionRequests = pending.map((r) => r.id);
    if (closedExtensionRequests.length > 0) {
      await tx.extensionRequest.updateMany({
        where: { id: { in: closedExtensionRequests }, status: "PENDING" },
        data: { status: "REFUSED", decisionComment: CLOSED_EXTENSION_COMMENT, deciderId: viewer.id, decidedAt: now },
      });
    }
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "initiative.closed",
      objectType: "Initiative",
      objectId: initiative.id,
      before: { code: initiative.code, closedAt: null, outcome: null, closingNote: null, version: after.version - 1 },
      after: {
        code: initiative.code,
        closedAt: now.toISOString(),
        outcome,
        closingNote: note,
        closedById: viewer.id,
        version: after.version,
        progress: after.progress,
        health: after.health,
        closedExtensionRequests,
      },
      ip: context.ip ?? null,
    });
    const staff = (await staffOf(tx, initiative.id)).filter((id) => id !== viewer.id);
    await notify(tx, staff, "initiative.closed", { code: initiative.code, title: initiative.title, outcome }, `/initiatives/${initiative.id}`);
    return { initiativeId: initiative.id, outcome, closedAt: now, version: after.version };
  });
}
