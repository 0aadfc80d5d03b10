"use server";

import { chaseDepartment, chaseInitiative, previewDepartmentChase, REPLY_BY_MAX_DAYS } from "@workplan/core/operations/chase";
import { planNow } from "@workplan/core/infra/plan-clock";
import { beijingToday, DAY_MS, isoDay } from "@workplan/core/rules/dates";
import { fieldsOf } from "@/lib/action-args";
import { authedAction } from "@/lib/authed-action";

export type ChaseResult =
  | { status: "saved"; count: number; recipients?: number; chaseCount?: number }
  | { status: "invalid"; fields: Record<string, string> }
  | { status: "signed-out" }
  | { status: "error" };

export type ChasePreviewResult =
  | { status: "preview"; count: number; recipients: number; codes: string[]; minDate: string; maxDate: string }
  | { status: "invalid"; fields: Record<string, string> }
  | { status: "signed-out" }
  | { status: "error" };

/** What a chase form sends: its note and reply-by day as typed; the operation checks them. */
function chaseInput(value: unknown, expectedCount?: unknown) {
  const fields = fieldsOf(value);
  return { note: fields.note, replyBy: fields.replyBy, ...(expectedCount === undefined ? {} : { expectedCount }) };
}

export async function chaseOne(initiativeId: string, input: { note: string; replyBy: string }): Promise<ChaseResult> {
  return authedAction("initiative.chase", "chase", async ({ viewer, ip }) => {
    const result = await chaseInitiative(viewer, initiativeId, chaseInput(input), { ip });
    return { status: "saved", count: 1, chaseCount: result.chaseCount } as const;
  });
}

/** What a department-wide chase of one year's plan would reach, and the days its reply-by may take, for its confirmation. */
export async function previewChaseAll(departmentId: string, year: number): Promise<ChasePreviewResult> {
  return authedAction("initiative.chase", "chase preview", async ({ viewer }) => {
    const now = planNow();
    const preview = await previewDepartmentChase(viewer, { departmentId, year }, { now });
    const today = beijingToday(now);
    return {
      status: "preview",
      ...preview,
      minDate: isoDay(today),
      maxDate: isoDay(new Date(today.getTime() + REPLY_BY_MAX_DAYS * DAY_MS)),
    } as const;
  });
}

/** Chase a department's late initiatives in one year's plan, as confirmed: `expectedCount` is the count the sender saw. */
export async function chaseAll(departmentId: string, year: number, input: { note: string; replyBy: string; expectedCount: number }): Promise<ChaseResult> {
  return authedAction("initiative.chase", "chase", async ({ viewer, ip }) => {
    const result = await chaseDepartment(viewer, { departmentId, year }, chaseInput(input, fieldsOf(input).expectedCount), { ip });
    return { status: "saved", count: result.count, recipients: result.recipients } as const;
  });
}
