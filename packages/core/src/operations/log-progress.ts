import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { prisma, Prisma } from "@workplan/db";
import { checkEvidenceFiles } from "../rules/evidence";
import { check, initiativeResource, type Viewer } from "../rules/policy";
import {
  fieldErrors,
  periodOf,
  periodStart,
  progressUpdateJsonSchema,
  progressUpdateSchema,
  suggestHealth,
} from "../rules/progress";
import { canonicalJson } from "../rules/canonical-json";
import { auditKind } from "./audit";
import { DomainError } from "./errors";
import { idSchema } from "./get-initiative";
import { refreshRollups } from "./refresh-rollups";
import { updateSearchText } from "../infra/search-text";
import { kickEmailOutbox } from "../infra/email";
import { initiativeScopeSql } from "./scope";
import { planNow } from "../infra/plan-clock";
import { safeParseText } from "../rules/text-input";

export interface EvidenceFileInput {
  name: string;
  bytes: Uint8Array;
}

export interface LogProgressContext {
  /**
   * One submission's key: a retry with it is answered with the update it filed. It is bound to the
   * author, this operation, the initiative and the request (a hash of the canonical input, revision
   * and files): the key sent again with anything else is refused (IdempotencyMismatchError).
   */
  idempotencyKey?: string | null;
  /** The input is a JSON body (the API): its types are strict (progressUpdateJsonSchema), text is no number. */
  json?: boolean;
  /** The returned update this one revises (the author's resubmission after a review). */
  revisionOf?: string | null;
  ip?: string | null;
  /** The plan calendar's now (planNow()): what the period is checked against. */
  now?: Date;
  /**
   * When the report counts as filed (its created_at, which decides on time or late): the plan
   * calendar's now unless given. The demo seed files its 2018 history with it.
   */
  filedAt?: Date;
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

/** An idempotency key sent again with another request (another initiative or body): nothing is saved. */
export class IdempotencyMismatchError extends DomainError {
  constructor() {
    super("conflict", "the idempotency key was used for another request", { form: "idempotencyKey.reused" });
    this.name = "IdempotencyMismatchError";
  }
}

const REPORTED = auditKind("progress.reported", "ProgressUpdate");
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,100}$/;

/** The initiative as far as writing to it goes, within the viewer's scope; null when invisible. */
export async function initiativeForWrite(tx: Prisma.TransactionClient | typeof prisma, viewer: Viewer, id: unknown) {
  const parsed = idSchema.safeParse(id);
  if (!parsed.success) return null;
  // One statement (with its plan and co-operating departments), not one per relation: it runs on every report.
  const [row] = await tx.$queryRaw<WriteRow[]>`
    SELECT i.id, i.code, i.title, i.plan_id AS "planId", i.department_id AS "departmentId", i.version,
           i.closed_at AS "closedAt", i.archived_at AS "archivedAt", i.due_date AS "dueDate", i.target_value::float8 AS "targetValue",
           p.year, p.status::text AS status,
           coalesce((SELECT array_agg(c.department_id) FROM initiative_cooperations c WHERE c.initiative_id = i.id), '{}') AS "cooperatingDepartmentIds"
      FROM initiatives i JOIN work_plans p ON p.id = i.plan_id
     WHERE i.id = ${parsed.data} AND ${initiativeScopeSql(viewer, "i")}`;
  if (!row) return null;
  const { year, status, ...rest } = row;
  return { ...rest, plan: { year, status } };
}

interface WriteRow {
  id: string;
  code: string;
  title: string;
  planId: string;
  departmentId: string;
  version: number;
  closedAt: Date | null;
  archivedAt: Date | null;
  dueDate: Date;
  targetValue: number | null;
  year: number;
  status: string;
  cooperatingDepartmentIds: string[];
}

/** What a key is bound to besides its author: this operation, the initiative and the request itself. */
function requestFingerprint(initiativeId: unknown, input: unknown, files: readonly EvidenceFileInput[], revisionOf: unknown): string {
  return createHash("sha256")
    .update(
      canonicalJson({
        operation: "progress.report",
        initiativeId: String(initiativeId),
        input,
        revisionOf: revisionOf ? String(revisionOf) : null,
        files: files.map((f) => ({ name: f.name, sha256: createHash("sha256").update(f.bytes).digest("hex") })),
      }),
    )
    .digest("hex");
}

/**
 * The update filed earlier with this author's key, when this is the same request again; a key first
 * used for another request is refused. (An update filed before keys had fingerprints is matched by
 * its initiative.)
 */
async function replayOf(authorId: string, key: string | null, initiativeId: string, fingerprint: string) {
  if (!key) return null;
  const found = await prisma.progressUpdate.findUnique({
    where: { authorId_idempotencyKey: { authorId, idempotencyKey: key } },
    select: { id: true, initiativeId: true, idempotencyFingerprint: true, initiative: { select: { version: true } } },
  });
  if (!found) return null;
  const same = found.idempotencyFingerprint === null ? found.initiativeId === initiativeId : found.idempotencyFingerprint === fingerprint;
  if (!same) throw new IdempotencyMismatchError();
  return { updateId: found.id, created: false, version: found.initiative.version };
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
  const now = context.now ?? planNow();
  const parsed = safeParseText(context.json ? progressUpdateJsonSchema : progressUpdateSchema, input);
  const fields: Record<string, string> = parsed.success ? {} : fieldErrors(parsed.error);
  const fileCheck = checkEvidenceFiles(files);
  if (!fileCheck.ok) fields.files = fileCheck.problem;

  const initiative = await initiativeForWrite(prisma, viewer, initiativeId);
  const refusal = initiative ? check(viewer, "progress.report", initiativeResource(initiative)) : "scope";
  if (!initiative || refusal === "role" || refusal === "scope") throw new DomainError("not_found", "no such initiative");

  // A retry with the idempotency key of a report already filed is answered with that report. It is
  // not looked up first (one round trip less on every report): the write finds it, by the key's unique
  // index or the version it bumped, and so does any refusal below (the report may have closed a revision).
  const key = context.idempotencyKey && IDEMPOTENCY_KEY.test(context.idempotencyKey) ? context.idempotencyKey : null;
  const fingerprint = requestFingerprint(initiative.id, input, files, context.revisionOf);

  // A closed or archived initiative, or one of a closed plan (the prior year's record), takes no more reports.
  if (refusal) fields.form = "initiative.closed";
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
      return write(viewer, initiative, data, suggested, period, fileCheck.files, { key, fingerprint }, context.ip ?? null, revisionOfId, context.filedAt ?? planNow());
    }
  }
  const replay = await replayOf(viewer.id, key, initiative.id, fingerprint);
  if (replay) return replay;
  throw new DomainError("invalid", "the update has problems", fields);
}

async function write(
  viewer: Viewer,
  initiative: NonNullable<Awaited<ReturnType<typeof initiativeForWrite>>>,
  data: ReturnType<typeof progressUpdateSchema.parse>,
  suggested: ReturnType<typeof suggestHealth>,
  period: Date,
  files: { name: string; mimeType: string; bytes: Uint8Array }[],
  { key, fingerprint }: { key: string | null; fingerprint: string },
  ip: string | null,
  revisionOfId: string | null,
  filedAt: Date,
): Promise<LogProgressResult> {
  // The lead department's report sets the initiative's headline; a co-operating department reports its part.
  const reportingDepartmentId = viewer.departmentId ?? initiative.departmentId;
  const isLead = reportingDepartmentId === initiative.departmentId;
  const updateId = newId();
  // A `timestamp` column holds UTC: the ISO string cast to it keeps the UTC wall time.
  const at = filedAt.toISOString();
  // The audit trail and notifications keep the real clock (the demo pins only the plan calendar's).
  const recorded = new Date().toISOString();
  const audit = {
    initiativeId: initiative.id,
    period: periodOf(period),
    progress: data.progress,
    health: data.health,
    measuredValue: data.measuredValue,
    files: files.map((f) => f.name),
    links: data.links.length,
    revisionOf: revisionOfId,
  };
  const lead = isLead
    ? Prisma.sql`progress = ${data.progress}, health = ${data.health}::"Health", measured_value = ${data.measuredValue}::numeric,`
    : Prisma.empty;
  try {
    const created = await prisma.$transaction(async (tx) => {
      // ONE statement: bump the version only if it is still the one the reporter saw, and only then
      // insert the report, its audit event and its reviewers' notifications (set-based: the
      // department's active managers, or the ministry-wide ones when it has none, never the author).
      // The lead department's report also takes its plan's lock (see below) at the end of it.
      // Round trips, not work, are what a report costs: this was eleven statements.
      const [result] = await tx.$queryRaw<{ bumped: bigint; notified: bigint; locked: bigint }[]>`
        WITH bumped AS (
          UPDATE initiatives SET version = version + 1, ${lead} last_update_at = ${at}::timestamp, updated_at = now()
           WHERE id = ${initiative.id} AND version = ${data.baseVersion}::int AND closed_at IS NULL AND archived_at IS NULL
             AND plan_id IN (SELECT id FROM work_plans WHERE status = 'ACTIVE')
          RETURNING id
        ), report AS (
          INSERT INTO progress_updates (id, initiative_id, author_id, department_id, period, progress, health, health_suggested,
                                        health_reason, work_done, search_text, problems, next_steps, measured_value,
                                        idempotency_key, idempotency_fingerprint, revision_of_id, created_at, updated_at)
          SELECT ${updateId}, b.id, ${viewer.id}, ${reportingDepartmentId}, ${`${periodOf(period)}-01`}::date, ${data.progress}::int,
                 ${data.health}::"Health", ${suggested}::"Health", ${data.health === suggested ? null : data.healthReason},
                 ${data.workDone}, ${updateSearchText(data)}, ${data.problems || null}, ${data.nextSteps || null},
                 ${data.measuredValue}::numeric, ${key}, ${key && fingerprint}, ${revisionOfId}, ${at}::timestamp, ${at}::timestamp
            FROM bumped b
          RETURNING id
        ), audit AS (
          INSERT INTO audit_events (actor_id, action, object_type, object_id, after, ip, at)
          SELECT ${viewer.id}, ${REPORTED.action}, ${REPORTED.objectType}, r.id, ${JSON.stringify(audit)}::jsonb, ${ip}, ${recorded}::timestamp FROM report r
        ), notified AS (
          INSERT INTO notifications (id, user_id, kind, params, link, created_at)
          SELECT md5(r.id || u.id), u.id, 'update.submitted', ${JSON.stringify({ code: initiative.code, title: initiative.title })}::jsonb, '/review', ${recorded}::timestamp
            FROM report r JOIN users u ON u.role = 'MANAGER' AND u.active AND u.id <> ${viewer.id}
             AND (u.department_id = ${reportingDepartmentId}
                  OR (u.department_id IS NULL AND NOT EXISTS (SELECT 1 FROM users o WHERE o.role = 'MANAGER' AND o.active
                                                                 AND o.department_id = ${reportingDepartmentId})))
          RETURNING id
        ), locked AS (
          SELECT id FROM work_plans WHERE id = ${initiative.planId} AND ${isLead}::boolean AND EXISTS (SELECT 1 FROM report) FOR UPDATE
        )
        SELECT (SELECT count(*) FROM bumped) AS bumped, (SELECT count(*) FROM notified) AS notified, (SELECT count(*) FROM locked) AS locked`;
      if (!result || Number(result.bumped) === 0) throw new ConflictRetry();
      if (data.links.length > 0 || files.length > 0) {
        await tx.evidence.createMany({
          data: [
            ...data.links.map((url) => ({ updateId, kind: "LINK" as const, url })),
            ...files.map((f) => ({
              updateId,
              kind: "FILE" as const,
              fileName: f.name,
              mimeType: f.mimeType,
              size: f.bytes.length,
              data: Buffer.from(f.bytes),
            })),
          ],
        });
      }
      if (isLead) {
        // One roll-up refresh per plan at a time: the statement above ended holding the plan's row
        // lock, so this one reads the initiatives as committed by the reports before it. Without the
        // lock, two reports in one theme at the same moment each averaged without the other's
        // progress, and the last write won. Taken last, it is held for one statement and the commit.
        await refreshRollups(tx, initiative.planId);
      }
      return Number(result.notified) > 0;
    });
    // When this process mails notifications, have the outbox look shortly (the report is committed).
    if (created) kickEmailOutbox();
    return { updateId, created: true, version: data.baseVersion + 1 };
  } catch (error) {
    const isDuplicateKey = isUniqueViolation(error);
    if (error instanceof ConflictRetry || isDuplicateKey) {
      // A double click or a retry racing the first request: that request's update is the answer
      // (and the key reused for another request is refused, nothing of this one saved).
      const replay = await replayOf(viewer.id, key, initiative.id, fingerprint);
      if (replay) return replay;
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

/** A unique constraint refused the insert (Prisma's P2002, or PostgreSQL's 23505 through a raw statement). */
function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (error.code === "P2002") return true;
  return JSON.stringify(error.meta ?? {}).includes("23505") || /23505|unique constraint/i.test(error.message);
}

/** A new row id of the form the app's ids take (idSchema: 20–40 of [a-z0-9]): "c" and 24 random base-36 digits. */
function newId(): string {
  const bytes = randomBytes(24);
  let out = "c";
  for (const b of bytes) out += (b % 36).toString(36);
  return out;
}
