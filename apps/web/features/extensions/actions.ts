"use server";

import { getSession } from "@workplan/auth";
import { clientIp } from "@workplan/auth/options";
import { DomainError } from "@workplan/core/operations/errors";
import { decideExtension, requestExtension } from "@workplan/core/operations/extension-requests";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";

export type ExtensionResult =
  | { status: "saved" }
  | { status: "invalid"; fields: Record<string, string> }
  | { status: "signed-out" }
  | { status: "error" };

async function ip() {
  const h = await headers();
  return clientIp(Object.fromEntries(h.entries()));
}

export async function submitExtensionRequest(initiativeId: string, requestedDueDate: string, reason: string): Promise<ExtensionResult> {
  const viewer = await getSession();
  if (!viewer) return { status: "signed-out" };
  try {
    await requestExtension(viewer, initiativeId, { requestedDueDate, reason }, { ip: await ip() });
    revalidatePath(`/initiatives/${initiativeId}`);
    return { status: "saved" };
  } catch (error) {
    if (error instanceof DomainError) return { status: "invalid", fields: error.fields ?? { form: error.code } };
    console.error("extension request failed", error);
    return { status: "error" };
  }
}

export async function submitExtensionDecision(requestId: string, decision: "approve" | "refuse", comment: string): Promise<ExtensionResult> {
  const viewer = await getSession();
  if (!viewer) return { status: "signed-out" };
  try {
    await decideExtension(viewer, requestId, { decision, comment }, { ip: await ip() });
    // Like the review queue: the decided item stays on screen with its result.
    return { status: "saved" };
  } catch (error) {
    if (error instanceof DomainError) return { status: "invalid", fields: error.fields ?? { form: error.code } };
    console.error("extension decision failed", error);
    return { status: "error" };
  }
}
