import { reviewUpdate } from "@workplan/core/operations/review-update";
import { type ApiReviewResult, json, readJson, withApi, methodNotAllowed } from "@/lib/api";

/**
 * Review an update: `decision` = approve | return, `comment` required to return. 200 with the new
 * status; 409 when it was already reviewed (by someone else at the same moment, say); 404 outside
 * the caller's scope or for a caller who may not review.
 */
export const POST = withApi<{ id: string }>(
  async (request, { viewer, params, ip }) => {
    const result = await reviewUpdate(viewer, params.id, await readJson(request), { ip });
    const answer: ApiReviewResult = { id: params.id, status: result.status, reviewId: result.reviewId };
    return json(answer);
  },
  { auth: "required", permission: "update.review" },
);

// Any other method: 405 with the JSON error and Allow; OPTIONS: 204 with Allow.
const other = methodNotAllowed("POST");
export const GET = other.refuse;
export const HEAD = other.refuse;
export const PUT = other.refuse;
export const PATCH = other.refuse;
export const DELETE = other.refuse;
export const OPTIONS = other.options;
