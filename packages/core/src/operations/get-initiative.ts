import "server-only";
import { prisma } from "@workplan/db";
import { z } from "zod";
import type { Viewer } from "../rules/policy";
import { initiativeRecordWhere } from "./scope";

// Ids are cuids; anything else cannot exist and is answered like a missing row.
export const idSchema = z.string().regex(/^[a-z0-9]{20,40}$/);

/**
 * An initiative with its plan, theme and history, or null when it does not exist for this viewer.
 * An archived initiative is still found by its id (its page keeps its history, read-only, marked
 * archived); lists and roll-ups leave it out.
 */
export async function getInitiative(viewer: Viewer, idInput: unknown) {
  const id = idSchema.safeParse(idInput);
  if (!id.success) return null;
  const row = await prisma.initiative.findFirst({
    where: { AND: [{ id: id.data }, initiativeRecordWhere(viewer)] },
    select: {
      id: true,
      code: true,
      title: true,
      originalText: true,
      sourceParagraph: true,
      targetValue: true,
      targetUnit: true,
      targetApproximate: true,
      dueDate: true,
      originalDueDate: true,
      progress: true,
      health: true,
      lastUpdateAt: true,
      measuredValue: true,
      closedAt: true,
      archivedAt: true,
      version: true,
      plan: { select: { id: true, year: true, heading: true, status: true } },
      cooperations: { select: { department: { select: { id: true, code: true, nameZhHans: true, nameZhHant: true, nameEn: true } } } },
      milestones: { orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }], select: { id: true, title: true, dueDate: true, doneAt: true } },
      theme: { select: { id: true, code: true, title: true } },
      extensionRequests: {
        orderBy: { createdAt: "desc" },
        take: 50,
        select: {
          id: true,
          currentDueDate: true,
          requestedDueDate: true,
          reason: true,
          status: true,
          decisionComment: true,
          decidedAt: true,
          createdAt: true,
          requester: { select: { id: true, name: true } },
          decider: { select: { name: true } },
        },
      },
      department: { select: { id: true, code: true, nameZhHans: true, nameZhHant: true, nameEn: true } },
      updates: {
        orderBy: { createdAt: "desc" },
        take: 50,
        select: {
          id: true,
          period: true,
          progress: true,
          health: true,
          healthSuggested: true,
          healthReason: true,
          measuredValue: true,
          workDone: true,
          problems: true,
          nextSteps: true,
          status: true,
          version: true,
          revisionOfId: true,
          revision: { select: { id: true } },
          review: { select: { decision: true, comment: true, createdAt: true, reviewer: { select: { name: true } } } },
          createdAt: true,
          updatedAt: true,
          author: { select: { id: true, name: true } },
          department: { select: { id: true, code: true, nameZhHans: true, nameZhHant: true, nameEn: true } },
          evidence: { orderBy: { createdAt: "asc" }, select: { id: true, kind: true, url: true, fileName: true, mimeType: true, size: true } },
        },
      },
    },
  });
  if (!row) return null;
  const { targetValue, targetUnit, targetApproximate, measuredValue, cooperations, updates, ...rest } = row;
  return {
    ...rest,
    target: targetValue === null ? null : { value: targetValue.toNumber(), unit: targetUnit ?? "", approximate: targetApproximate },
    measuredValue: measuredValue?.toNumber() ?? null,
    cooperatingDepartments: cooperations.map((c) => c.department),
    milestonesDone: rest.milestones.filter((m) => m.doneAt !== null).length,
    updates: updates.map((u) => ({ ...u, measuredValue: u.measuredValue?.toNumber() ?? null })),
  };
}

export type InitiativeDetail = NonNullable<Awaited<ReturnType<typeof getInitiative>>>;
