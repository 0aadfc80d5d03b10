import { prisma } from "@workplan/db";
import "server-only";
import { type Viewer } from "../../rules/policy";
import { recordAudit } from "../audit";
import { DomainError } from "../errors";
import { idSchema } from "../get-initiative";
import { type AdminContext, authorise, departmentFields, snapshot } from "./shared";

/** Archive (or restore) a department: it leaves the pickers for new work; its plans and history stay. */
export async function setDepartmentArchived(actor: Viewer, idInput: unknown, archived: unknown, context: AdminContext = {}) {
  // Whatever a request sent: only true and false mean something.
  if (typeof archived !== "boolean") throw new DomainError("invalid", "archived is true or false", { archived: "archived.invalid" });
  authorise(actor);
  const id = idSchema.safeParse(idInput);
  if (!id.success) throw new DomainError("not_found", "no such department");
  return prisma.$transaction(async (tx) => {
    const before = await tx.department.findUnique({ where: { id: id.data }, select: departmentFields });
    if (!before) throw new DomainError("not_found", "no such department");
    if ((before.archivedAt !== null) === archived) return { id: before.id, changed: false };
    const after = await tx.department.update({
      where: { id: before.id },
      data: { archivedAt: archived ? new Date() : null },
      select: departmentFields,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: archived ? "department.archived" : "department.restored",
      objectType: "Department",
      objectId: before.id,
      before: snapshot(before),
      after: snapshot(after),
      ip: context.ip ?? null,
    });
    return { id: before.id, changed: true };
  });
}
