import "server-only";
import { headers } from "next/headers";

/**
 * The app's public origin for links that leave the app (a set-password link sent by e-mail or
 * chat): NEXTAUTH_URL when set (as `npm start` and production set it), else the request's host.
 */
export async function publicOrigin(): Promise<string> {
  const configured = process.env.NEXTAUTH_URL;
  if (configured) return new URL(configured).origin;
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? "http";
  return `${proto}://${host}`;
}

/** The one-time link a person opens to set their password. */
export async function setPasswordUrl(token: string): Promise<string> {
  return `${await publicOrigin()}/set-password?token=${encodeURIComponent(token)}`;
}
