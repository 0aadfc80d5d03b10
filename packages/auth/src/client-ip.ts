// The client's address, for the audit trail and sign-in throttling: one rule for pages, server
// actions, the REST API and sign-in.
//
// X-Forwarded-For is a list a client can start with anything it likes; each reverse proxy appends
// the address it saw. Only proxies we run are believed: TRUST_PROXY is how many of them stand in
// front of the app (0 or unset: none). proxy.ts removes the forwarded headers of a request when
// TRUST_PROXY is 0, so that Next.js fills X-Forwarded-For with the connection's own address, and
// with n proxies the address the outermost one saw is the n-th from the right.

export const FORWARDED_HEADERS = ["x-forwarded-for", "x-real-ip"] as const;

/** The number of trusted reverse proxies, from TRUST_PROXY ("2"; "true" means 1); 0 when unset or not a number. */
export function trustedProxies(value: string | undefined = process.env.TRUST_PROXY): number {
  if (value === undefined || value.trim() === "") return 0;
  if (value.trim().toLowerCase() === "true") return 1;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 && n <= 10 ? n : 0;
}

type HeaderSource = Headers | Record<string, string | string[] | undefined> | unknown;

function header(headers: HeaderSource, name: string): string | null {
  if (headers instanceof Headers) return headers.get(name);
  if (!headers || typeof headers !== "object") return null;
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  if (Array.isArray(value)) return value.join(",");
  return value ?? null;
}

/** The client's address by that rule, or null when the request carries none. */
export function clientIp(headers: HeaderSource, proxies: number = trustedProxies()): string | null {
  const list = (header(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const address = list[list.length - Math.max(proxies, 1)];
  return address && address.length <= 64 ? address : null;
}
