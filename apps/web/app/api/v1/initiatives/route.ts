import { listInitiatives } from "@workplan/core/operations/list-initiatives";
import { json, withApi, methodNotAllowed } from "@/lib/api";

/** The initiatives in the caller's scope: ?year=&department=&health=&q=&limit=&cursor= */
export const GET = withApi(
  async (request, { viewer }) => json(await listInitiatives(viewer, Object.fromEntries(request.nextUrl.searchParams))),
  { auth: "required", permission: "initiative.read" },
);

// Any other method: 405 with the JSON error and Allow; OPTIONS: 204 with Allow.
const other = methodNotAllowed("GET");
export const POST = other.refuse;
export const PUT = other.refuse;
export const PATCH = other.refuse;
export const DELETE = other.refuse;
export const OPTIONS = other.options;
