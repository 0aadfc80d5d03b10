"use server";

import { getSession } from "@workplan/auth";
import { clientIp } from "@workplan/auth/options";
import { DomainError } from "@workplan/core/operations/errors";
import { markNotificationsRead } from "@workplan/core/operations/notifications";
import { reviewUpdate } from "@workplan/core/operations/review-update";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";

export type ReviewResult =
  | { status: "saved"; decision: "approve" | "return" }
  | { status: "invalid"; fields: Record<string, string> }
  | { status: "signed-out" }
  | { status: "error" };

export async function submitReview(updateId: string, decision: "approve" | "return", comment: string): Promise<ReviewResult> {
  const viewer = await getSession();
  if (!viewer) return { status: "signed-out" };
  try {
    const h = await headers();
    await reviewUpdate(viewer, updateId, { decision, comment }, { ip: clientIp(Object.fromEntries(h.entries())) });
    // No revalidation of the queue: the reviewed item stays on screen with its result until the
    // manager moves on (pages are rendered per request, so the next visit shows the queue as it is).
    return { status: "saved", decision };
  } catch (error) {
    if (error instanceof DomainError) return { status: "invalid", fields: error.fields ?? { form: error.code } };
    console.error("review failed", error);
    return { status: "error" };
  }
}

export async function markAllRead(): Promise<void> {
  const viewer = await getSession();
  if (!viewer) return;
  await markNotificationsRead(viewer);
  revalidatePath("/notifications");
}
