"use server";

import { chaseDepartment, chaseInitiative } from "@workplan/core/operations/chase";
import { authedAction } from "@/lib/authed-action";

export type ChaseResult =
  | { status: "saved"; count: number; chaseCount?: number }
  | { status: "invalid"; fields: Record<string, string> }
  | { status: "signed-out" }
  | { status: "error" };

export async function chaseOne(initiativeId: string, note: string): Promise<ChaseResult> {
  return authedAction("initiative.chase", "chase", async ({ viewer, ip }) => {
    const result = await chaseInitiative(viewer, initiativeId, { note }, { ip });
    return { status: "saved", count: 1, chaseCount: result.chaseCount } as const;
  });
}

export async function chaseAll(departmentId: string): Promise<ChaseResult> {
  return authedAction("initiative.chase", "chase", async ({ viewer, ip }) => {
    const result = await chaseDepartment(viewer, departmentId, { ip });
    return { status: "saved", count: result.count } as const;
  });
}
