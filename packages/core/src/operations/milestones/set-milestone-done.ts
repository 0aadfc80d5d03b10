import { prisma } from "@workplan/db";
import "server-only";
import { check, initiativeResource, type Viewer } from "../../rules/policy";
import { recordAudit } from "../audit";
import { DomainError } from "../errors";
import { idSchema } from "../get-initiative";
import { initiativeForWrite } from "../log-progress";
import { initiativeWhere } from "../scope";
import { closed } from "./shared";

export async function setMilestoneDone(viewer: Viewer, milestoneId: unknown, done: unknown, context: { ip?: string | null } = {}) {
  const id = idSchema.safeParse(milestoneId);
  if (!id.success) throw new DomainError("not_found", "no such milestone");
  // Whatever a request sent: only true and false mean something (a number or NaN is not "done").
  if (typeof done !== "boolean") throw new DomainError("invalid", "done is true or false", { done: "done.invalid" });
  const milestone = await prisma.milestone.findFirst({
    where: { id: id.data, initiative: initiativeWhere(viewer) },
    select: { id: true, initiativeId: true },
  });
  if (!milestone) throw new DomainError("not_found", "no such milestone");
  const initiative = await initiativeForWrite(prisma, viewer, milestone.initiativeId);
  const refusal = initiative ? check(viewer, "milestone.manage", initiativeResource(initiative)) : "scope";
  if (!initiative || refusal === "role" || refusal === "scope") throw new DomainError("not_found", "no such milestone");
  if (refusal) throw closed();
  return prisma.$transaction(async (tx) => {
    // Only a change of state is written (and audited): marking a done milestone done again keeps the day it was done.
    const changed = await tx.milestone.updateMany({
      where: { id: milestone.id, doneAt: done ? null : { not: null } },
      data: { doneAt: done ? new Date() : null },
    });
    if (changed.count === 0) return;
    await recordAudit(tx, {
      actorId: viewer.id,
      action: done ? "milestone.done" : "milestone.reopened",
      objectType: "Milestone",
      objectId: milestone.id,
      before: { done: !done },
      after: { done },
      ip: context.ip ?? null,
    });
  });
}
