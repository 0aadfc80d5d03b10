import { prisma } from "@workplan/db";
import "server-only";
import { type Viewer } from "../../rules/policy";
import { idSchema } from "../get-initiative";
import { authorise, departmentFields, isDeletable } from "./shared";

export async function getDepartment(actor: Viewer, idInput: unknown) {
  authorise(actor);
  const id = idSchema.safeParse(idInput);
  if (!id.success) return null;
  const row = await prisma.department.findUnique({
    where: { id: id.data },
    select: {
      ...departmentFields,
      _count: { select: { users: true, initiatives: true, plans: true, cooperations: true, updates: true } },
    },
  });
  if (!row) return null;
  const { _count, ...d } = row;
  return { ...d, counts: _count, deletable: isDeletable(_count) };
}
