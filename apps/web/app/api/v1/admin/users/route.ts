import { inviteUser } from "@workplan/core/operations/invite-user";
import { listUsers } from "@workplan/core/operations/list-users";
import { json, readJson, withApi, methodNotAllowed } from "@/lib/api";
import { setPasswordUrl } from "@/lib/set-password-url";

/** Accounts, for admins (anyone else: 404): ?q=&role=&department=&active=&locked=&page=&limit= */
export const GET = withApi(
  async (request, { viewer }) => json(await listUsers(viewer, Object.fromEntries(request.nextUrl.searchParams))),
  { auth: "required", permission: "admin.users" },
);

/** Create an account; the answer carries its one-time set-password link, shown this once. */
export const POST = withApi(
  async (request, { viewer, ip }) => {
    const body = await readJson(request);
    const created = await inviteUser(viewer, body, { ip });
    return json(
      { user: created.user, setPasswordUrl: await setPasswordUrl(created.token), expiresAt: created.expiresAt.toISOString() },
      201,
    );
  },
  { auth: "required", permission: "admin.users" },
);

// Any other method: 405 with the JSON error and Allow; OPTIONS: 204 with Allow.
const other = methodNotAllowed("GET", "POST");
export const PUT = other.refuse;
export const PATCH = other.refuse;
export const DELETE = other.refuse;
export const OPTIONS = other.options;
