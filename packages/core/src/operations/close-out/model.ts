import "server-only";
import { type Prisma } from "@workplan/db";
import { z } from "zod";

import { DomainError } from "../errors";
import { idSchema } from "../get-initiative";
import { isoDay } from "../../rules/dates";
import { INT4_MAX } from "../../rules/text-input";

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
      .max(INT4_MAX, "baseVersion.invalid")
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

export type Tx = Prisma.TransactionClient;

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

export const day = isoDay;

/** The decision comment of a pending extension request ended by the close-out (free text, shown as written). */
export const CLOSED_EXTENSION_COMMENT = "已结项，延期申请自动关闭";
