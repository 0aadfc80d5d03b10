import { prisma } from "@workplan/db";
import "server-only";
import type { Viewer } from "../../rules/policy";
import { departmentSelect, requireAdmin } from "../user-admin";

/** The departments a user may be assigned to (not archived), by code. */
export async function listAssignableDepartments(actor: Viewer) {
  requireAdmin(actor);
  return prisma.department.findMany({ where: { archivedAt: null }, orderBy: { code: "asc" }, select: departmentSelect });
}
