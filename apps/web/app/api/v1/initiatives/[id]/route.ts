import { DomainError } from "@workplan/core/operations/errors";
import { getInitiative } from "@workplan/core/operations/get-initiative";
import { toApiInitiativeDetail } from "@workplan/core/operations/list-initiatives";
import { json, withApi, methodNotAllowed } from "@/lib/api";

/** One initiative with its updates and milestones; outside the caller's scope it does not exist (404). */
export const GET = withApi<{ id: string }>(
  async (_request, { viewer, params }) => {
    const initiative = await getInitiative(viewer, params.id);
    if (!initiative) throw new DomainError("not_found", "no such initiative");
    return json(toApiInitiativeDetail(initiative));
  },
  { auth: "required", permission: "initiative.read" },
);

// Any other method: 405 with the JSON error and Allow; OPTIONS: 204 with Allow.
const other = methodNotAllowed("GET");
export const POST = other.refuse;
export const PUT = other.refuse;
export const PATCH = other.refuse;
export const DELETE = other.refuse;
export const OPTIONS = other.options;
