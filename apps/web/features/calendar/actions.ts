"use server";

import { getSession } from "@workplan/auth";
import { clientIp } from "@workplan/auth/options";
import { chaseDepartment, chaseInitiative } from "@workplan/core/operations/chase";
import { DomainError } from "@workplan/core/operations/errors";
import { headers } from "next/headers";

export type ChaseResult =
  | { status: "saved"; count: number; chaseCount?: number }
  | { status: "invalid"; fields: Record<string, string> }
  | { status: "signed-out" }
  | { status: "error" };

async function ip() {
  return clientIp(Object.fromEntries((await headers()).entries()));
}

export async function chaseOne(initiativeId: string, note: string): Promise<ChaseResult> {
  const viewer = await getSession();
  if (!viewer) return { status: "signed-out" };
  try {
    const result = await chaseInitiative(viewer, initiativeId, { note }, { ip: await ip() });
    return { status: "saved", count: 1, chaseCount: result.chaseCount };
  } catch (error) {
    if (error instanceof DomainError) return { status: "invalid", fields: error.fields ?? { form: error.code } };
    console.error("chase failed", error);
    return { status: "error" };
  }
}

export async function chaseAll(departmentId: string): Promise<ChaseResult> {
  const viewer = await getSession();
  if (!viewer) return { status: "signed-out" };
  try {
    const result = await chaseDepartment(viewer, departmentId, { ip: await ip() });
    return { status: "saved", count: result.count };
  } catch (error) {
    if (error instanceof DomainError) return { status: "invalid", fields: error.fields ?? { form: error.code } };
    console.error("chase failed", error);
    return { status: "error" };
  }
}
