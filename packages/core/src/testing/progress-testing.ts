// Shared by the progress-reporting integration tests (log-progress, edit-update, milestones).
// All integration test files of a run share one database: what these tests change on the seeded
// plan (headline progress, versions, roll-ups, co-operations, milestones) is put back afterwards,
// so that no other file sees it.
import { prisma } from "@workplan/db";
import type { Viewer } from "../rules/policy";
import { createUser } from "../operations/create-user";
import { DomainError } from "../operations/errors";

export async function viewer(email: string): Promise<Viewer> {
  return prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true, role: true, departmentId: true } });
}

let userCount = 0;
/** A user of its own, so that no test shares idempotency keys or authorship with another. */
export async function newUser(prefix: string, role: "STAFF" | "MANAGER", departmentCode: string): Promise<Viewer> {
  userCount += 1;
  const email = `${prefix}.${departmentCode.toLowerCase()}.${userCount}.${Date.now().toString(36)}@test.local`;
  await createUser(null, { email, name: `${prefix} ${userCount}`, role, departmentCode });
  return viewer(email);
}

/** The DomainError a call is refused with (any other outcome fails the test). */
export async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a refusal, but the call succeeded");
}

/**
 * Remember the progress state of every initiative, plan and theme, and which updates, milestones
 * and co-operations exist; the function returned puts it all back. Audit events and users stay.
 */
export async function snapshotProgressState(): Promise<() => Promise<void>> {
  const [initiatives, plans, themes, updates, milestones, cooperations] = await Promise.all([
    prisma.initiative.findMany({
      select: { id: true, progress: true, health: true, measuredValue: true, lastUpdateAt: true, closedAt: true, version: true },
    }),
    prisma.workPlan.findMany({ select: { id: true, progress: true, initiativeCount: true } }),
    prisma.theme.findMany({ select: { id: true, progress: true, initiativeCount: true } }),
    prisma.progressUpdate.findMany({ select: { id: true } }),
    prisma.milestone.findMany({ select: { id: true } }),
    prisma.initiativeCooperation.findMany({ select: { initiativeId: true, departmentId: true } }),
  ]);
  return async () => {
    await prisma.$transaction(async (tx) => {
      await tx.progressUpdate.deleteMany({ where: { id: { notIn: updates.map((u) => u.id) } } });
      await tx.milestone.deleteMany({ where: { id: { notIn: milestones.map((m) => m.id) } } });
      const keep = new Set(cooperations.map((c) => `${c.initiativeId}/${c.departmentId}`));
      for (const c of await tx.initiativeCooperation.findMany()) {
        if (!keep.has(`${c.initiativeId}/${c.departmentId}`)) {
          await tx.initiativeCooperation.delete({ where: { initiativeId_departmentId: c } });
        }
      }
      for (const { id, ...data } of initiatives) await tx.initiative.update({ where: { id }, data });
      for (const { id, ...data } of plans) await tx.workPlan.update({ where: { id }, data });
      for (const { id, ...data } of themes) await tx.theme.update({ where: { id }, data });
    });
  };
}
