import { prisma } from "@workplan/db";
import "server-only";
import { check, initiativeResource, type Viewer } from "../../rules/policy";
import { fieldErrors } from "../../rules/progress";
import { recordAudit } from "../audit";
import { DomainError } from "../errors";
import { initiativeForWrite } from "../log-progress";
import { closed, milestoneSchema } from "./shared";
import { safeParseText } from "../../rules/text-input";

export async function addMilestone(viewer: Viewer, initiativeId: unknown, input: unknown, context: { ip?: string | null } = {}) {
  const initiative = await initiativeForWrite(prisma, viewer, initiativeId);
  const refusal = initiative ? check(viewer, "milestone.manage", initiativeResource(initiative)) : "scope";
  if (!initiative || refusal === "role" || refusal === "scope") throw new DomainError("not_found", "no such initiative");
  const parsed = safeParseText(milestoneSchema, input);
  if (!parsed.success) throw new DomainError("invalid", "the milestone has problems", fieldErrors(parsed.error));
  if (refusal) throw closed();
  return prisma.$transaction(async (tx) => {
    const milestone = await tx.milestone.create({
      data: { initiativeId: initiative.id, title: parsed.data.title, dueDate: new Date(`${parsed.data.dueDate}T00:00:00Z`), createdById: viewer.id },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "milestone.created",
      objectType: "Milestone",
      objectId: milestone.id,
      after: { initiativeId: initiative.id, ...parsed.data },
      ip: context.ip ?? null,
    });
    return milestone;
  });
}
