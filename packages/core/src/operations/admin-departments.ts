import "server-only";
import { prisma, Prisma } from "@workplan/db";
import { departmentSchema, issuesToFields } from "../rules/plan-admin";
import { can, type Viewer } from "../rules/policy";
import { recordAudit } from "./audit";
import { DomainError } from "./errors";
import { idSchema } from "./get-initiative";

// Departments (司局) as the admins keep them: names in three scripts, the short code of their
// initiative codes, archived rather than deleted once anything refers to them.

export interface AdminContext {
  ip?: string | null;
}

const departmentFields = { id: true, code: true, nameZhHans: true, nameZhHant: true, nameEn: true, archivedAt: true } as const;

function authorise(actor: Viewer) {
  if (!can(actor, "admin.departments")) throw new DomainError("forbidden", "only admins keep departments");
}

function snapshot(d: { code: string; nameZhHans: string; nameZhHant: string; nameEn: string; archivedAt?: Date | null }) {
  return {
    code: d.code,
    nameZhHans: d.nameZhHans,
    nameZhHant: d.nameZhHant,
    nameEn: d.nameEn,
    archivedAt: d.archivedAt ? d.archivedAt.toISOString() : null,
  };
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

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

export type AdminDepartment = Awaited<ReturnType<typeof listDepartments>>[number];

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

export type DepartmentOption = Awaited<ReturnType<typeof listDepartmentOptions>>[number];

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

/**
 * A department anything refers to (users, initiatives it leads or co-operates on, reports filed in
 * its name) keeps its history: it can be archived, not deleted. Empty plans go with it.
 */
function isDeletable(counts: { users: number; initiatives: number; cooperations: number; updates: number }): boolean {
  return counts.users === 0 && counts.initiatives === 0 && counts.cooperations === 0 && counts.updates === 0;
}

function parseDepartment(input: unknown) {
  const parsed = departmentSchema.safeParse(input);
  if (!parsed.success) throw new DomainError("invalid", "the department has problems", issuesToFields(parsed.error));
  return parsed.data;
}

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

/** Archive (or restore) a department: it leaves the pickers for new work; its plans and history stay. */
export async function setDepartmentArchived(actor: Viewer, idInput: unknown, archived: boolean, context: AdminContext = {}) {
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
