import { updateUser } from "@workplan/core/operations/update-user";
import { requireAdmin } from "@workplan/core/operations/user-admin";
import { adminOperation } from "@/lib/admin-api";
import { json, readJson, withApi } from "@/lib/api";

/** Change an account's role, department (code or null) or active state; admins only (anyone else: 404). */
export const PATCH = withApi<{ id: string }>(
  async (request, { viewer, params, ip }) => {
    requireAdmin(viewer); // before reading the body: to anyone else the route does not exist
    const body = await readJson(request);
    return json(await adminOperation(() => updateUser(viewer, params.id, body, { ip })));
  },
  { auth: "required" },
);
