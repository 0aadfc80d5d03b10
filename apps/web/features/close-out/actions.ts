"use server";

import { carryOverInitiative, closeInitiative, reopenInitiative } from "@workplan/core/operations/close-out";
import { revalidatePath } from "next/cache";
import { path } from "@/lib/action-args";
import { authedAction } from "@/lib/authed-action";

export type CloseOutResult =
  | { status: "saved"; initiativeId?: string }
  | { status: "invalid"; fields: Record<string, string> }
  | { status: "signed-out" }
  | { status: "error" };

/** Close an initiative with an outcome and a note, against the version the page showed. */
export async function submitCloseOut(initiativeId: string, outcome: string, note: string, baseVersion: number): Promise<CloseOutResult> {
  return authedAction("initiative.close", "close-out", async ({ viewer, ip }) => {
    await closeInitiative(viewer, { initiativeId, outcome: outcome || undefined, note, baseVersion }, { ip });
    revalidatePath(path`/initiatives/${initiativeId}`);
    return { status: "saved" } as const;
  });
}

/** Carry a closed, unfinished initiative into the next year's plan. */
export async function submitCarryOver(initiativeId: string): Promise<CloseOutResult> {
  return authedAction("initiative.close", "carry-over", async ({ viewer, ip }) => {
    const result = await carryOverInitiative(viewer, { initiativeId }, { ip });
    for (const page of [path`/initiatives/${initiativeId}`, path`/initiatives/${result.initiativeId}`, "/plan"]) revalidatePath(page);
    return { status: "saved", initiativeId: result.initiativeId } as const;
  });
}

/** Undo a mistaken close (before a carry-over). */
export async function submitReopen(initiativeId: string): Promise<CloseOutResult> {
  return authedAction("initiative.close", "reopen", async ({ viewer, ip }) => {
    await reopenInitiative(viewer, initiativeId, { ip });
    revalidatePath(path`/initiatives/${initiativeId}`);
    return { status: "saved" } as const;
  });
}
