import { closeInitiative } from "@workplan/core/operations/close-out";
import { DomainError } from "@workplan/core/operations/errors";
import { type ApiInitiativeClosed, json, readJson, withApi, methodNotAllowed } from "@/lib/api";

/**
 * Close an initiative at year end (结项): `outcome` and `note`, optionally `baseVersion`. 200 with
 * the outcome and the new version; 409 when it is already closed or baseVersion is stale; 404
 * outside the caller's scope or for a caller who may not close it (managers over its department).
 */
export const POST = withApi<{ id: string }>(
  async (request, { viewer, params, ip }) => {
    const body = await readJson(request);
    if (typeof body !== "object" || body === null || Array.isArray(body) || "initiativeId" in body) {
      throw new DomainError("invalid", "the body must be a JSON object", { form: "form.invalid" });
    }
    const result = await closeInitiative(viewer, { ...body, initiativeId: params.id }, { ip });
    const answer: ApiInitiativeClosed = {
      id: result.initiativeId,
      outcome: result.outcome,
      closedAt: result.closedAt.toISOString(),
      version: result.version,
    };
    return json(answer);
  },
  { auth: "required", permission: "initiative.close" },
);

// Any other method: 405 with the JSON error and Allow; OPTIONS: 204 with Allow.
const other = methodNotAllowed("POST");
export const GET = other.refuse;
export const HEAD = other.refuse;
export const PUT = other.refuse;
export const PATCH = other.refuse;
export const DELETE = other.refuse;
export const OPTIONS = other.options;
