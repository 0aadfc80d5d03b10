import { prisma } from "@workplan/db";
import "server-only";
import { type Viewer } from "../../rules/policy";
import { recordAudit } from "../audit";
import { DomainError } from "../errors";
import { idSchema } from "../get-initiative";
import { type AdminContext, authorise, departmentFields, isUniqueViolation, parseDepartment, snapshot } from "./shared";

/**
 * Rename a department and set its short code. Codes already given to its plans, themes and
 * initiatives stay as they are (people cite them); new ones use the new code.
 */
export async function updateDepartment(actor: Viewer, idInput: unknown, input: unknown, context: AdminContext = {}) {
  authorise(actor);
  const id = idSchema.safeParse(idInput);
  if (!id.success) throw new DomainError("not_found", "no such department");
  const data = parseDepartment(input);
  try {
    return await prisma.$transaction(async (tx) => {
      const before = await tx.department.findUnique({ where: { id: id.data }, select: departmentFields });
      if (!before) throw new DomainError("not_found", "no such department");
      if (data.code !== before.code) {
        const taken = await tx.department.findUnique({ where: { code: data.code }, select: { id: true } });
        if (taken) throw new DomainError("conflict", "department code in use", { code: "code.taken" });
      }
      const after = await tx.department.update({ where: { id: before.id }, data, select: departmentFields });
      const changed = JSON.stringify(snapshot(before)) !== JSON.stringify(snapshot(after));
      if (changed) {
        await recordAudit(tx, {
          actorId: actor.id,
          action: "department.updated",
          objectType: "Department",
          objectId: before.id,
          before: snapshot(before),
          after: snapshot(after),
          ip: context.ip ?? null,
        });
      }
      return { id: before.id, changed };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError("conflict", "department code in use", { code: "code.taken" });
    throw error;
  }
}
