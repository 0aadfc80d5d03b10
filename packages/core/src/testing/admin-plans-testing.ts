// Shared by the department and plan administration integration tests. Every test makes departments
// of its own (unique codes) and removes them, with their plans, afterwards, so that no other file
// of the run sees them (the seed's tests expect the source's two departments).
import { randomBytes } from "node:crypto";
import { prisma } from "@workplan/db";
import type { Viewer } from "../rules/policy";
import { viewer } from "./progress-testing";

export async function admin(): Promise<Viewer> {
  return viewer("admin@demo.local");
}

/** A department code no other test uses: `T3F9A1C` (matches ^[A-Z][A-Z0-9]{1,11}$). */
export function uniqueCode(prefix = "T"): string {
  return `${prefix}${randomBytes(4).toString("hex").toUpperCase()}`.slice(0, 12);
}

export function departmentInput(code: string, label = code) {
  return { code, nameZhHans: `测试司${label}`, nameZhHant: `測試司${label}`, nameEn: `Test Department ${label}` };
}

/**
 * Remove departments made by a test, with their plans (themes, initiatives and their reports go
 * with them) and the users in them (ones that never acted: an acting user's audit events keep it).
 */
export async function removeDepartments(codes: readonly string[]): Promise<void> {
  const departments = await prisma.department.findMany({ where: { code: { in: [...codes] } }, select: { id: true } });
  const ids = departments.map((d) => d.id);
  if (ids.length === 0) return;
  await prisma.$transaction(async (tx) => {
    await tx.workPlan.deleteMany({ where: { departmentId: { in: ids } } });
    await tx.initiative.deleteMany({ where: { departmentId: { in: ids } } });
    await tx.initiativeCooperation.deleteMany({ where: { departmentId: { in: ids } } });
    await tx.user.deleteMany({ where: { departmentId: { in: ids } } });
    await tx.department.deleteMany({ where: { id: { in: ids } } });
  });
}

/** Rows of every table an import or an admin write touches. */
export async function rowCounts() {
  const [departments, plans, themes, initiatives, cooperations, audits] = await Promise.all([
    prisma.department.count(),
    prisma.workPlan.count(),
    prisma.theme.count(),
    prisma.initiative.count(),
    prisma.initiativeCooperation.count(),
    prisma.auditEvent.count(),
  ]);
  return { departments, plans, themes, initiatives, cooperations, audits };
}
