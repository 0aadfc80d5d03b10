// Which origin is ours, for every check that a request came from our own pages: server actions
// (proxy.ts), cookie-authenticated API writes (apps/web/lib/api.ts).
//
// The configured public address (NEXTAUTH_URL) decides. Only without one (development) is the
// request's own Host header used, and X-Forwarded-Host only when TRUST_PROXY says a proxy of ours
// sets it: a header the client wrote itself never makes a foreign origin ours.

import { trustedProxies } from "./client-ip";

type HeaderGetter = { get(name: string): string | null };

/** The origin of the configured public address, or null when none is configured (or it is not a URL). */
export function configuredOrigin(value: string | undefined = process.env.NEXTAUTH_URL): string | null {
  if (!value) return null;
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}

/** Whether `origin` (an Origin header's value) is this app's own. A missing or malformed one is not. */
export function isOwnOrigin(
  origin: string | null,
  headers: HeaderGetter,
  options: { publicUrl?: string; proxies?: number } = {},
): boolean {
  if (!origin || origin === "null") return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  const configured = configuredOrigin(options.publicUrl ?? process.env.NEXTAUTH_URL);
  if (configured) return parsed.origin === configured;
  const proxies = options.proxies ?? trustedProxies();
  const forwarded = proxies > 0 ? headers.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  const host = forwarded || headers.get("host");
  return host !== null && host !== undefined && parsed.host === host;
}
