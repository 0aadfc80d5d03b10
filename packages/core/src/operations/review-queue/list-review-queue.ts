import "server-only";
import { type Viewer } from "../../rules/policy";
import { getReviewQueuePage } from "./get-review-queue-page";
import { type ReviewQueueItem } from "./shared";

/** The queue's first page, oldest first, as a list (what the tests and the API read). */
export async function listReviewQueue(viewer: Viewer, options: { limit?: number } = {}): Promise<ReviewQueueItem[]> {
  return (await getReviewQueuePage(viewer, { order: "oldest" }, { limit: options.limit ?? 100 })).items;
}
