"use server";

import { getSession } from "@workplan/auth";
import { clientIp } from "@workplan/auth/options";
import { editUpdate } from "@workplan/core/operations/edit-update";
import { DomainError } from "@workplan/core/operations/errors";
import { ConflictError, logProgress } from "@workplan/core/operations/log-progress";
import { addMilestone, setMilestoneDone } from "@workplan/core/operations/milestones";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";

export type ActionResult =
  | { status: "saved"; version?: number }
  | { status: "invalid"; fields: Record<string, string> }
  | { status: "conflict"; currentVersion: number }
  | { status: "signed-out" }
  | { status: "error" };

async function ip() {
  const h = await headers();
  return clientIp(Object.fromEntries(h.entries()));
}

/** Expected refusals become results the form shows next to its fields; anything else a generic error. */
function toResult(error: unknown): ActionResult {
  if (error instanceof ConflictError) return { status: "conflict", currentVersion: error.currentVersion };
  if (error instanceof DomainError) {
    if (error.code === "invalid" || error.code === "conflict") return { status: "invalid", fields: error.fields ?? { form: "invalid" } };
    return { status: "invalid", fields: { form: "notFound" } };
  }
  console.error("progress action failed", error);
  return { status: "error" };
}

export async function submitProgress(initiativeId: string, formData: FormData): Promise<ActionResult> {
  const viewer = await getSession();
  // Not a redirect: the form keeps what was typed (and its draft) and says to sign in again.
  if (!viewer) return { status: "signed-out" };
  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value : "";
  };
  const files = await Promise.all(
    formData
      .getAll("files")
      .filter((f): f is File => typeof f === "object" && f !== null && "arrayBuffer" in f && f.size > 0)
      .map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
  );
  const input = {
    period: text("period"),
    progress: text("progress"),
    health: text("health") || undefined,
    healthReason: text("healthReason"),
    workDone: text("workDone"),
    problems: text("problems"),
    nextSteps: text("nextSteps"),
    measuredValue: text("measuredValue"),
    links: text("links")
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean),
    baseVersion: text("baseVersion"),
  };
  try {
    const result = await logProgress(viewer, initiativeId, input, files, {
      idempotencyKey: text("idempotencyKey"),
      revisionOf: text("revisionOf") || null,
      ip: await ip(),
    });
    revalidatePath(`/initiatives/${initiativeId}`);
    return { status: "saved", version: result.version };
  } catch (error) {
    return toResult(error);
  }
}

export async function saveUpdateText(initiativeId: string, updateId: string, formData: FormData): Promise<ActionResult> {
  const viewer = await getSession();
  if (!viewer) return { status: "signed-out" };
  try {
    await editUpdate(
      viewer,
      updateId,
      {
        workDone: formData.get("workDone") ?? "",
        problems: formData.get("problems") ?? "",
        nextSteps: formData.get("nextSteps") ?? "",
        version: formData.get("version") ?? "",
      },
      { ip: await ip() },
    );
    revalidatePath(`/initiatives/${initiativeId}`);
    return { status: "saved" };
  } catch (error) {
    return toResult(error);
  }
}

export async function createMilestone(initiativeId: string, formData: FormData): Promise<ActionResult> {
  const viewer = await getSession();
  if (!viewer) return { status: "signed-out" };
  try {
    await addMilestone(viewer, initiativeId, { title: formData.get("title") ?? "", dueDate: formData.get("dueDate") ?? "" }, { ip: await ip() });
    revalidatePath(`/initiatives/${initiativeId}`);
    return { status: "saved" };
  } catch (error) {
    return toResult(error);
  }
}

export async function toggleMilestone(initiativeId: string, milestoneId: string, done: boolean): Promise<ActionResult> {
  const viewer = await getSession();
  if (!viewer) return { status: "signed-out" };
  try {
    await setMilestoneDone(viewer, milestoneId, done, { ip: await ip() });
    revalidatePath(`/initiatives/${initiativeId}`);
    return { status: "saved" };
  } catch (error) {
    return toResult(error);
  }
}
