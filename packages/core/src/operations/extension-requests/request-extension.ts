import { prisma } from "@workplan/db";
import "server-only";
import { check, initiativeResource, type Viewer } from "../../rules/policy";
import { fieldErrors } from "../../rules/progress";
import { recordAudit } from "../audit";
import { DomainError } from "../errors";
import { idSchema } from "../get-initiative";
import { notify, reviewersOf } from "../notify";
import { initiativeWhere } from "../scope";
import { day, extensionRequestSchema, parseDate, type ExtensionContext } from "./shared";
import { planNow } from "../../infra/plan-clock";
import { safeParseText } from "../../rules/text-input";

/** Ask for a later due date for an initiative (see the rules above). */
export async function requestExtension(viewer: Viewer, initiativeId: unknown, input: unknown, context: ExtensionContext = {}) {
  const now = context.now ?? planNow();
  const id = idSchema.safeParse(initiativeId);
  if (!id.success) throw new DomainError("not_found", "no such initiative");
  const initiative = await prisma.initiative.findFirst({
    where: { AND: [{ id: id.data }, initiativeWhere(viewer)] },
    select: {
      id: true,
      code: true,
      title: true,
      departmentId: true,
      dueDate: true,
      closedAt: true,
      archivedAt: true,
      plan: { select: { status: true } },
      cooperations: { select: { departmentId: true } },
    },
  });
  const refusal = initiative
    ? check(viewer, "extension.request", initiativeResource({ ...initiative, cooperatingDepartmentIds: initiative.cooperations.map((c) => c.departmentId) }))
    : "scope";
  if (!initiative || refusal === "role" || refusal === "scope") throw new DomainError("not_found", "no such initiative");
  const parsed = safeParseText(extensionRequestSchema, input);
  const fields: Record<string, string> = parsed.success ? {} : fieldErrors(parsed.error);
  if (refusal) fields.form = "initiative.closed";
  // Before the due date: on the due day itself a request is still in time.
  else if (day(now) > day(initiative.dueDate)) fields.form = "extension.pastDue";
  const requested = parsed.success ? parseDate(parsed.data.requestedDueDate) : null;
  if (requested && requested.getTime() <= initiative.dueDate.getTime()) fields.requestedDueDate ??= "requestedDueDate.notLater";
  if (!parsed.success || !requested || Object.keys(fields).length > 0) {
    throw new DomainError("invalid", "the extension request has problems", fields);
  }
  const reason = parsed.data.reason;
  return prisma.$transaction(
    async (tx) => {
      // One pending request per initiative: serialise requesters on the initiative's row.
      await tx.$queryRaw`SELECT id FROM initiatives WHERE id = ${initiative.id} FOR UPDATE`;
      // Closed meanwhile: the close-out ended the pending requests, and takes no new one.
      const current = await tx.initiative.findUniqueOrThrow({ where: { id: initiative.id }, select: { closedAt: true } });
      if (current.closedAt) throw new DomainError("invalid", "the initiative is closed", { form: "initiative.closed" });
      const pending = await tx.extensionRequest.findFirst({ where: { initiativeId: initiative.id, status: "PENDING" }, select: { id: true } });
      if (pending) throw new DomainError("conflict", "a request is already pending", { form: "extension.pending" });
      const request = await tx.extensionRequest.create({
        data: { initiativeId: initiative.id, requesterId: viewer.id, currentDueDate: initiative.dueDate, requestedDueDate: requested, reason },
        select: { id: true },
      });
      await recordAudit(tx, {
        actorId: viewer.id,
        action: "extension.requested",
        objectType: "ExtensionRequest",
        objectId: request.id,
        after: { initiativeId: initiative.id, code: initiative.code, currentDueDate: day(initiative.dueDate), requestedDueDate: day(requested), reason },
        ip: context.ip ?? null,
      });
      const reviewers = (await reviewersOf(tx, initiative.departmentId)).filter((u) => u !== viewer.id);
      await notify(
        tx,
        reviewers,
        "extension.requested",
        { code: initiative.code, title: initiative.title, requestedDueDate: day(requested) },
        `/initiatives/${initiative.id}`,
      );
      return { requestId: request.id };
    },
  );
}
