import "server-only";
import { loadViewer, type SessionViewer } from "@workplan/core/operations/load-viewer";
import { can, type Action, type DepartmentOwned } from "@workplan/core/rules/policy";
import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { SESSION_COOKIES } from "./cookies";
import { authOptions } from "./options";

export { SESSION_COOKIES };

/** The signed-in viewer for this request, re-read from the database once per request. */
export const getSession = cache(async (): Promise<SessionViewer | null> => {
  const session = await getServerSession(authOptions);
  if (!session?.sid) return null;
  return loadViewer(session.sid);
});

/** The viewer, or a redirect to sign-in (saying the session ended when there was one). */
export async function requireUser(): Promise<SessionViewer> {
  const viewer = await getSession();
  if (viewer) return viewer;
  const jar = await cookies();
  const hadSession = SESSION_COOKIES.some((name) => jar.has(name));
  redirect(hadSession ? "/sign-in?reason=expired" : "/sign-in");
}

/** The viewer when allowed; anything else behaves as if the page did not exist. */
export async function requirePermission(action: Action, resource?: DepartmentOwned): Promise<SessionViewer> {
  const viewer = await requireUser();
  if (!can(viewer, action, resource)) notFound();
  return viewer;
}
