import { prisma, Prisma } from "@workplan/db";
import "server-only";
import { check, initiativeResource, type Viewer } from "../../rules/policy";
import { fieldErrors } from "../../rules/progress";
import { recordAudit } from "../audit";
import { DomainError } from "../errors";
import { idSchema } from "../get-initiative";
import { notify } from "../notify";
import { initiativeWhere } from "../scope";
import { AlreadyDecidedError, day, extensionDecisionSchema, type ExtensionContext } from "./shared";
import { safeParseText } from "../../rules/text-input";

/** Approve (the due date moves) or refuse (with a comment) a pending extension request, once. */
export async function decideExtension(viewer: Viewer, requestId: unknown, input: unknown, context: ExtensionContext = {}) {
  const id = idSchema.safeParse(requestId);
  if (!id.success) throw new DomainError("not_found", "no such request");
  const request = await prisma.extensionRequest.findFirst({
    where: { id: id.data, initiative: initiativeWhere(viewer) },
    select: {
      id: true,
      status: true,
      requesterId: true,
      requestedDueDate: true,
      initiative: { select: { id: true, code: true, title: true, departmentId: true, closedAt: true, archivedAt: true, plan: { select: { status: true } } } },
    },
  });
  const refusal = request ? check(viewer, "extension.decide", initiativeResource(request.initiative)) : "scope";
  if (!request || refusal === "role" || refusal === "scope") throw new DomainError("not_found", "no such request");
  const parsed = safeParseText(extensionDecisionSchema, input);
  if (!parsed.success) throw new DomainError("invalid", "the decision has problems", fieldErrors(parsed.error));
  if (request.status !== "PENDING") throw new AlreadyDecidedError();
  // A closed initiative's due date no longer matters (closing it refuses its pending request).
  if (refusal) throw new DomainError("invalid", "the initiative is closed", { form: "initiative.closed" });
  const { decision, comment } = parsed.data;
  const status = decision === "approve" ? ("APPROVED" as const) : ("REFUSED" as const);
  try {
    return await prisma.$transaction(async (tx) => {
      const changed = await tx.extensionRequest.updateMany({
        where: { id: request.id, status: "PENDING" },
        data: { status, deciderId: viewer.id, decisionComment: comment || null, decidedAt: context.now ?? new Date() },
      });
      if (changed.count === 0) throw new AlreadyDecidedError();
      const current = await tx.initiative.findUniqueOrThrow({
        where: { id: request.initiative.id },
        select: { dueDate: true, originalDueDate: true },
      });
      let after = current;
      if (decision === "approve") {
        after = await tx.initiative.update({
          where: { id: request.initiative.id },
          data: { dueDate: request.requestedDueDate, originalDueDate: current.originalDueDate ?? current.dueDate },
          select: { dueDate: true, originalDueDate: true },
        });
      }
      await recordAudit(tx, {
        actorId: viewer.id,
        action: decision === "approve" ? "extension.approved" : "extension.refused",
        objectType: "ExtensionRequest",
        objectId: request.id,
        before: { status: "PENDING", dueDate: day(current.dueDate) },
        after: { status, dueDate: day(after.dueDate), originalDueDate: after.originalDueDate ? day(after.originalDueDate) : null, comment: comment || null },
        ip: context.ip ?? null,
      });
      await notify(
        tx,
        [request.requesterId],
        "extension.decided",
        { code: request.initiative.code, title: request.initiative.title, decision, dueDate: day(after.dueDate), comment: comment || null },
        `/initiatives/${request.initiative.id}`,
      );
      return { status, dueDate: after.dueDate };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2034") throw new AlreadyDecidedError();
    throw error;
  }
}
