import "server-only";
import { prisma, Prisma } from "@workplan/db";
import { checkEvidenceFiles } from "../rules/evidence";
import { can, type Viewer } from "../rules/policy";
import {
  fieldErrors,
  periodOf,
  periodStart,
  progressUpdateSchema,
  suggestHealth,
} from "../rules/progress";
import { recordAudit } from "./audit";
import { DomainError } from "./errors";
import { idSchema } from "./get-initiative";
import { refreshRollups } from "./refresh-rollups";
import { updateSearchText } from "./search-text";
import { notify, reviewersOf } from "./notify";
import { initiativeWhere } from "./scope";

export interface EvidenceFileInput {
  name: string;
  bytes: Uint8Array;
}

export interface LogProgressContext {
  idempotencyKey?: string | null;
  /** The returned update this one revises (the author's resubmission after a review). */
  revisionOf?: string | null;
  ip?: string | null;
  now?: Date;
}

export type LogProgressResult = { updateId: string; created: boolean; version: number };

/** Thrown when baseVersion is stale: someone saved first. Carries what they saved. */
export class ConflictError extends DomainError {
  constructor(
    public readonly currentVersion: number,
    public readonly latestUpdateId: string | null,
  ) {
    super("conflict", "the initiative was updated by someone else");
    this.name = "ConflictError";
  }
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,100}$/;

/** The initiative as far as writing to it goes, within the viewer's scope; null when invisible. */
export async function initiativeForWrite(tx: Prisma.TransactionClient | typeof prisma, viewer: Viewer, id: unknown) {
  const parsed = idSchema.safeParse(id);
  if (!parsed.success) return null;
  const row = await tx.initiative.findFirst({
    where: { AND: [{ id: parsed.data }, initiativeWhere(viewer)] },
    select: {
      id: true,
      code: true,
      title: true,
      planId: true,
      departmentId: true,
      version: true,
      closedAt: true,
      dueDate: true,
      targetValue: true,
      plan: { select: { year: true, status: true } },
      cooperations: { select: { departmentId: true } },
    },
  });
  if (!row) return null;
  return { ...row, cooperatingDepartmentIds: row.cooperations.map((c) => c.departmentId) };
}

async function existingByKey(authorId: string, key: string | null) {
  if (!key) return null;
  return prisma.progressUpdate.findUnique({
    where: { authorId_idempotencyKey: { authorId, idempotencyKey: key } },
    select: { id: true, initiative: { select: { version: true } } },
  });
}

/**
 * File a monthly progress update: validate → authorise → in one transaction, bump the initiative's
 * version only if it is still the one the reporter saw (else ConflictError), write the update, its
 * evidence and its audit event, and refresh the stored roll-ups. Retried with the same idempotency
 * key, it returns the update it created the first time.
 */
export async function logProgress(
  viewer: Viewer,
  initiativeId: unknown,
  input: unknown,
  files: readonly EvidenceFileInput[] = [],
  context: LogProgressContext = {},
): Promise<LogProgressResult> {
  const now = context.now ?? new Date();
  const parsed = progressUpdateSchema.safeParse(input);
  const fields: Record<string, string> = parsed.success ? {} : fieldErrors(parsed.error);
  const fileCheck = checkEvidenceFiles(files);
  if (!fileCheck.ok) fields.files = fileCheck.problem;

  const initiative = await initiativeForWrite(prisma, viewer, initiativeId);
  if (!initiative || !can(viewer, "progress.report", initiative)) throw new DomainError("not_found", "no such initiative");

  const key = context.idempotencyKey && IDEMPOTENCY_KEY.test(context.idempotencyKey) ? context.idempotencyKey : null;
  const replay = await existingByKey(viewer.id, key);
  if (replay) return { updateId: replay.id, created: false, version: replay.initiative.version };

  // A closed initiative, or one of a closed plan (the prior year's record), takes no more reports.
  if (initiative.closedAt || initiative.plan.status === "CLOSED") fields.form = "initiative.closed";
  if (parsed.success) {
    const data = parsed.data;
    const period = periodStart(data.period);
    if (data.period > periodOf(now)) fields.period ??= "period.future";
    if (period.getUTCFullYear() < initiative.plan.year) fields.period ??= "period.beforePlan";
    if (data.measuredValue !== null && initiative.targetValue === null) fields.measuredValue ??= "measuredValue.noTarget";
    const suggested = suggestHealth({
      progress: data.progress,
      now,
      start: new Date(Date.UTC(initiative.plan.year, 0, 1)),
      due: initiative.dueDate,
    });
    if (data.health !== suggested && !data.healthReason) fields.healthReason ??= "healthReason.required";
    let revisionOfId: string | null = null;
    if (context.revisionOf) {
      const returned = await prisma.progressUpdate.findFirst({
        where: { id: String(context.revisionOf), initiativeId: initiative.id, authorId: viewer.id, status: "RETURNED", revision: null },
        select: { id: true },
      });
      if (returned) revisionOfId = returned.id;
      else fields.form ??= "revision.invalid";
    }
    if (Object.keys(fields).length === 0 && fileCheck.ok) {
      return write(viewer, initiative, data, suggested, period, fileCheck.files, key, context.ip ?? null, revisionOfId);
    }
  }
  throw new DomainError("invalid", "the update has problems", fields);
}

async function write(
  viewer: Viewer,
  initiative: NonNullable<Awaited<ReturnType<typeof initiativeForWrite>>>,
  data: ReturnType<typeof progressUpdateSchema.parse>,
  suggested: ReturnType<typeof suggestHealth>,
  period: Date,
  files: { name: string; mimeType: string; bytes: Uint8Array }[],
  key: string | null,
  ip: string | null,
  revisionOfId: string | null = null,
): Promise<LogProgressResult> {
  // The lead department's report sets the initiative's headline; a co-operating department reports its part.
  const reportingDepartmentId = viewer.departmentId ?? initiative.departmentId;
  const isLead = reportingDepartmentId === initiative.departmentId;
  try {
    return await prisma.$transaction(async (tx) => {
      const bumped = isLead
        ? await tx.$executeRaw`
            UPDATE initiatives SET version = version + 1, progress = ${data.progress},
                   health = ${data.health}::"Health", measured_value = ${data.measuredValue},
                   last_update_at = now(), updated_at = now()
             WHERE id = ${initiative.id} AND version = ${data.baseVersion} AND closed_at IS NULL AND archived_at IS NULL
               AND plan_id IN (SELECT id FROM work_plans WHERE status = 'ACTIVE')`
        : await tx.$executeRaw`
            UPDATE initiatives SET version = version + 1, last_update_at = now(), updated_at = now()
             WHERE id = ${initiative.id} AND version = ${data.baseVersion} AND closed_at IS NULL AND archived_at IS NULL
               AND plan_id IN (SELECT id FROM work_plans WHERE status = 'ACTIVE')`;
      if (bumped === 0) throw new ConflictRetry();
      const update = await tx.progressUpdate.create({
        data: {
          initiativeId: initiative.id,
          authorId: viewer.id,
          departmentId: reportingDepartmentId,
          period,
          progress: data.progress,
          health: data.health,
          healthSuggested: suggested,
          healthReason: data.health === suggested ? null : data.healthReason,
          workDone: data.workDone,
          searchText: updateSearchText(data),
          problems: data.problems || null,
          nextSteps: data.nextSteps || null,
          measuredValue: data.measuredValue,
          idempotencyKey: key,
          revisionOfId,
          evidence: {
            create: [
              ...data.links.map((url) => ({ kind: "LINK" as const, url })),
              ...files.map((f) => ({
                kind: "FILE" as const,
                fileName: f.name,
                mimeType: f.mimeType,
                size: f.bytes.length,
                data: Buffer.from(f.bytes),
              })),
            ],
          },
        },
        select: { id: true },
      });
      if (isLead) {
        // One roll-up refresh per plan at a time. Each statement of the refresh then reads the
        // initiatives as committed by the reports before it; without the lock, two reports in one
        // theme at the same moment each averaged without the other's progress, and the last write won.
        await tx.$queryRaw`SELECT id FROM work_plans WHERE id = ${initiative.planId} FOR UPDATE`;
        await refreshRollups(tx, initiative.planId);
      }
      await recordAudit(tx, {
        actorId: viewer.id,
        action: "progress.reported",
        objectType: "ProgressUpdate",
        objectId: update.id,
        after: {
          initiativeId: initiative.id,
          period: periodOf(period),
          progress: data.progress,
          health: data.health,
          measuredValue: data.measuredValue,
          files: files.map((f) => f.name),
          links: data.links.length,
          revisionOf: revisionOfId,
        },
        ip,
      });
      await notify(
        tx,
        (await reviewersOf(tx, reportingDepartmentId)).filter((id) => id !== viewer.id),
        "update.submitted",
        { code: initiative.code, title: initiative.title },
        `/review`,
      );
      return { updateId: update.id, created: true, version: data.baseVersion + 1 };
    });
  } catch (error) {
    const isDuplicateKey = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
    if (error instanceof ConflictRetry || isDuplicateKey) {
      // A double click or a retry racing the first request: that request's update is the answer.
      const replay = await existingByKey(viewer.id, key);
      if (replay) return { updateId: replay.id, created: false, version: replay.initiative.version };
      const current = await prisma.initiative.findUnique({
        where: { id: initiative.id },
        select: { version: true, closedAt: true, archivedAt: true, plan: { select: { status: true } }, updates: { orderBy: { createdAt: "desc" }, take: 1, select: { id: true } } },
      });
      if (current?.closedAt || current?.archivedAt || current?.plan.status === "CLOSED") throw new DomainError("invalid", "the initiative is closed", { form: "initiative.closed" });
      throw new ConflictError(current?.version ?? initiative.version, current?.updates[0]?.id ?? null);
    }
    throw error;
  }
}

class ConflictRetry extends Error {}
