"use server";

import { decideExtension, requestExtension } from "@workplan/core/operations/extension-requests";
import { revalidatePath } from "next/cache";
import { path } from "@/lib/action-args";
import { authedAction } from "@/lib/authed-action";

export type ExtensionResult =
  | { status: "saved" }
  | { status: "invalid"; fields: Record<string, string> }
  | { status: "signed-out" }
  | { status: "error" };

export async function submitExtensionRequest(initiativeId: string, requestedDueDate: string, reason: string): Promise<ExtensionResult> {
  return authedAction("extension.request", "extension request", async ({ viewer, ip }) => {
    await requestExtension(viewer, initiativeId, { requestedDueDate, reason }, { ip });
    revalidatePath(path`/initiatives/${initiativeId}`);
    return { status: "saved" } as const;
  });
}

export async function submitExtensionDecision(requestId: string, decision: "approve" | "refuse", comment: string): Promise<ExtensionResult> {
  return authedAction("extension.decide", "extension decision", async ({ viewer, ip }) => {
    await decideExtension(viewer, requestId, { decision, comment }, { ip });
    // Like the review queue: the decided item stays on screen with its result.
    return { status: "saved" } as const;
  });
}
