import { json, toApiMe, withApi } from "@/lib/api";

/** Who the token (or session) acts as. */
export const GET = withApi(async (_request, { viewer }) => json(toApiMe(viewer)), { auth: "required", permission: "signed-in" });
