import "server-only";
import { prisma, Prisma } from "@workplan/db";
import { z } from "zod";
import { createPlanSchema, issuesToFields, themeSchema, updatePlanSchema } from "../rules/plan-admin";
import { can, type Viewer } from "../rules/policy";
import type { AdminContext } from "./admin-departments";
import { recordAudit } from "./audit";
import { DomainError } from "./errors";
import { idSchema } from "./get-initiative";
import { refreshRollups } from "./refresh-rollups";

// A department's plan for a year and its themes, as the admins keep them. Initiatives are in
// admin-initiatives.ts.

export function authorisePlans(actor: Viewer) {
  if (!can(actor, "admin.plans")) throw new DomainError("forbidden", "only admins keep plans");
}

export function invalid(error: z.ZodError, what: string): DomainError {
  return new DomainError("invalid", `the ${what} has problems`, issuesToFields(error));
}

/**
 * Recompute a plan's stored roll-ups, one refresh per plan at a time (as progress reports do):
 * each statement then reads the initiatives as committed by the writes before it.
 */
export async function lockAndRefreshRollups(tx: Prisma.TransactionClient, planId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM work_plans WHERE id = ${planId} FOR UPDATE`;
  await refreshRollups(tx, planId);
}

const listQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  departmentId: idSchema.optional(),
});

/** Plans by year and department, newest first, with their stored initiative counts (archived ones left out). */
export async function listAdminPlans(actor: Viewer, queryInput: { year?: unknown; departmentId?: unknown } = {}) {
  authorisePlans(actor);
  const clean = Object.fromEntries(Object.entries(queryInput).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = listQuerySchema.safeParse(clean);
  const query = parsed.success ? parsed.data : {};
  const [plans, years] = await Promise.all([
    prisma.workPlan.findMany({
      where: { year: query.year, departmentId: query.departmentId },
      orderBy: [{ year: "desc" }, { department: { code: "asc" } }],
      select: {
        id: true,
        year: true,
        status: true,
        heading: true,
        initiativeCount: true,
        progress: true,
        reportDueDay: true,
        department: { select: { id: true, code: true, nameZhHans: true, nameZhHant: true, nameEn: true, archivedAt: true } },
        _count: { select: { themes: { where: { archivedAt: null } }, initiatives: { where: { archivedAt: { not: null } } } } },
      },
    }),
    prisma.workPlan.findMany({ distinct: ["year"], select: { year: true }, orderBy: { year: "desc" } }),
  ]);
  return {
    query,
    years: years.map((y) => y.year),
    plans: plans.map(({ _count, ...p }) => ({ ...p, themeCount: _count.themes, archivedInitiativeCount: _count.initiatives })),
  };
}

export type AdminPlanList = Awaited<ReturnType<typeof listAdminPlans>>;

/** A plan with every theme and initiative, archived ones included and marked, for its admin page. */
export async function getAdminPlan(actor: Viewer, idInput: unknown) {
  authorisePlans(actor);
  const id = idSchema.safeParse(idInput);
  if (!id.success) return null;
  const plan = await prisma.workPlan.findUnique({
    where: { id: id.data },
    select: {
      id: true,
      year: true,
      status: true,
      heading: true,
      preamble: true,
      reportDueDay: true,
      initiativeCount: true,
      progress: true,
      department: { select: { id: true, code: true, nameZhHans: true, nameZhHant: true, nameEn: true, archivedAt: true } },
      themes: {
        orderBy: { ordinal: "asc" },
        select: { id: true, code: true, ordinal: true, title: true, intro: true, initiativeCount: true, progress: true, archivedAt: true },
      },
      initiatives: {
        orderBy: [{ ordinal: "asc" }],
        select: {
          id: true,
          code: true,
          themeId: true,
          ordinal: true,
          title: true,
          progress: true,
          health: true,
          dueDate: true,
          archivedAt: true,
          targetValue: true,
          targetUnit: true,
          targetApproximate: true,
          department: { select: { id: true, code: true } },
          _count: { select: { updates: true } },
        },
      },
    },
  });
  if (!plan) return null;
  const initiatives = plan.initiatives.map(({ targetValue, targetUnit, targetApproximate, _count, ...i }) => ({
    ...i,
    updateCount: _count.updates,
    target: targetValue === null ? null : { value: targetValue.toNumber(), unit: targetUnit ?? "", approximate: targetApproximate },
  }));
  return {
    ...plan,
    themes: plan.themes.map((theme) => ({ ...theme, initiatives: initiatives.filter((i) => i.themeId === theme.id) })),
    initiatives: initiatives.filter((i) => i.themeId === null),
  };
}

export type AdminPlan = NonNullable<Awaited<ReturnType<typeof getAdminPlan>>>;

function planSnapshot(p: { heading: string; preamble: string; reportDueDay: number }) {
  return { heading: p.heading, preamble: p.preamble, reportDueDay: p.reportDueDay };
}

/** A department's plan for a year: one per department and year. */
export async function createPlan(actor: Viewer, input: unknown, context: AdminContext = {}) {
  authorisePlans(actor);
  const parsed = createPlanSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error, "plan");
  const data = parsed.data;
  const departmentId = idSchema.safeParse(data.departmentId);
  if (!departmentId.success) throw new DomainError("invalid", "unknown department", { departmentId: "departmentId.unknown" });
  try {
    return await prisma.$transaction(async (tx) => {
      const department = await tx.department.findUnique({ where: { id: departmentId.data }, select: { id: true, code: true, archivedAt: true } });
      if (!department) throw new DomainError("invalid", "unknown department", { departmentId: "departmentId.unknown" });
      if (department.archivedAt) throw new DomainError("invalid", "archived department", { departmentId: "departmentId.archived" });
      const taken = await tx.workPlan.findUnique({
        where: { departmentId_year: { departmentId: department.id, year: data.year } },
        select: { id: true },
      });
      if (taken) throw new DomainError("conflict", "the department has a plan for that year", { year: "plan.exists" });
      const plan = await tx.workPlan.create({
        data: {
          departmentId: department.id,
          year: data.year,
          status: "ACTIVE",
          heading: data.heading,
          preamble: data.preamble,
          reportDueDay: data.reportDueDay,
          sourceDocument: "",
        },
        select: { id: true },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "plan.created",
        objectType: "WorkPlan",
        objectId: plan.id,
        after: { department: department.code, year: data.year, ...planSnapshot(data) },
        ip: context.ip ?? null,
      });
      return plan;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new DomainError("conflict", "the department has a plan for that year", { year: "plan.exists" });
    }
    throw error;
  }
}

export async function updatePlan(actor: Viewer, idInput: unknown, input: unknown, context: AdminContext = {}) {
  authorisePlans(actor);
  const id = idSchema.safeParse(idInput);
  if (!id.success) throw new DomainError("not_found", "no such plan");
  const parsed = updatePlanSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error, "plan");
  return prisma.$transaction(async (tx) => {
    const before = await tx.workPlan.findUnique({ where: { id: id.data }, select: { id: true, heading: true, preamble: true, reportDueDay: true } });
    if (!before) throw new DomainError("not_found", "no such plan");
    const after = planSnapshot(parsed.data);
    if (JSON.stringify(planSnapshot(before)) === JSON.stringify(after)) return { id: before.id, changed: false };
    await tx.workPlan.update({ where: { id: before.id }, data: after });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "plan.updated",
      objectType: "WorkPlan",
      objectId: before.id,
      before: planSnapshot(before),
      after,
      ip: context.ip ?? null,
    });
    return { id: before.id, changed: true };
  });
}

/** A new theme at the end of the plan, coded like the seed's (`KJS-2018-4`). */
export async function addTheme(actor: Viewer, planIdInput: unknown, input: unknown, context: AdminContext = {}) {
  authorisePlans(actor);
  const planId = idSchema.safeParse(planIdInput);
  if (!planId.success) throw new DomainError("not_found", "no such plan");
  const parsed = themeSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error, "theme");
  try {
    return await prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM work_plans WHERE id = ${planId.data} FOR UPDATE`;
      const plan = await tx.workPlan.findUnique({
        where: { id: planId.data },
        select: { id: true, year: true, department: { select: { code: true } }, themes: { select: { ordinal: true }, orderBy: { ordinal: "desc" }, take: 1 } },
      });
      if (!plan) throw new DomainError("not_found", "no such plan");
      // Ordinals are never reused, archived themes included: a code always means one theme.
      const ordinal = (plan.themes[0]?.ordinal ?? 0) + 1;
      const code = `${plan.department.code}-${plan.year}-${ordinal}`;
      const theme = await tx.theme.create({
        data: { planId: plan.id, ordinal, code, title: parsed.data.title, intro: parsed.data.intro, sourceParagraph: "" },
        select: { id: true, code: true },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "theme.created",
        objectType: "Theme",
        objectId: theme.id,
        after: { planId: plan.id, code, ...parsed.data },
        ip: context.ip ?? null,
      });
      return theme;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new DomainError("conflict", "the theme code is in use", { form: "code.clash" });
    }
    throw error;
  }
}

export async function updateTheme(actor: Viewer, idInput: unknown, input: unknown, context: AdminContext = {}) {
  authorisePlans(actor);
  const id = idSchema.safeParse(idInput);
  if (!id.success) throw new DomainError("not_found", "no such theme");
  const parsed = themeSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error, "theme");
  return prisma.$transaction(async (tx) => {
    const before = await tx.theme.findUnique({ where: { id: id.data }, select: { id: true, planId: true, title: true, intro: true } });
    if (!before) throw new DomainError("not_found", "no such theme");
    if (before.title === parsed.data.title && before.intro === parsed.data.intro) return { id: before.id, planId: before.planId, changed: false };
    await tx.theme.update({ where: { id: before.id }, data: parsed.data });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "theme.updated",
      objectType: "Theme",
      objectId: before.id,
      before: { title: before.title, intro: before.intro },
      after: parsed.data,
      ip: context.ip ?? null,
    });
    return { id: before.id, planId: before.planId, changed: true };
  });
}

/**
 * Archive a theme and, with it, its initiatives: they leave the plan's lists and roll-ups and keep
 * their history. The plan's roll-ups are refreshed in the same transaction.
 */
export async function archiveTheme(actor: Viewer, idInput: unknown, context: AdminContext = {}) {
  authorisePlans(actor);
  const id = idSchema.safeParse(idInput);
  if (!id.success) throw new DomainError("not_found", "no such theme");
  return prisma.$transaction(async (tx) => {
    const theme = await tx.theme.findUnique({ where: { id: id.data }, select: { id: true, planId: true, code: true, archivedAt: true } });
    if (!theme) throw new DomainError("not_found", "no such theme");
    if (theme.archivedAt) return { id: theme.id, planId: theme.planId, changed: false };
    const now = new Date();
    const initiatives = await tx.initiative.findMany({ where: { themeId: theme.id, archivedAt: null }, select: { id: true, code: true } });
    await tx.initiative.updateMany({ where: { themeId: theme.id, archivedAt: null }, data: { archivedAt: now } });
    await tx.theme.update({ where: { id: theme.id }, data: { archivedAt: now } });
    await lockAndRefreshRollups(tx, theme.planId);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "theme.archived",
      objectType: "Theme",
      objectId: theme.id,
      before: { archivedAt: null },
      after: { archivedAt: now.toISOString(), initiativesArchived: initiatives.map((i) => i.code) },
      ip: context.ip ?? null,
    });
    return { id: theme.id, planId: theme.planId, changed: true };
  });
}
