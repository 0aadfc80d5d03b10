import { Prisma } from "@workplan/db";
import "server-only";
import { departmentSchema, issuesToFields } from "../../rules/plan-admin";
import { can, type Viewer } from "../../rules/policy";
import { DomainError } from "../errors";
import type { listDepartmentOptions } from "./list-department-options";
import type { listDepartments } from "./list-departments";
import { safeParseText } from "../../rules/text-input";

// What the operations in admin-departments/ share.
export interface AdminContext {
  ip?: string | null;
}

export const departmentFields = { id: true, code: true, nameZhHans: true, nameZhHant: true, nameEn: true, archivedAt: true } as const;

export function authorise(actor: Viewer) {
  if (!can(actor, "admin.departments")) throw new DomainError("forbidden", "only admins keep departments");
}

export function snapshot(d: { code: string; nameZhHans: string; nameZhHant: string; nameEn: string; archivedAt?: Date | null }) {
  return {
    code: d.code,
    nameZhHans: d.nameZhHans,
    nameZhHant: d.nameZhHant,
    nameEn: d.nameEn,
    archivedAt: d.archivedAt ? d.archivedAt.toISOString() : null,
  };
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export type AdminDepartment = Awaited<ReturnType<typeof listDepartments>>[number];

export type DepartmentOption = Awaited<ReturnType<typeof listDepartmentOptions>>[number];

/**
 * A department anything refers to (users, initiatives it leads or co-operates on, reports filed in
 * its name) keeps its history: it can be archived, not deleted. Empty plans go with it.
 */
export function isDeletable(counts: { users: number; initiatives: number; cooperations: number; updates: number }): boolean {
  return counts.users === 0 && counts.initiatives === 0 && counts.cooperations === 0 && counts.updates === 0;
}

export function parseDepartment(input: unknown) {
  const parsed = safeParseText(departmentSchema, input);
  if (!parsed.success) throw new DomainError("invalid", "the department has problems", issuesToFields(parsed.error));
  return parsed.data;
}
