import "server-only";
import { prisma, Prisma } from "@workplan/db";
import { addInitiativeSchema, initiativeSchema, type InitiativeInput } from "../rules/plan-admin";
import type { Viewer } from "../rules/policy";
import type { AdminContext } from "./admin-departments";
import { authorisePlans, invalid, lockAndRefreshRollups } from "./admin-plans";
import { recordAudit } from "./audit";
import { DomainError } from "./errors";
import { idSchema } from "./get-initiative";
import { initiativeCode } from "./import-work-report";
import { initiativeSearchText } from "../infra/search-text";
import { isoDay } from "../rules/dates";

// Initiatives (重點工作) as the admins keep them: added, edited, archived. An edit changes what the
// plan says (wording, target, due date, departments), never what was reported: progress, health,
// measured value, version and history stay as they are.

const editableSelect = {
  id: true,
  planId: true,
  code: true,
  title: true,
  originalText: true,
  targetValue: true,
  targetUnit: true,
  targetApproximate: true,
  dueDate: true,
  archivedAt: true,
  themeId: true,
  department: { select: { id: true, code: true } },
  cooperations: { select: { department: { select: { id: true, code: true } } } },
} as const;

type Editable = Prisma.InitiativeGetPayload<{ select: typeof editableSelect }>;

function snapshot(i: Editable) {
  return {
    title: i.title,
    originalText: i.originalText,
    target: i.targetValue === null ? null : { value: i.targetValue.toNumber(), unit: i.targetUnit ?? "", approximate: i.targetApproximate },
    dueDate: isoDay(i.dueDate),
    leadDepartment: i.department.code,
    cooperatingDepartments: i.cooperations.map((c) => c.department.code).sort(),
    archivedAt: i.archivedAt ? i.archivedAt.toISOString() : null,
  };
}

function parseInitiative(input: unknown): InitiativeInput {
  const parsed = initiativeSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error, "initiative");
  return parsed.data;
}

/** The lead and co-operating departments exist and take new work (one already on the initiative may stay though archived). */
async function checkDepartments(
  tx: Prisma.TransactionClient,
  data: InitiativeInput,
  current: { leadId: string | null; cooperatingIds: string[] },
) {
  const cooperatingIds = [...new Set(data.cooperatingDepartmentIds)].filter((d) => d !== data.leadDepartmentId);
  const rows = await tx.department.findMany({
    where: { id: { in: [data.leadDepartmentId, ...cooperatingIds] } },
    select: { id: true, archivedAt: true },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const fields: Record<string, string> = {};
  const lead = byId.get(data.leadDepartmentId);
  if (!lead) fields.leadDepartmentId = "leadDepartmentId.unknown";
  else if (lead.archivedAt && lead.id !== current.leadId) fields.leadDepartmentId = "leadDepartmentId.archived";
  for (const id of cooperatingIds) {
    const row = byId.get(id);
    if (!row) fields.cooperatingDepartmentIds ??= "cooperatingDepartmentIds.unknown";
    else if (row.archivedAt && !current.cooperatingIds.includes(id)) fields.cooperatingDepartmentIds ??= "cooperatingDepartmentIds.archived";
  }
  if (Object.keys(fields).length > 0) throw new DomainError("invalid", "the initiative has problems", fields);
  return cooperatingIds;
}

function dueDateOf(data: InitiativeInput, planYear: number): Date {
  const due = new Date(`${data.dueDate}T00:00:00Z`);
  if (due.getUTCFullYear() < planYear) throw new DomainError("invalid", "the initiative has problems", { dueDate: "dueDate.beforePlan" });
  return due;
}

/** An initiative with what its edit form needs; archived ones too. */
export async function getAdminInitiative(actor: Viewer, idInput: unknown) {
  authorisePlans(actor);
  const id = idSchema.safeParse(idInput);
  if (!id.success) return null;
  const row = await prisma.initiative.findUnique({
    where: { id: id.data },
    select: {
      ...editableSelect,
      progress: true,
      health: true,
      version: true,
      theme: { select: { id: true, code: true, title: true, archivedAt: true } },
      plan: { select: { id: true, year: true, status: true, heading: true, department: { select: { id: true, code: true, nameZhHans: true, nameZhHant: true, nameEn: true } } } },
      _count: { select: { updates: true } },
    },
  });
  if (!row) return null;
  const { targetValue, targetUnit, targetApproximate, cooperations, _count, ...rest } = row;
  return {
    ...rest,
    target: targetValue === null ? null : { value: targetValue.toNumber(), unit: targetUnit ?? "", approximate: targetApproximate },
    cooperatingDepartmentIds: cooperations.map((c) => c.department.id),
    updateCount: _count.updates,
  };
}

export type AdminInitiative = NonNullable<Awaited<ReturnType<typeof getAdminInitiative>>>;

/** A new initiative at the end of its theme (or of the plan's items), coded like the seed's (`KJS-2018-1.6`). */
export async function addInitiative(actor: Viewer, planIdInput: unknown, input: unknown, context: AdminContext = {}) {
  authorisePlans(actor);
  const planId = idSchema.safeParse(planIdInput);
  if (!planId.success) throw new DomainError("not_found", "no such plan");
  const { themeId: themeInput, ...rest } = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  const where = addInitiativeSchema.safeParse({ themeId: themeInput ?? null });
  if (!where.success) throw new DomainError("invalid", "the initiative has problems", { themeId: "themeId.unknown" });
  const data = parseInitiative(rest);
  try {
    return await prisma.$transaction(async (tx) => {
      // One addition per plan at a time: two admins adding to one theme get consecutive ordinals.
      await tx.$queryRaw`SELECT id FROM work_plans WHERE id = ${planId.data} FOR UPDATE`;
      const plan = await tx.workPlan.findUnique({
        where: { id: planId.data },
        select: { id: true, year: true, status: true, department: { select: { code: true } } },
      });
      if (!plan) throw new DomainError("not_found", "no such plan");
      if (plan.status === "CLOSED") throw new DomainError("invalid", "the plan is closed", { form: "plan.closed" });
      let themeOrdinal: number | null = null;
      if (where.data.themeId !== null) {
        const theme = await tx.theme.findFirst({ where: { id: where.data.themeId, planId: plan.id }, select: { ordinal: true, archivedAt: true } });
        if (!theme) throw new DomainError("invalid", "the initiative has problems", { themeId: "themeId.unknown" });
        if (theme.archivedAt) throw new DomainError("invalid", "the theme is archived", { themeId: "themeId.archived" });
        themeOrdinal = theme.ordinal;
      }
      const dueDate = dueDateOf(data, plan.year);
      const cooperatingIds = await checkDepartments(tx, data, { leadId: null, cooperatingIds: [] });
      // Ordinals are never reused, archived initiatives included: a code always means one initiative.
      const last = await tx.initiative.findFirst({
        where: { planId: plan.id, themeId: where.data.themeId },
        orderBy: { ordinal: "desc" },
        select: { ordinal: true },
      });
      const ordinal = (last?.ordinal ?? 0) + 1;
      const code = initiativeCode(plan.department.code, plan.year, themeOrdinal, ordinal);
      const created = await tx.initiative.create({
        data: {
          planId: plan.id,
          themeId: where.data.themeId,
          departmentId: data.leadDepartmentId,
          ordinal,
          code,
          title: data.title,
          originalText: data.originalText,
          searchText: initiativeSearchText({ code, title: data.title, originalText: data.originalText }),
          sourceParagraph: data.originalText,
          targetValue: data.targetValue,
          targetUnit: data.targetValue === null ? null : data.targetUnit,
          targetApproximate: data.targetValue === null ? false : data.targetApproximate,
          dueDate,
          cooperations: { create: cooperatingIds.map((departmentId) => ({ departmentId })) },
        },
        select: editableSelect,
      });
      await lockAndRefreshRollups(tx, plan.id);
      await recordAudit(tx, {
        actorId: actor.id,
        action: "initiative.created",
        objectType: "Initiative",
        objectId: created.id,
        after: { code: created.code, planId: plan.id, themeId: where.data.themeId, ...snapshot(created) },
        ip: context.ip ?? null,
      });
      return { id: created.id, code: created.code, planId: plan.id };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new DomainError("conflict", "the initiative code is in use", { form: "code.clash" });
    }
    throw error;
  }
}

/**
 * Edit what the plan says about an initiative. Only the plan's fields are written: an initiative
 * users have reported on keeps its progress, health, measured value, version and history.
 */
export async function updateInitiative(actor: Viewer, idInput: unknown, input: unknown, context: AdminContext = {}) {
  authorisePlans(actor);
  const id = idSchema.safeParse(idInput);
  if (!id.success) throw new DomainError("not_found", "no such initiative");
  const data = parseInitiative(input);
  return prisma.$transaction(async (tx) => {
    const before = await tx.initiative.findUnique({ where: { id: id.data }, select: { ...editableSelect, plan: { select: { year: true } } } });
    if (!before) throw new DomainError("not_found", "no such initiative");
    if (before.archivedAt) throw new DomainError("invalid", "the initiative is archived", { form: "initiative.archived" });
    const dueDate = dueDateOf(data, before.plan.year);
    const currentCooperating = before.cooperations.map((c) => c.department.id);
    const cooperatingIds = await checkDepartments(tx, data, { leadId: before.department.id, cooperatingIds: currentCooperating });
    const removed = currentCooperating.filter((d) => !cooperatingIds.includes(d));
    const added = cooperatingIds.filter((d) => !currentCooperating.includes(d));
    const after = await tx.initiative.update({
      where: { id: before.id },
      data: {
        title: data.title,
        originalText: data.originalText,
        searchText: initiativeSearchText({ code: before.code, title: data.title, originalText: data.originalText }),
        targetValue: data.targetValue,
        targetUnit: data.targetValue === null ? null : data.targetUnit,
        targetApproximate: data.targetValue === null ? false : data.targetApproximate,
        dueDate,
        departmentId: data.leadDepartmentId,
        cooperations: {
          deleteMany: removed.length > 0 ? { departmentId: { in: removed } } : [],
          create: added.map((departmentId) => ({ departmentId })),
        },
      },
      select: editableSelect,
    });
    const [b, a] = [snapshot(before), snapshot(after)];
    const changed = JSON.stringify(b) !== JSON.stringify(a);
    if (changed) {
      await lockAndRefreshRollups(tx, before.planId);
      await recordAudit(tx, {
        actorId: actor.id,
        action: "initiative.updated",
        objectType: "Initiative",
        objectId: before.id,
        before: { code: before.code, ...b },
        after: { code: before.code, ...a },
        ip: context.ip ?? null,
      });
    }
    return { id: before.id, planId: before.planId, changed };
  });
}

/**
 * Archive an initiative (or bring it back): archived, it leaves the plan's lists and roll-ups and
 * takes no reports; its page and history stay reachable by its id.
 */
export async function setInitiativeArchived(actor: Viewer, idInput: unknown, archived: boolean, context: AdminContext = {}) {
  authorisePlans(actor);
  const id = idSchema.safeParse(idInput);
  if (!id.success) throw new DomainError("not_found", "no such initiative");
  return prisma.$transaction(async (tx) => {
    const before = await tx.initiative.findUnique({ where: { id: id.data }, select: { ...editableSelect, theme: { select: { archivedAt: true } } } });
    if (!before) throw new DomainError("not_found", "no such initiative");
    if ((before.archivedAt !== null) === archived) return { id: before.id, planId: before.planId, changed: false };
    if (!archived && before.theme?.archivedAt) throw new DomainError("invalid", "the theme is archived", { form: "theme.archived" });
    const archivedAt = archived ? new Date() : null;
    await tx.initiative.update({ where: { id: before.id }, data: { archivedAt } });
    await lockAndRefreshRollups(tx, before.planId);
    await recordAudit(tx, {
      actorId: actor.id,
      action: archived ? "initiative.archived" : "initiative.restored",
      objectType: "Initiative",
      objectId: before.id,
      before: { code: before.code, archivedAt: before.archivedAt ? before.archivedAt.toISOString() : null },
      after: { code: before.code, archivedAt: archivedAt ? archivedAt.toISOString() : null },
      ip: context.ip ?? null,
    });
    return { id: before.id, planId: before.planId, changed: true };
  });
}
