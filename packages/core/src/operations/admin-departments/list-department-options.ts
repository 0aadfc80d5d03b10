import { prisma } from "@workplan/db";
import "server-only";
import { can, type Viewer } from "../../rules/policy";
import { DomainError } from "../errors";

/** Departments that take new work (pickers for plans, leads, co-operations): archived ones left out. */
export async function listDepartmentOptions(actor: Viewer) {
  if (!can(actor, "admin.plans") && !can(actor, "admin.departments") && !can(actor, "admin.users")) {
    throw new DomainError("forbidden", "only admins pick departments");
  }
  return prisma.department.findMany({
    where: { archivedAt: null },
    orderBy: { code: "asc" },
    select: { id: true, code: true, nameZhHans: true, nameZhHant: true, nameEn: true },
  });
}
