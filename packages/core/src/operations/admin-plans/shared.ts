import { type Prisma } from "@workplan/db";
import "server-only";
import { z } from "zod";
import { issuesToFields } from "../../rules/plan-admin";
import { can, type Viewer } from "../../rules/policy";
import { DomainError } from "../errors";
import { idSchema } from "../get-initiative";
import { refreshRollups } from "../refresh-rollups";
import type { getAdminPlan } from "./get-admin-plan";
import type { listAdminPlans } from "./list-admin-plans";

// What the operations in admin-plans/ share.
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

export const listQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  departmentId: idSchema.optional(),
});

export type AdminPlanList = Awaited<ReturnType<typeof listAdminPlans>>;

export type AdminPlan = NonNullable<Awaited<ReturnType<typeof getAdminPlan>>>;

export function planSnapshot(p: { heading: string; preamble: string; reportDueDay: number; reminderDaysBefore: number }) {
  return { heading: p.heading, preamble: p.preamble, reportDueDay: p.reportDueDay, reminderDaysBefore: p.reminderDaysBefore };
}
