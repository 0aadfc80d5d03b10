"use server";

import { markNotificationsRead } from "@workplan/core/operations/notifications";
import { reviewUpdate } from "@workplan/core/operations/review-update";
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/authed-action";

export type ReviewResult =
  | { status: "saved"; decision: "approve" | "return" }
  | { status: "invalid"; fields: Record<string, string> }
  | { status: "signed-out" }
  | { status: "error" };

export async function submitReview(updateId: string, decision: "approve" | "return", comment: string): Promise<ReviewResult> {
  return authedAction("update.review", "review", async ({ viewer, ip }) => {
    await reviewUpdate(viewer, updateId, { decision, comment }, { ip });
    // No revalidation of the queue: the reviewed item stays on screen with its result until the
    // manager moves on (pages are rendered per request, so the next visit shows the queue as it is).
    return { status: "saved", decision } as const;
  });
}

export async function markAllRead(): Promise<void> {
  await authedAction("signed-in", "marking notifications read", async ({ viewer }) => {
    await markNotificationsRead(viewer);
    revalidatePath("/notifications");
  });
}
