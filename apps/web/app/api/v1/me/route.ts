import { json, toApiMe, withApi, methodNotAllowed } from "@/lib/api";

/** Who the token (or session) acts as. */
export const GET = withApi(async (_request, { viewer }) => json(toApiMe(viewer)), { auth: "required", permission: "signed-in" });

// Any other method: 405 with the JSON error and Allow; OPTIONS: 204 with Allow.
const other = methodNotAllowed("GET");
export const POST = other.refuse;
export const PUT = other.refuse;
export const PATCH = other.refuse;
export const DELETE = other.refuse;
export const OPTIONS = other.options;
