import { prisma } from "@workplan/db";
import "server-only";
import type { Viewer } from "../../rules/policy";
import { authorisePlans } from "../admin-plans";
import { idSchema } from "../get-initiative";
import { editableSelect } from "./shared";

/** An initiative with what its edit form needs; archived ones too. */
export async function getAdminInitiative(actor: Viewer, idInput: unknown) {
  authorisePlans(actor);
  const id = idSchema.safeParse(idInput);
  if (!id.success) return null;
  const row = await prisma.initiative.findUnique({
    where: { id: id.data },
    select: {
      ...editableSelect,
      progress: true,
      health: true,
      version: true,
      theme: { select: { id: true, code: true, title: true, archivedAt: true } },
      plan: { select: { id: true, year: true, status: true, heading: true, department: { select: { id: true, code: true, nameZhHans: true, nameZhHant: true, nameEn: true } } } },
      _count: { select: { updates: true } },
    },
  });
  if (!row) return null;
  const { targetValue, targetUnit, targetApproximate, cooperations, _count, ...rest } = row;
  return {
    ...rest,
    target: targetValue === null ? null : { value: targetValue.toNumber(), unit: targetUnit ?? "", approximate: targetApproximate },
    cooperatingDepartmentIds: cooperations.map((c) => c.department.id),
    updateCount: _count.updates,
  };
}
