import { type Prisma } from "@workplan/db";
import "server-only";
import { z } from "zod";
import { isoDay, parseIsoDay } from "../../rules/dates";
import { DomainError } from "../errors";
import type { listPendingExtensions } from "./list-pending-extensions";

// What the operations in extension-requests/ share.
export const parseDate = (value: string): Date | null => parseIsoDay(value);

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

export const day = isoDay;

export interface ExtensionContext {
  now?: Date;
  ip?: string | null;
}

export const pendingSelect = {
  id: true,
  currentDueDate: true,
  requestedDueDate: true,
  reason: true,
  createdAt: true,
  requester: { select: { name: true } },
  initiative: { select: { id: true, code: true, title: true, dueDate: true } },
} satisfies Prisma.ExtensionRequestSelect;

export type PendingExtension = Awaited<ReturnType<typeof listPendingExtensions>>[number];

export const EXTENSIONS_PAGE_SIZE = 20;
