import { prisma } from "@workplan/db";
import "server-only";
import { type Viewer } from "../../rules/policy";
import { recordAudit } from "../audit";
import { DomainError } from "../errors";
import { type AdminContext, authorise, isUniqueViolation, parseDepartment, snapshot } from "./shared";

export async function createDepartment(actor: Viewer, input: unknown, context: AdminContext = {}) {
  authorise(actor);
  const data = parseDepartment(input);
  try {
    return await prisma.$transaction(async (tx) => {
      const taken = await tx.department.findUnique({ where: { code: data.code }, select: { id: true } });
      if (taken) throw new DomainError("conflict", "department code in use", { code: "code.taken" });
      const created = await tx.department.create({ data, select: { id: true } });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "department.created",
        objectType: "Department",
        objectId: created.id,
        after: snapshot(data),
        ip: context.ip ?? null,
      });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError("conflict", "department code in use", { code: "code.taken" });
    throw error;
  }
}
