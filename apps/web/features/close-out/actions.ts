"use server";

import { getSession } from "@workplan/auth";
import { clientIp } from "@workplan/auth/options";
import { carryOverInitiative, closeInitiative, reopenInitiative } from "@workplan/core/operations/close-out";
import { DomainError } from "@workplan/core/operations/errors";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";

export type CloseOutResult =
  | { status: "saved"; initiativeId?: string }
  | { status: "invalid"; fields: Record<string, string> }
  | { status: "signed-out" }
  | { status: "error" };

async function ip() {
  const h = await headers();
  return clientIp(Object.fromEntries(h.entries()));
}

async function run(what: string, paths: () => string[], action: () => Promise<{ initiativeId?: string } | void>): Promise<CloseOutResult> {
  try {
    const result = await action();
    for (const path of paths()) revalidatePath(path);
    return { status: "saved", ...(result && result.initiativeId ? { initiativeId: result.initiativeId } : {}) };
  } catch (error) {
    if (error instanceof DomainError) return { status: "invalid", fields: error.fields ?? { form: error.code } };
    console.error(`${what} failed`, error);
    return { status: "error" };
  }
}

/** Close an initiative with an outcome and a note, against the version the page showed. */
export async function submitCloseOut(initiativeId: string, outcome: string, note: string, baseVersion: number): Promise<CloseOutResult> {
  const viewer = await getSession();
  if (!viewer) return { status: "signed-out" };
  const context = { ip: await ip() };
  return run(
    "close-out",
    () => [`/initiatives/${initiativeId}`],
    async () => {
      await closeInitiative(viewer, { initiativeId, outcome: outcome || undefined, note, baseVersion }, context);
    },
  );
}

/** Carry a closed, unfinished initiative into the next year's plan. */
export async function submitCarryOver(initiativeId: string): Promise<CloseOutResult> {
  const viewer = await getSession();
  if (!viewer) return { status: "signed-out" };
  const context = { ip: await ip() };
  let carriedId = "";
  return run(
    "carry-over",
    () => [`/initiatives/${initiativeId}`, `/initiatives/${carriedId}`, "/plan"],
    async () => {
      const result = await carryOverInitiative(viewer, { initiativeId }, context);
      carriedId = result.initiativeId;
      return { initiativeId: result.initiativeId };
    },
  );
}

/** Undo a mistaken close (before a carry-over). */
export async function submitReopen(initiativeId: string): Promise<CloseOutResult> {
  const viewer = await getSession();
  if (!viewer) return { status: "signed-out" };
  const context = { ip: await ip() };
  return run(
    "reopen",
    () => [`/initiatives/${initiativeId}`],
    async () => {
      await reopenInitiative(viewer, initiativeId, context);
    },
  );
}
