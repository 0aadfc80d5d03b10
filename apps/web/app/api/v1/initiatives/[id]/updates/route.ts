import { DomainError } from "@workplan/core/operations/errors";
import { logProgress } from "@workplan/core/operations/log-progress";
import { type ApiUpdateCreated, idempotencyKeySchema, json, readJson, withApi, methodNotAllowed } from "@/lib/api";

/**
 * File a monthly progress update (the same operation as the form, with the JSON body's types strict;
 * evidence files are not taken through the API yet, links are). 201 when created; 200 with the same
 * body for a retry of the same request with its Idempotency-Key; 422 for the key sent with another
 * initiative or body.
 */
export const POST = withApi<{ id: string }>(
  async (request, { viewer, params, ip }) => {
    const key = request.headers.get("idempotency-key");
    if (key !== null && !idempotencyKeySchema.safeParse(key).success) {
      throw new DomainError("invalid", "the Idempotency-Key header is malformed", { "Idempotency-Key": "idempotencyKey.format" });
    }
    const input = await readJson(request);
    const result = await logProgress(viewer, params.id, input, [], { idempotencyKey: key, ip, json: true });
    const body: ApiUpdateCreated = { id: result.updateId, version: result.version };
    return json(body, result.created ? 201 : 200);
  },
  { auth: "required", permission: "progress.report" },
);

// Any other method: 405 with the JSON error and Allow; OPTIONS: 204 with Allow.
const other = methodNotAllowed("POST");
export const GET = other.refuse;
export const HEAD = other.refuse;
export const PUT = other.refuse;
export const PATCH = other.refuse;
export const DELETE = other.refuse;
export const OPTIONS = other.options;
