import { updateUser } from "@workplan/core/operations/update-user";
import { json, readJson, withApi, methodNotAllowed } from "@/lib/api";

/** Change an account's role, department (code or null) or active state; admins only (anyone else: 404). */
export const PATCH = withApi<{ id: string }>(
  async (request, { viewer, params, ip }) => {
    const body = await readJson(request);
    return json(await updateUser(viewer, params.id, body, { ip }));
  },
  { auth: "required", permission: "admin.users" },
);

// Any other method: 405 with the JSON error and Allow; OPTIONS: 204 with Allow.
const other = methodNotAllowed("PATCH");
export const GET = other.refuse;
export const HEAD = other.refuse;
export const POST = other.refuse;
export const PUT = other.refuse;
export const DELETE = other.refuse;
export const OPTIONS = other.options;
