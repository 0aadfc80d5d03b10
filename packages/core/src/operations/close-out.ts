import "server-only";
import { prisma, Prisma } from "@workplan/db";
import { z } from "zod";
import { can, type Viewer } from "../rules/policy";
import { fieldErrors } from "../rules/progress";
import { lockAndRefreshRollups } from "./admin-plans";
import { recordAudit } from "./audit";
import { DomainError } from "./errors";
import { idSchema } from "./get-initiative";
import { defaultDueDate, initiativeCode } from "./import-work-report";
import { notify } from "./notify";
import { initiativeRecordWhere, initiativeWhere } from "./scope";
import { initiativeSearchText } from "../infra/search-text";
import { isoDay } from "../rules/dates";

// Year-end close-out (結項). A manager over the lead department closes an initiative with an outcome
// and a closing note; a closed initiative takes no more reports, extension requests or chases.
// Progress and health stay as last reported: the outcome says how it ended, the record is not
// rewritten (so nothing the stored roll-ups read changes on close). An initiative closed as partly
// or not achieved can be carried, once, into the department's plan of the next year: a new
// initiative with the same wording, linked to its origin (carriedFromId). That plan must exist
// already: the carry-over never creates one, since an empty plan would stop the admin from importing
// the real one (an import refuses a department and year that have a plan). Until an admin has
// imported or created it, the carry-over is refused (closeOut.noNextPlan) and the page says why.
// While it has not been carried over, a mistaken close can be undone (reopen).
// Closing also ends the initiative's pending extension request: refused, with a note saying why.

export const OUTCOMES = ["ACHIEVED", "PARTLY_ACHIEVED", "NOT_ACHIEVED", "DROPPED"] as const;
export type Outcome = (typeof OUTCOMES)[number];
/** Only what was left unfinished goes on into the next year's plan. */
export const CARRYABLE_OUTCOMES: readonly Outcome[] = ["PARTLY_ACHIEVED", "NOT_ACHIEVED"];

export const NOTE_MAX = 2000;

export const closeOutSchema = z
  .object({
    outcome: z.enum(OUTCOMES, { error: "outcome.required" }).describe("How the initiative ended"),
    note: z
      .string({ error: "note.required" })
      .trim()
      .min(1, "note.required")
      .max(NOTE_MAX, "note.tooLong")
      .describe(`The closing note (1 to ${NOTE_MAX} characters)`),
    baseVersion: z
      .number({ error: "baseVersion.invalid" })
      .int("baseVersion.invalid")
      .min(0, "baseVersion.invalid")
      .optional()
      .describe("The initiative's version as read; when given and stale (someone reported since), the close is refused with 409"),
  })
  .strict();

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const carryOverSchema = z
  .object({
    targetPlanId: idSchema
      .optional()
      .describe("An active plan of the same department for a later year; by default the next year's, which must exist (it is never created here)"),
    dueDate: z
      .string()
      .regex(DATE, "dueDate.invalid")
      .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "dueDate.invalid")
      .optional()
      .describe("YYYY-MM-DD within the target plan's year or later; by default 31 December of that year"),
  })
  .strict();

/** English wording of the message keys, for the API. The interface translates the same keys. */
export const CLOSE_OUT_MESSAGES: Record<string, string> = {
  "outcome.required": "Choose an outcome: ACHIEVED, PARTLY_ACHIEVED, NOT_ACHIEVED or DROPPED.",
  "note.required": "Write a closing note.",
  "note.tooLong": `Keep the closing note to ${NOTE_MAX} characters.`,
  "baseVersion.invalid": "baseVersion must be a whole number.",
  "closeOut.alreadyClosed": "The initiative is already closed.",
  "closeOut.stale": "The initiative changed since it was read (a new report?): read it again.",
  "closeOut.planClosed": "The initiative belongs to a closed plan (a prior year's record).",
  "closeOut.notClosed": "The initiative is not closed.",
  "closeOut.carried": "The initiative has already been carried over.",
  "closeOut.notCarryable": "Only an initiative closed as partly or not achieved can be carried over.",
  "closeOut.target": "The target must be an active plan of the same department for a later year.",
  "closeOut.noNextPlan": "Next year's plan does not exist yet: an administrator has to import or create it first, then carry the initiative over.",
  "dueDate.invalid": "Give the due date as YYYY-MM-DD.",
  "dueDate.beforePlan": "The due date is before the target plan's year.",
};

export interface CloseOutContext {
  now?: Date;
  ip?: string | null;
}

type Tx = Prisma.TransactionClient;

/** Thrown to the second of two managers closing the same initiative. */
export class AlreadyClosedError extends DomainError {
  constructor() {
    super("conflict", "the initiative is already closed", { form: "closeOut.alreadyClosed" });
    this.name = "AlreadyClosedError";
  }
}

/** Thrown to the second attempt to carry an initiative over. */
export class AlreadyCarriedError extends DomainError {
  constructor() {
    super("conflict", "the initiative has already been carried over", { form: "closeOut.carried" });
    this.name = "AlreadyCarriedError";
  }
}

const day = isoDay;

/** The decision comment of a pending extension request ended by the close-out (free text, shown as written). */
export const CLOSED_EXTENSION_COMMENT = "已结项，延期申请自动关闭";

/** The department's plan of the year after, which a carry-over goes into by default (null: none yet). */
async function nextPlanOf(db: Tx | typeof prisma, departmentId: string, year: number) {
  return db.workPlan.findUnique({
    where: { departmentId_year: { departmentId, year: year + 1 } },
    select: { id: true, year: true, status: true, departmentId: true, department: { select: { code: true } } },
  });
}

/** The initiative as the close-out sees it, in the viewer's scope (archived ones left out). */
async function findForCloseOut(viewer: Viewer, idInput: unknown) {
  const id = idSchema.safeParse(idInput);
  if (!id.success) return null;
  const row = await prisma.initiative.findFirst({
    where: { AND: [{ id: id.data }, initiativeWhere(viewer)] },
    select: {
      id: true,
      code: true,
      title: true,
      departmentId: true,
      version: true,
      closedAt: true,
      outcome: true,
      plan: { select: { status: true } },
    },
  });
  if (!row || !can(viewer, "initiative.close", { departmentId: row.departmentId })) return null;
  return row;
}

/** Active staff of the lead and co-operating departments: who works on the initiative. */
async function staffOf(tx: Tx, initiativeId: string): Promise<string[]> {
  const initiative = await tx.initiative.findUniqueOrThrow({
    where: { id: initiativeId },
    select: { departmentId: true, cooperations: { select: { departmentId: true } } },
  });
  const departmentIds = [initiative.departmentId, ...initiative.cooperations.map((c) => c.departmentId)];
  const rows = await tx.user.findMany({ where: { role: "STAFF", active: true, departmentId: { in: departmentIds } }, select: { id: true } });
  return rows.map((r) => r.id);
}

/**
 * Close an initiative with an outcome and a note (see the rules above). Two managers closing it at
 * the same moment: one wins, the other is told it is already closed.
 */
export async function closeInitiative(viewer: Viewer, input: unknown, context: CloseOutContext = {}) {
  const { initiativeId, ...rest } = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  const initiative = await findForCloseOut(viewer, initiativeId);
  if (!initiative) throw new DomainError("not_found", "no such initiative");
  const parsed = closeOutSchema.safeParse(rest);
  const fields: Record<string, string> = parsed.success ? {} : fieldErrors(parsed.error);
  if (initiative.closedAt) throw new AlreadyClosedError();
  if (initiative.plan.status === "CLOSED") fields.form ??= "closeOut.planClosed";
  if (!parsed.success || Object.keys(fields).length > 0) throw new DomainError("invalid", "the close-out has problems", fields);
  const { outcome, note, baseVersion } = parsed.data;
  const now = context.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    // The guard is the write itself: only an open initiative (at the version read, when given) is closed.
    const changed = await tx.initiative.updateMany({
      where: { id: initiative.id, closedAt: null, archivedAt: null, ...(baseVersion === undefined ? {} : { version: baseVersion }) },
      data: { closedAt: now, outcome, closingNote: note, closedById: viewer.id, version: { increment: 1 } },
    });
    if (changed.count === 0) {
      const current = await tx.initiative.findUnique({ where: { id: initiative.id }, select: { closedAt: true, archivedAt: true } });
      if (!current || current.archivedAt) throw new DomainError("not_found", "no such initiative");
      if (current.closedAt) throw new AlreadyClosedError();
      throw new DomainError("conflict", "the initiative changed since it was read", { form: "closeOut.stale" });
    }
    const after = await tx.initiative.findUniqueOrThrow({ where: { id: initiative.id }, select: { version: true, progress: true, health: true } });
    // Its due date no longer matters: a pending extension request is ended, not left pending for
    // ever (it could no longer be decided). A request made meanwhile waits for the row lock above
    // and then finds the initiative closed.
    const pending = await tx.extensionRequest.findMany({ where: { initiativeId: initiative.id, status: "PENDING" }, select: { id: true } });
    const closedExtensionRequests = pending.map((r) => r.id);
    if (closedExtensionRequests.length > 0) {
      await tx.extensionRequest.updateMany({
        where: { id: { in: closedExtensionRequests }, status: "PENDING" },
        data: { status: "REFUSED", decisionComment: CLOSED_EXTENSION_COMMENT, deciderId: viewer.id, decidedAt: now },
      });
    }
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "initiative.closed",
      objectType: "Initiative",
      objectId: initiative.id,
      before: { code: initiative.code, closedAt: null, outcome: null, closingNote: null, version: after.version - 1 },
      after: {
        code: initiative.code,
        closedAt: now.toISOString(),
        outcome,
        closingNote: note,
        closedById: viewer.id,
        version: after.version,
        progress: after.progress,
        health: after.health,
        closedExtensionRequests,
      },
      ip: context.ip ?? null,
    });
    const staff = (await staffOf(tx, initiative.id)).filter((id) => id !== viewer.id);
    await notify(tx, staff, "initiative.closed", { code: initiative.code, title: initiative.title, outcome }, `/initiatives/${initiative.id}`);
    return { initiativeId: initiative.id, outcome, closedAt: now, version: after.version };
  });
}

/**
 * Undo a mistaken close: the initiative is open again and takes reports. Not once it has been
 * carried over (the continuation exists), nor on a closed plan.
 */
export async function reopenInitiative(viewer: Viewer, initiativeId: unknown, context: CloseOutContext = {}) {
  const initiative = await findForCloseOut(viewer, initiativeId);
  if (!initiative) throw new DomainError("not_found", "no such initiative");
  if (initiative.plan.status === "CLOSED") throw new DomainError("invalid", "the plan is closed", { form: "closeOut.planClosed" });
  return prisma.$transaction(async (tx) => {
    // Serialised with a carry-over of the same initiative on its row.
    await tx.$queryRaw`SELECT id FROM initiatives WHERE id = ${initiative.id} FOR UPDATE`;
    const before = await tx.initiative.findUniqueOrThrow({
      where: { id: initiative.id },
      select: { closedAt: true, outcome: true, closingNote: true, closedById: true, version: true, carriedTo: { select: { id: true } } },
    });
    if (!before.closedAt) throw new DomainError("conflict", "the initiative is not closed", { form: "closeOut.notClosed" });
    if (before.carriedTo) throw new AlreadyCarriedError();
    const after = await tx.initiative.update({
      where: { id: initiative.id },
      data: { closedAt: null, outcome: null, closingNote: null, closedById: null, version: { increment: 1 } },
      select: { version: true },
    });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "initiative.reopened",
      objectType: "Initiative",
      objectId: initiative.id,
      before: {
        code: initiative.code,
        closedAt: before.closedAt.toISOString(),
        outcome: before.outcome,
        closingNote: before.closingNote,
        closedById: before.closedById,
        version: before.version,
      },
      after: { code: initiative.code, closedAt: null, outcome: null, closingNote: null, version: after.version },
      ip: context.ip ?? null,
    });
    return { initiativeId: initiative.id, version: after.version };
  });
}

/**
 * The plan a carry-over goes into: the one given, or the next year's. Never created here: an admin
 * imports or creates it first (an empty plan made here would block the import of the real one).
 */
async function targetPlan(tx: Tx, origin: { departmentId: string; plan: { year: number } }, targetPlanId: string | undefined) {
  if (targetPlanId !== undefined) {
    const plan = await tx.workPlan.findUnique({
      where: { id: targetPlanId },
      select: { id: true, year: true, status: true, departmentId: true, department: { select: { code: true } } },
    });
    if (!plan || plan.departmentId !== origin.departmentId || plan.year <= origin.plan.year || plan.status !== "ACTIVE") {
      throw new DomainError("invalid", "not a plan this initiative can be carried into", { targetPlanId: "closeOut.target" });
    }
    return plan;
  }
  const plan = await nextPlanOf(tx, origin.departmentId, origin.plan.year);
  if (!plan) throw new DomainError("invalid", "the next year's plan does not exist yet", { targetPlanId: "closeOut.noNextPlan" });
  if (plan.status !== "ACTIVE") throw new DomainError("invalid", "the next year's plan is closed", { targetPlanId: "closeOut.target" });
  return plan;
}

/** The theme of the same title in the target plan, created (at its end) when it has none. */
async function targetTheme(
  tx: Tx,
  plan: { id: string; year: number; department: { code: string } },
  theme: { title: string; intro: string; sourceParagraph: string } | null,
) {
  if (!theme) return null;
  const same = await tx.theme.findFirst({
    where: { planId: plan.id, title: theme.title, archivedAt: null },
    orderBy: { ordinal: "asc" },
    select: { id: true, ordinal: true },
  });
  if (same) return same;
  const last = await tx.theme.findFirst({ where: { planId: plan.id }, orderBy: { ordinal: "desc" }, select: { ordinal: true } });
  const ordinal = (last?.ordinal ?? 0) + 1;
  return tx.theme.create({
    data: {
      planId: plan.id,
      ordinal,
      code: `${plan.department.code}-${plan.year}-${ordinal}`,
      title: theme.title,
      intro: theme.intro,
      sourceParagraph: theme.sourceParagraph,
    },
    select: { id: true, ordinal: true },
  });
}

/**
 * Carry an initiative closed as partly or not achieved into the next year's plan of its department
 * (which an admin has imported or created; refused with closeOut.noNextPlan when there is none): a
 * new initiative after the plan's own, with the same wording, target, departments and theme, at 0 %,
 * due at the end of that year, linked to its origin. Once only.
 */
export async function carryOverInitiative(viewer: Viewer, input: unknown, context: CloseOutContext = {}) {
  const { initiativeId, ...rest } = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  const initiative = await findForCloseOut(viewer, initiativeId);
  if (!initiative) throw new DomainError("not_found", "no such initiative");
  const parsed = carryOverSchema.safeParse(rest);
  if (!parsed.success) throw new DomainError("invalid", "the carry-over has problems", fieldErrors(parsed.error));
  const ip = context.ip ?? null;
  try {
    return await prisma.$transaction(async (tx) => {
      // One carry-over (or reopen) of an initiative at a time: the second finds it carried.
      await tx.$queryRaw`SELECT id FROM initiatives WHERE id = ${initiative.id} FOR UPDATE`;
      const origin = await tx.initiative.findUniqueOrThrow({
        where: { id: initiative.id },
        select: {
          id: true,
          code: true,
          title: true,
          originalText: true,
          sourceParagraph: true,
          targetValue: true,
          targetUnit: true,
          targetApproximate: true,
          departmentId: true,
          closedAt: true,
          outcome: true,
          carriedTo: { select: { id: true } },
          cooperations: { select: { departmentId: true } },
          theme: { select: { title: true, intro: true, sourceParagraph: true } },
          plan: { select: { year: true } },
        },
      });
      if (!origin.closedAt || !origin.outcome) throw new DomainError("invalid", "the initiative is not closed", { form: "closeOut.notClosed" });
      if (origin.carriedTo) throw new AlreadyCarriedError();
      if (!CARRYABLE_OUTCOMES.includes(origin.outcome)) {
        throw new DomainError("invalid", "only unfinished initiatives are carried over", { form: "closeOut.notCarryable" });
      }
      const plan = await targetPlan(tx, origin, parsed.data.targetPlanId);
      const dueDate = parsed.data.dueDate ? new Date(`${parsed.data.dueDate}T00:00:00Z`) : defaultDueDate(plan.year);
      if (dueDate.getUTCFullYear() < plan.year) throw new DomainError("invalid", "the due date is before the plan", { dueDate: "dueDate.beforePlan" });
      // One addition per plan at a time: consecutive ordinals, codes never reused (archived included).
      await tx.$queryRaw`SELECT id FROM work_plans WHERE id = ${plan.id} FOR UPDATE`;
      const theme = await targetTheme(tx, plan, origin.theme);
      const last = await tx.initiative.findFirst({
        where: { planId: plan.id, themeId: theme?.id ?? null },
        orderBy: { ordinal: "desc" },
        select: { ordinal: true },
      });
      const ordinal = (last?.ordinal ?? 0) + 1;
      const code = initiativeCode(plan.department.code, plan.year, theme?.ordinal ?? null, ordinal);
      const carried = await tx.initiative.create({
        data: {
          planId: plan.id,
          themeId: theme?.id ?? null,
          departmentId: origin.departmentId,
          ordinal,
          code,
          title: origin.title,
          originalText: origin.originalText,
          sourceParagraph: origin.sourceParagraph,
          targetValue: origin.targetValue,
          targetUnit: origin.targetUnit,
          targetApproximate: origin.targetApproximate,
          dueDate,
          progress: 0,
          health: null,
          searchText: initiativeSearchText({ code, title: origin.title, originalText: origin.originalText }) || " ",
          carriedFromId: origin.id,
          cooperations: { create: origin.cooperations.map((c) => ({ departmentId: c.departmentId })) },
        },
        select: { id: true, code: true },
      });
      await lockAndRefreshRollups(tx, plan.id);
      await recordAudit(tx, {
        actorId: viewer.id,
        action: "initiative.carried_over",
        objectType: "Initiative",
        objectId: carried.id,
        after: {
          code: carried.code,
          carriedFrom: origin.code,
          carriedFromId: origin.id,
          outcome: origin.outcome,
          planId: plan.id,
          year: plan.year,
          themeId: theme?.id ?? null,
          dueDate: day(dueDate),
        },
        ip,
      });
      return { initiativeId: carried.id, code: carried.code, planId: plan.id, year: plan.year };
    });
  } catch (error) {
    // The unique carriedFromId: a second carry-over that got past the row lock (it cannot, but the
    // database has the last word).
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new AlreadyCarriedError();
    throw error;
  }
}

/**
 * What the initiative's page shows of the close-out: outcome, note, who closed it and when, the
 * links to the initiative it was carried from and the one that carries it on (when visible), and,
 * while it can still be carried over, the next year's plan it would go into (null: none yet).
 */
export async function getCloseOut(viewer: Viewer, idInput: unknown) {
  const id = idSchema.safeParse(idInput);
  if (!id.success) return null;
  const row = await prisma.initiative.findFirst({
    where: { AND: [{ id: id.data }, initiativeRecordWhere(viewer)] },
    select: {
      closedAt: true,
      outcome: true,
      closingNote: true,
      closedById: true,
      carriedFromId: true,
      carriedTo: { select: { id: true } },
      departmentId: true,
      plan: { select: { year: true } },
    },
  });
  if (!row) return null;
  const carryable = row.closedAt !== null && row.outcome !== null && CARRYABLE_OUTCOMES.includes(row.outcome) && row.carriedTo === null;
  const linked = { id: true, code: true, title: true, archivedAt: true, plan: { select: { year: true } } } as const;
  const [closedBy, carriedFrom, carriedTo, nextPlan] = await Promise.all([
    row.closedById ? prisma.user.findUnique({ where: { id: row.closedById }, select: { name: true } }) : null,
    row.carriedFromId
      ? prisma.initiative.findFirst({ where: { AND: [{ id: row.carriedFromId }, initiativeRecordWhere(viewer)] }, select: linked })
      : null,
    row.carriedTo
      ? prisma.initiative.findFirst({ where: { AND: [{ id: row.carriedTo.id }, initiativeRecordWhere(viewer)] }, select: linked })
      : null,
    carryable ? nextPlanOf(prisma, row.departmentId, row.plan.year) : null,
  ]);
  return {
    closedAt: row.closedAt,
    outcome: row.outcome,
    closingNote: row.closingNote,
    closedBy: closedBy?.name ?? null,
    carriedFrom,
    carriedTo,
    /** Carried over already, even when the continuation is outside the viewer's scope. */
    hasCarriedTo: row.carriedTo !== null,
    /**
     * Only while it can be carried over: the year it would go into, and whether that year's plan
     * exists and is active (without one, the carry-over is refused until an admin makes it).
     */
    nextPlan: carryable ? { year: row.plan.year + 1, status: nextPlan?.status ?? null } : null,
  };
}

export type CloseOutView = NonNullable<Awaited<ReturnType<typeof getCloseOut>>>;
