import { prisma, Prisma } from "@workplan/db";
import "server-only";
import { type Viewer } from "../../rules/policy";
import { recordAudit } from "../audit";
import { DomainError } from "../errors";
import { idSchema } from "../get-initiative";
import { type AdminContext, authorise, departmentFields, isDeletable, snapshot } from "./shared";

/**
 * Delete a department nothing refers to (its empty plans and themes go with it). One with users,
 * initiatives, co-operations or reports is refused: archive it instead.
 */
export async function deleteDepartment(actor: Viewer, idInput: unknown, context: AdminContext = {}) {
  authorise(actor);
  const id = idSchema.safeParse(idInput);
  if (!id.success) throw new DomainError("not_found", "no such department");
  try {
    return await prisma.$transaction(async (tx) => {
      // Lock the row: a user or an initiative added meanwhile waits for this, or this for it.
      await tx.$queryRaw`SELECT id FROM departments WHERE id = ${id.data} FOR UPDATE`;
      const before = await tx.department.findUnique({
        where: { id: id.data },
        select: {
          ...departmentFields,
          plans: { select: { id: true, year: true } },
          _count: { select: { users: true, initiatives: true, cooperations: true, updates: true } },
        },
      });
      if (!before) throw new DomainError("not_found", "no such department");
      if (!isDeletable(before._count)) {
        throw new DomainError("conflict", "the department is in use: archive it instead", { form: "department.inUse" });
      }
      await tx.workPlan.deleteMany({ where: { departmentId: before.id } });
      await tx.department.delete({ where: { id: before.id } });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "department.deleted",
        objectType: "Department",
        objectId: before.id,
        before: { ...snapshot(before), emptyPlans: before.plans.map((p) => p.year) },
        ip: context.ip ?? null,
      });
      return { id: before.id };
    });
  } catch (error) {
    // A row that came to refer to it between the check and the delete.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2003") {
      throw new DomainError("conflict", "the department is in use: archive it instead", { form: "department.inUse" });
    }
    throw error;
  }
}
