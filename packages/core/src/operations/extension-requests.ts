import "server-only";
import { prisma, Prisma } from "@workplan/db";
import { z } from "zod";
import { can, check, departmentScope, initiativeResource, type Viewer } from "../rules/policy";
import { fieldErrors } from "../rules/progress";
import { recordAudit } from "./audit";
import { DomainError } from "./errors";
import { idSchema } from "./get-initiative";
import { notify, reviewersOf } from "./notify";
import { initiativeWhere } from "./scope";
import { isoDay, parseIsoDay } from "../rules/dates";

// Staff ask for a later due date, with a reason, before the current one has passed; a manager over
// the lead department approves (the initiative's due date moves, the original one is kept) or
// refuses with a comment. One pending request per initiative at a time.

const parseDate = (value: string): Date | null => parseIsoDay(value);

export const extensionRequestSchema = z
  .object({
    requestedDueDate: z
      .string({ error: "requestedDueDate.required" })
      .trim()
      .min(1, "requestedDueDate.required")
      .refine((v) => parseDate(v) !== null, "requestedDueDate.invalid"),
    reason: z.string({ error: "reason.required" }).trim().min(1, "reason.required").max(500, "reason.tooLong"),
  })
  .strict();

export const extensionDecisionSchema = z
  .object({
    decision: z.enum(["approve", "refuse"], { error: "decision.required" }),
    comment: z.string().trim().max(2000, "comment.tooLong").optional().default(""),
  })
  .strict()
  .refine((r) => r.decision === "approve" || r.comment.length > 0, { path: ["comment"], message: "comment.required" });

export type ExtensionRequestInput = z.input<typeof extensionRequestSchema>;

/** Thrown when someone else decided the request first. */
export class AlreadyDecidedError extends DomainError {
  constructor() {
    super("conflict", "the extension request has already been decided", { form: "extension.decided" });
    this.name = "AlreadyDecidedError";
  }
}

const day = isoDay;

export interface ExtensionContext {
  now?: Date;
  ip?: string | null;
}

/** Ask for a later due date for an initiative (see the rules above). */
export async function requestExtension(viewer: Viewer, initiativeId: unknown, input: unknown, context: ExtensionContext = {}) {
  const now = context.now ?? new Date();
  const id = idSchema.safeParse(initiativeId);
  if (!id.success) throw new DomainError("not_found", "no such initiative");
  const initiative = await prisma.initiative.findFirst({
    where: { AND: [{ id: id.data }, initiativeWhere(viewer)] },
    select: {
      id: true,
      code: true,
      title: true,
      departmentId: true,
      dueDate: true,
      closedAt: true,
      archivedAt: true,
      plan: { select: { status: true } },
      cooperations: { select: { departmentId: true } },
    },
  });
  const refusal = initiative
    ? check(viewer, "extension.request", initiativeResource({ ...initiative, cooperatingDepartmentIds: initiative.cooperations.map((c) => c.departmentId) }))
    : "scope";
  if (!initiative || refusal === "role" || refusal === "scope") throw new DomainError("not_found", "no such initiative");
  const parsed = extensionRequestSchema.safeParse(input);
  const fields: Record<string, string> = parsed.success ? {} : fieldErrors(parsed.error);
  if (refusal) fields.form = "initiative.closed";
  // Before the due date: on the due day itself a request is still in time.
  else if (day(now) > day(initiative.dueDate)) fields.form = "extension.pastDue";
  const requested = parsed.success ? parseDate(parsed.data.requestedDueDate) : null;
  if (requested && requested.getTime() <= initiative.dueDate.getTime()) fields.requestedDueDate ??= "requestedDueDate.notLater";
  if (!parsed.success || !requested || Object.keys(fields).length > 0) {
    throw new DomainError("invalid", "the extension request has problems", fields);
  }
  const reason = parsed.data.reason;
  return prisma.$transaction(
    async (tx) => {
      // One pending request per initiative: serialise requesters on the initiative's row.
      await tx.$queryRaw`SELECT id FROM initiatives WHERE id = ${initiative.id} FOR UPDATE`;
      // Closed meanwhile: the close-out ended the pending requests, and takes no new one.
      const current = await tx.initiative.findUniqueOrThrow({ where: { id: initiative.id }, select: { closedAt: true } });
      if (current.closedAt) throw new DomainError("invalid", "the initiative is closed", { form: "initiative.closed" });
      const pending = await tx.extensionRequest.findFirst({ where: { initiativeId: initiative.id, status: "PENDING" }, select: { id: true } });
      if (pending) throw new DomainError("conflict", "a request is already pending", { form: "extension.pending" });
      const request = await tx.extensionRequest.create({
        data: { initiativeId: initiative.id, requesterId: viewer.id, currentDueDate: initiative.dueDate, requestedDueDate: requested, reason },
        select: { id: true },
      });
      await recordAudit(tx, {
        actorId: viewer.id,
        action: "extension.requested",
        objectType: "ExtensionRequest",
        objectId: request.id,
        after: { initiativeId: initiative.id, code: initiative.code, currentDueDate: day(initiative.dueDate), requestedDueDate: day(requested), reason },
        ip: context.ip ?? null,
      });
      const reviewers = (await reviewersOf(tx, initiative.departmentId)).filter((u) => u !== viewer.id);
      await notify(
        tx,
        reviewers,
        "extension.requested",
        { code: initiative.code, title: initiative.title, requestedDueDate: day(requested) },
        `/initiatives/${initiative.id}`,
      );
      return { requestId: request.id };
    },
  );
}

/** Approve (the due date moves) or refuse (with a comment) a pending extension request, once. */
export async function decideExtension(viewer: Viewer, requestId: unknown, input: unknown, context: ExtensionContext = {}) {
  const id = idSchema.safeParse(requestId);
  if (!id.success) throw new DomainError("not_found", "no such request");
  const request = await prisma.extensionRequest.findFirst({
    where: { id: id.data, initiative: initiativeWhere(viewer) },
    select: {
      id: true,
      status: true,
      requesterId: true,
      requestedDueDate: true,
      initiative: { select: { id: true, code: true, title: true, departmentId: true, closedAt: true, archivedAt: true, plan: { select: { status: true } } } },
    },
  });
  const refusal = request ? check(viewer, "extension.decide", initiativeResource(request.initiative)) : "scope";
  if (!request || refusal === "role" || refusal === "scope") throw new DomainError("not_found", "no such request");
  const parsed = extensionDecisionSchema.safeParse(input);
  if (!parsed.success) throw new DomainError("invalid", "the decision has problems", fieldErrors(parsed.error));
  if (request.status !== "PENDING") throw new AlreadyDecidedError();
  // A closed initiative's due date no longer matters (closing it refuses its pending request).
  if (refusal) throw new DomainError("invalid", "the initiative is closed", { form: "initiative.closed" });
  const { decision, comment } = parsed.data;
  const status = decision === "approve" ? ("APPROVED" as const) : ("REFUSED" as const);
  try {
    return await prisma.$transaction(async (tx) => {
      const changed = await tx.extensionRequest.updateMany({
        where: { id: request.id, status: "PENDING" },
        data: { status, deciderId: viewer.id, decisionComment: comment || null, decidedAt: context.now ?? new Date() },
      });
      if (changed.count === 0) throw new AlreadyDecidedError();
      const current = await tx.initiative.findUniqueOrThrow({
        where: { id: request.initiative.id },
        select: { dueDate: true, originalDueDate: true },
      });
      let after = current;
      if (decision === "approve") {
        after = await tx.initiative.update({
          where: { id: request.initiative.id },
          data: { dueDate: request.requestedDueDate, originalDueDate: current.originalDueDate ?? current.dueDate },
          select: { dueDate: true, originalDueDate: true },
        });
      }
      await recordAudit(tx, {
        actorId: viewer.id,
        action: decision === "approve" ? "extension.approved" : "extension.refused",
        objectType: "ExtensionRequest",
        objectId: request.id,
        before: { status: "PENDING", dueDate: day(current.dueDate) },
        after: { status, dueDate: day(after.dueDate), originalDueDate: after.originalDueDate ? day(after.originalDueDate) : null, comment: comment || null },
        ip: context.ip ?? null,
      });
      await notify(
        tx,
        [request.requesterId],
        "extension.decided",
        { code: request.initiative.code, title: request.initiative.title, decision, dueDate: day(after.dueDate), comment: comment || null },
        `/initiatives/${request.initiative.id}`,
      );
      return { status, dueDate: after.dueDate };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2034") throw new AlreadyDecidedError();
    throw error;
  }
}

const pendingSelect = {
  id: true,
  currentDueDate: true,
  requestedDueDate: true,
  reason: true,
  createdAt: true,
  requester: { select: { name: true } },
  initiative: { select: { id: true, code: true, title: true, dueDate: true } },
} satisfies Prisma.ExtensionRequestSelect;

/** Pending extension requests the viewer may decide, oldest first. */
export async function listPendingExtensions(viewer: Viewer, options: { limit?: number } = {}) {
  if (!can(viewer, "extension.decide")) return [];
  const scope = departmentScope(viewer);
  return prisma.extensionRequest.findMany({
    where: {
      status: "PENDING",
      initiative: { archivedAt: null, closedAt: null, ...(scope.kind === "department" ? { departmentId: scope.departmentId } : {}) },
    },
    orderBy: { createdAt: "asc" },
    take: Math.min(options.limit ?? 100, 500),
    select: pendingSelect,
  });
}

export type PendingExtension = Awaited<ReturnType<typeof listPendingExtensions>>[number];

export const EXTENSIONS_PAGE_SIZE = 20;

/** A page of the pending extension requests the viewer may decide, oldest first, with their true count. */
export async function getPendingExtensionsPage(viewer: Viewer, pageInput: unknown) {
  if (!can(viewer, "extension.decide")) return { items: [], total: 0, page: 1, pages: 1 };
  const scope = departmentScope(viewer);
  const where: Prisma.ExtensionRequestWhereInput = {
    status: "PENDING",
    initiative: { archivedAt: null, closedAt: null, ...(scope.kind === "department" ? { departmentId: scope.departmentId } : {}) },
  };
  const total = await prisma.extensionRequest.count({ where });
  const pages = Math.max(1, Math.ceil(total / EXTENSIONS_PAGE_SIZE));
  const asked = Number(pageInput);
  const page = Number.isInteger(asked) ? Math.min(pages, Math.max(1, asked)) : 1;
  const items: PendingExtension[] = await prisma.extensionRequest.findMany({
    where,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    skip: (page - 1) * EXTENSIONS_PAGE_SIZE,
    take: EXTENSIONS_PAGE_SIZE,
    select: pendingSelect,
  });
  return { items, total, page, pages };
}
