import { reviewUpdate } from "@workplan/core/operations/review-update";
import { json, readJson, withApi } from "@/lib/api";

/**
 * Review an update: `decision` = approve | return, `comment` required to return. 200 with the new
 * status; 409 when it was already reviewed (by someone else at the same moment, say); 404 outside
 * the caller's scope or for a caller who may not review.
 */
export const POST = withApi<{ id: string }>(
  async (request, { viewer, params, ip }) => {
    const result = await reviewUpdate(viewer, params.id, await readJson(request), { ip });
    return json({ id: params.id, status: result.status, reviewId: result.reviewId });
  },
  { auth: "required", permission: "update.review" },
);
