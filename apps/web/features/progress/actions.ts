"use server";

import { editUpdate } from "@workplan/core/operations/edit-update";
import { type DomainError } from "@workplan/core/operations/errors";
import { ConflictError, logProgress } from "@workplan/core/operations/log-progress";
import { addMilestone, setMilestoneDone } from "@workplan/core/operations/milestones";
import { revalidatePath } from "next/cache";
import { formOf, path } from "@/lib/action-args";
import { authedAction } from "@/lib/authed-action";

export type ActionResult =
  | { status: "saved"; version?: number }
  | { status: "invalid"; fields: Record<string, string> }
  | { status: "conflict"; currentVersion: number }
  | { status: "signed-out" }
  | { status: "error" };

/** Expected refusals become results the form shows next to its fields. */
function refused(error: DomainError): ActionResult {
  if (error instanceof ConflictError) return { status: "conflict", currentVersion: error.currentVersion };
  if (error.code === "invalid" || error.code === "conflict") return { status: "invalid", fields: error.fields ?? { form: "invalid" } };
  return { status: "invalid", fields: { form: "notFound" } };
}

export async function submitProgress(initiativeId: string, sent: FormData): Promise<ActionResult> {
  const formData = formOf(sent);
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
  // No session: "signed-out", not a redirect: the form keeps what was typed (and its draft).
  return authedAction(
    "progress.report",
    "filing a report",
    async ({ viewer, ip }) => {
      const result = await logProgress(viewer, initiativeId, input, files, {
        idempotencyKey: text("idempotencyKey"),
        revisionOf: text("revisionOf") || null,
        ip,
      });
      revalidatePath(path`/initiatives/${initiativeId}`);
      return { status: "saved", version: result.version } as const;
    },
    refused,
  );
}

export async function saveUpdateText(initiativeId: string, updateId: string, sent: FormData): Promise<ActionResult> {
  const formData = formOf(sent);
  const text = {
    workDone: formData.get("workDone") ?? "",
    problems: formData.get("problems") ?? "",
    nextSteps: formData.get("nextSteps") ?? "",
    version: formData.get("version") ?? "",
  };
  return authedAction(
    "update.edit",
    "editing a report",
    async ({ viewer, ip }) => {
      await editUpdate(viewer, updateId, text, { ip });
      revalidatePath(path`/initiatives/${initiativeId}`);
      return { status: "saved" } as const;
    },
    refused,
  );
}

export async function createMilestone(initiativeId: string, sent: FormData): Promise<ActionResult> {
  const formData = formOf(sent);
  const input = { title: formData.get("title") ?? "", dueDate: formData.get("dueDate") ?? "" };
  return authedAction(
    "milestone.manage",
    "adding a milestone",
    async ({ viewer, ip }) => {
      await addMilestone(viewer, initiativeId, input, { ip });
      revalidatePath(path`/initiatives/${initiativeId}`);
      return { status: "saved" } as const;
    },
    refused,
  );
}

export async function toggleMilestone(initiativeId: string, milestoneId: string, done: boolean): Promise<ActionResult> {
  return authedAction(
    "milestone.manage",
    "marking a milestone",
    async ({ viewer, ip }) => {
      await setMilestoneDone(viewer, milestoneId, done, { ip });
      revalidatePath(path`/initiatives/${initiativeId}`);
      return { status: "saved" } as const;
    },
    refused,
  );
}
