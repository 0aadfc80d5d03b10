import { listInitiatives } from "@workplan/core/operations/list-initiatives";
import { json, withApi } from "@/lib/api";

/** The initiatives in the caller's scope: ?year=&department=&health=&q=&limit=&cursor= */
export const GET = withApi(
  async (request, { viewer }) => json(await listInitiatives(viewer, Object.fromEntries(request.nextUrl.searchParams))),
  { auth: "required", permission: "initiative.read" },
);
