import { updateUser } from "@workplan/core/operations/update-user";
import { json, readJson, withApi } from "@/lib/api";

/** Change an account's role, department (code or null) or active state; admins only (anyone else: 404). */
export const PATCH = withApi<{ id: string }>(
  async (request, { viewer, params, ip }) => {
    const body = await readJson(request);
    return json(await updateUser(viewer, params.id, body, { ip }));
  },
  { auth: "required", permission: "admin.users" },
);
