import "server-only";
import { prisma } from "@workplan/db";
import { can, type Viewer } from "../../rules/policy";
import { idSchema } from "../get-initiative";
import { initiativeWhere } from "../scope";
import { type Tx } from "./model";

/** The department's plan of the year after, which a carry-over goes into by default (null: none yet). */
export async function nextPlanOf(db: Tx | typeof prisma, departmentId: string, year: number) {
  return db.workPlan.findUnique({
    where: { departmentId_year: { departmentId, year: year + 1 } },
    select: { id: true, year: true, status: true, departmentId: true, department: { select: { code: true } } },
  });
}

/** The initiative as the close-out sees it, in the viewer's scope (archived ones left out). */
export async function findForCloseOut(viewer: Viewer, idInput: unknown) {
  const id = idSchema.safeParse(idInput);
  if (!id.success) return null;
  const row = await prisma.initiative.findFirst({
    where: { AND: [{ id: id.data }, initiativeWhere(viewer)] },
    select: {
      id: true,
      code: true,
      title: true,
      departmentId: true,
      version: true,
      closedAt: true,
      outcome: true,
      plan: { select: { status: true } },
    },
  });
  if (!row || !can(viewer, "initiative.close", { departmentId: row.departmentId })) return null;
  return row;
}

/** Active staff of the lead and co-operating departments: who works on the initiative. */
export async function staffOf(tx: Tx, initiativeId: string): Promise<string[]> {
  const initiative = await tx.initiative.findUniqueOrThrow({
    where: { id: initiativeId },
    select: { departmentId: true, cooperations: { select: { departmentId: true } } },
  });
  const departmentIds = [initiative.departmentId, ...initiative.cooperations.map((c) => c.departmentId)];
  const rows = await tx.user.findMany({ where: { role: "STAFF", active: true, departmentId: { in: departmentIds } }, select: { id: true } });
  return rows.map((r) => r.id);
}
