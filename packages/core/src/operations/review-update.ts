import "server-only";
import { prisma, Prisma } from "@workplan/db";
import { z } from "zod";
import { check, type Viewer } from "../rules/policy";
import { fieldErrors } from "../rules/progress";
import { recordAudit } from "./audit";
import { DomainError } from "./errors";
import { idSchema } from "./get-initiative";
import { notify } from "./notify";
import { initiativeWhere } from "./scope";
import { safeParseText } from "../rules/text-input";

export const reviewSchema = z
  .object({
    decision: z.enum(["approve", "return"], { error: "decision.required" }).describe("approve, or return the report to its author"),
    comment: z
      .string()
      .trim()
      .max(2000, "comment.tooLong")
      .optional()
      .default("")
      .describe("Required (not blank) to return a report (fields.comment), optional to approve; at most 2000 characters"),
  })
  .strict()
  .refine((r) => r.decision === "approve" || r.comment.length > 0, { path: ["comment"], message: "comment.required" });

export type ReviewInput = z.input<typeof reviewSchema>;

/** English wording of the review's message keys, for the API. The interface translates the same keys. */
export const REVIEW_MESSAGES: Readonly<Record<string, string>> = {
  "decision.required": "The decision is approve or return.",
  "comment.required": "Say in a comment what to change when returning a report.",
  "comment.tooLong": "Keep the comment to 2000 characters.",
  "comment.invalid": "The comment is text.",
  "comment.control": "Remove the control characters (such as NUL) from this text.",
  "review.already": "This report has already been reviewed.",
  "form.invalid": "The body must be a JSON object with decision and comment only.",
};

/** Thrown when someone else reviewed the update first. */
export class AlreadyReviewedError extends DomainError {
  constructor() {
    super("conflict", "the update has already been reviewed", { form: "review.already" }, REVIEW_MESSAGES);
    this.name = "AlreadyReviewedError";
  }
}

/**
 * Approve an update, or return it to its author with a comment. An update is reviewed once: the
 * status change is guarded (`WHERE status = 'SUBMITTED'`) and the review row is unique per update,
 * so of two reviewers acting at the same moment one wins and the other gets AlreadyReviewedError.
 */
export async function reviewUpdate(viewer: Viewer, updateId: unknown, input: unknown, context: { ip?: string | null } = {}) {
  const id = idSchema.safeParse(updateId);
  if (!id.success) throw new DomainError("not_found", "no such update");
  const parsed = safeParseText(reviewSchema, input);
  const update = await prisma.progressUpdate.findFirst({
    where: { id: id.data, initiative: initiativeWhere(viewer) },
    select: {
      id: true,
      status: true,
      authorId: true,
      departmentId: true,
      initiative: { select: { id: true, code: true, title: true, archivedAt: true } },
    },
  });
  const refusal = update
    ? check(viewer, "update.review", { departmentId: update.departmentId, authorId: update.authorId, status: update.status, archived: update.initiative.archivedAt !== null })
    : "scope";
  if (!update || refusal === "role" || refusal === "scope" || refusal === "archived") throw new DomainError("not_found", "no such update");
  if (refusal === "own") throw new DomainError("forbidden", "nobody reviews their own report");
  if (!parsed.success) throw new DomainError("invalid", "the review has problems", fieldErrors(parsed.error), REVIEW_MESSAGES);
  if (refusal === "reviewed") throw new AlreadyReviewedError();
  const { decision, comment } = parsed.data;
  try {
    return await prisma.$transaction(async (tx) => {
      const changed = await tx.progressUpdate.updateMany({
        where: { id: update.id, status: "SUBMITTED" },
        data: { status: decision === "approve" ? "APPROVED" : "RETURNED", reviewedAt: new Date() },
      });
      if (changed.count === 0) throw new AlreadyReviewedError();
      const review = await tx.review.create({
        data: { updateId: update.id, reviewerId: viewer.id, decision: decision === "approve" ? "APPROVE" : "RETURN", comment: comment || null },
        select: { id: true },
      });
      await recordAudit(tx, {
        actorId: viewer.id,
        action: decision === "approve" ? "update.approved" : "update.returned",
        objectType: "ProgressUpdate",
        objectId: update.id,
        before: { status: "SUBMITTED" },
        after: { status: decision === "approve" ? "APPROVED" : "RETURNED", comment: comment || null },
        ip: context.ip ?? null,
      });
      await notify(
        tx,
        [update.authorId],
        decision === "approve" ? "update.approved" : "update.returned",
        { code: update.initiative.code, title: update.initiative.title, comment: comment || null },
        `/initiatives/${update.initiative.id}`,
      );
      return { reviewId: review.id, status: decision === "approve" ? ("APPROVED" as const) : ("RETURNED" as const) };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new AlreadyReviewedError();
    throw error;
  }
}

export { listReviewQueue, type ReviewQueueItem } from "./review-queue";
