import "server-only";
import { z } from "zod";
import { parseIsoDay } from "../../rules/dates";
import { DomainError } from "../errors";

// What the operations in milestones/ share.
export const isCalendarDate = (text: string): boolean => parseIsoDay(text, { minYear: 1900 }) !== null;

export const milestoneSchema = z
  .object({
    title: z.string({ error: "title.required" }).trim().min(1, "title.required").max(200, "title.tooLong"),
    dueDate: z.string({ error: "dueDate.format" }).trim().regex(/^\d{4}-\d{2}-\d{2}$/, "dueDate.format").refine(isCalendarDate, "dueDate.invalid"),
  })
  .strict();

/** The prior year's record and closed or archived initiatives are read-only, milestones included. */
export function closed(): DomainError {
  return new DomainError("invalid", "the initiative is closed", { form: "initiative.closed" });
}
