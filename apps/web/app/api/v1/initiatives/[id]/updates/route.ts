import { DomainError } from "@workplan/core/operations/errors";
import { logProgress } from "@workplan/core/operations/log-progress";
import { type ApiUpdateCreated, idempotencyKeySchema, json, readJson, withApi } from "@/lib/api";

/**
 * File a monthly progress update (the same operation as the form; evidence files are not taken
 * through the API yet, links are). 201 when created; 200 with the same body for a retry with an
 * Idempotency-Key already used.
 */
export const POST = withApi<{ id: string }>(
  async (request, { viewer, params, ip }) => {
    const key = request.headers.get("idempotency-key");
    if (key !== null && !idempotencyKeySchema.safeParse(key).success) {
      throw new DomainError("invalid", "the Idempotency-Key header is malformed", { "Idempotency-Key": "idempotencyKey.format" });
    }
    const input = await readJson(request);
    const result = await logProgress(viewer, params.id, input, [], { idempotencyKey: key, ip });
    const body: ApiUpdateCreated = { id: result.updateId, version: result.version };
    return json(body, result.created ? 201 : 200);
  },
  { auth: "required", permission: "progress.report" },
);
