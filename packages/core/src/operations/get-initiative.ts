import "server-only";
import { prisma } from "@workplan/db";
import { z } from "zod";
import type { Health } from "../rules/health";
import { initiativeCapabilities, initiativeResource, updateCapabilities, type Viewer } from "../rules/policy";
import { decodeCursor, encodeCursor } from "./list-query";
import { initiativeRecordWhere } from "./scope";

// Ids are cuids; anything else cannot exist and is answered like a missing row.
export const idSchema = z.string().regex(/^[a-z0-9]{20,40}$/);

/**
 * An initiative with its plan, theme and history, or null when it does not exist for this viewer.
 * An archived initiative is still found by its id (its page keeps its history, read-only, marked
 * archived); lists and roll-ups leave it out.
 */
export async function getInitiative(viewer: Viewer, idInput: unknown, options: { before?: string; limit?: number } = {}) {
  const id = idSchema.safeParse(idInput);
  if (!id.success) return null;
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 100);
  // The timeline is read a page at a time, newest first: `before` is the cursor of the last report
  // shown (its created_at and id); a cursor this page did not give reads as the first page.
  const before = options.before ? readTimelineCursor(options.before) : null;
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
      outcome: true,
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
        where: before ? { OR: [{ createdAt: { lt: before.createdAt } }, { createdAt: before.createdAt, id: { lt: before.id } }] } : {},
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: limit + 1,
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
  const { targetValue, targetUnit, targetApproximate, measuredValue, cooperations, updates: fetched, ...rest } = row;
  const updates = fetched.slice(0, limit);
  const oldest = updates.at(-1);
  const [updatesTotal, olderByDepartment] = await Promise.all([
    prisma.progressUpdate.count({ where: { initiativeId: row.id } }),
    // What each department reported before the oldest report shown: the timeline says what a
    // report changed against the same department's previous one, which may be on an earlier page.
    oldest && fetched.length > limit
      ? prisma.$queryRaw<{ department_id: string; progress: number; health: Health }[]>`
          SELECT DISTINCT ON (department_id) department_id, progress, health::text AS health
          FROM progress_updates
          WHERE initiative_id = ${row.id} AND (created_at, id) < (${oldest.createdAt}, ${oldest.id})
          ORDER BY department_id, created_at DESC, id DESC`
      : Promise.resolve([]),
  ]);
  const resource = initiativeResource({
    departmentId: row.department.id,
    cooperatingDepartmentIds: cooperations.map((c) => c.department.id),
    closedAt: row.closedAt,
    archivedAt: row.archivedAt,
    plan: row.plan,
  });
  return {
    ...rest,
    /** What the viewer may do with it (rules/policy.ts): the page's forms and buttons follow these. */
    capabilities: initiativeCapabilities(viewer, resource),
    target: targetValue === null ? null : { value: targetValue.toNumber(), unit: targetUnit ?? "", approximate: targetApproximate },
    measuredValue: measuredValue?.toNumber() ?? null,
    cooperatingDepartments: cooperations.map((c) => c.department),
    milestonesDone: rest.milestones.filter((m) => m.doneAt !== null).length,
    updates: updates.map((u) => ({
      ...u,
      measuredValue: u.measuredValue?.toNumber() ?? null,
      capabilities: updateCapabilities(viewer, { departmentId: u.department.id, authorId: u.author.id, status: u.status, archived: resource.archived }),
    })),
    /** Reports on the initiative in all (every page of the timeline). */
    updatesTotal,
    /** The cursor of the next (older) page of the timeline, or null on the last. */
    updatesNext: fetched.length > limit && oldest ? encodeCursor([oldest.createdAt.toISOString(), oldest.id]) : null,
    /** The same department's report just before this page, per department (for "what changed"). */
    olderByDepartment: Object.fromEntries(olderByDepartment.map((o) => [o.department_id, { progress: o.progress, health: o.health }])),
  };
}

const timelineCursor = z.tuple([z.string().datetime(), z.string().min(1).max(40)]);

function readTimelineCursor(cursor: string): { createdAt: Date; id: string } | null {
  try {
    const [createdAt, id] = decodeCursor(cursor, timelineCursor);
    return { createdAt: new Date(createdAt), id };
  } catch {
    return null;
  }
}

export type InitiativeDetail = NonNullable<Awaited<ReturnType<typeof getInitiative>>>;
