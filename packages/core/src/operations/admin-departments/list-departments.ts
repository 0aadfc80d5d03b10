import { prisma } from "@workplan/db";
import "server-only";
import { type Viewer } from "../../rules/policy";
import { authorise, departmentFields, isDeletable } from "./shared";

/** Every department, archived ones last, with what refers to it (what decides archive or delete). */
export async function listDepartments(actor: Viewer) {
  authorise(actor);
  const rows = await prisma.department.findMany({
    orderBy: [{ archivedAt: { sort: "asc", nulls: "first" } }, { code: "asc" }],
    select: {
      ...departmentFields,
      _count: { select: { users: true, initiatives: true, plans: true, cooperations: true, updates: true } },
    },
  });
  return rows.map(({ _count, ...d }) => ({ ...d, counts: _count, deletable: isDeletable(_count) }));
}
