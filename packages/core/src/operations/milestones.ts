import "server-only";
import { prisma } from "@workplan/db";
import { z } from "zod";
import { check, initiativeResource, type Viewer } from "../rules/policy";
import { fieldErrors } from "../rules/progress";
import { recordAudit } from "./audit";
import { DomainError } from "./errors";
import { idSchema } from "./get-initiative";
import { initiativeForWrite } from "./log-progress";
import { initiativeWhere } from "./scope";
import { parseIsoDay } from "../rules/dates";

/** A real day: Date.parse would take 2018-02-30 as 2 March. */
const isCalendarDate = (text: string): boolean => parseIsoDay(text, { minYear: 1900 }) !== null;

const milestoneSchema = z
  .object({
    title: z.string({ error: "title.required" }).trim().min(1, "title.required").max(200, "title.tooLong"),
    dueDate: z.string({ error: "dueDate.format" }).trim().regex(/^\d{4}-\d{2}-\d{2}$/, "dueDate.format").refine(isCalendarDate, "dueDate.invalid"),
  })
  .strict();

export async function addMilestone(viewer: Viewer, initiativeId: unknown, input: unknown, context: { ip?: string | null } = {}) {
  const initiative = await initiativeForWrite(prisma, viewer, initiativeId);
  const refusal = initiative ? check(viewer, "milestone.manage", initiativeResource(initiative)) : "scope";
  if (!initiative || refusal === "role" || refusal === "scope") throw new DomainError("not_found", "no such initiative");
  const parsed = milestoneSchema.safeParse(input);
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

export async function setMilestoneDone(viewer: Viewer, milestoneId: unknown, done: boolean, context: { ip?: string | null } = {}) {
  const id = idSchema.safeParse(milestoneId);
  if (!id.success) throw new DomainError("not_found", "no such milestone");
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

/** The prior year's record and closed or archived initiatives are read-only, milestones included. */
function closed(): DomainError {
  return new DomainError("invalid", "the initiative is closed", { form: "initiative.closed" });
}
