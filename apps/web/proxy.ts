import { FORWARDED_HEADERS, trustedProxies } from "@workplan/auth/client-ip";
import { SESSION_COOKIES } from "@workplan/auth/cookies";
import { NextResponse, type NextRequest } from "next/server";
import { DEFAULT_LOCALE, LOCALE_COOKIE, isLocale } from "@/i18n/locales";
import { outageResponse } from "@/lib/outage";

// Coarse redirect only: a visitor with no session cookie at all goes to sign-in. Whether a session
// is valid (signed, unexpired, not revoked, user active) is checked on the server by requireUser().

export async function proxy(request: NextRequest) {
  // While the database is unreachable, pages are a 503 with Retry-After (lib/outage.ts).
  const outage = await outageResponse(request);
  if (outage) return outage;
  // With no trusted proxy in front (TRUST_PROXY unset), a forwarded address came from the client
  // itself: drop it, and Next.js records the connection's own address instead (client-ip.ts).
  let init: { request: { headers: Headers } } | undefined;
  if (trustedProxies() === 0 && FORWARDED_HEADERS.some((h) => request.headers.has(h))) {
    const headers = new Headers(request.headers);
    for (const h of FORWARDED_HEADERS) headers.delete(h);
    init = { request: { headers } };
  }
  const { pathname } = request.nextUrl;
  // The API answers for itself (401 as JSON); set-password is for people without a session.
  if (pathname.startsWith("/api/") || pathname === "/set-password") return NextResponse.next(init);
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (pathname === "/sign-in" || pathname.startsWith("/sign-in/")) return signIn(request, hasSession, init);
  // Only page navigations are redirected; a form post (server action) with an ended session is
  // answered by the action itself, so the form can keep what was typed and say what happened.
  if (request.method !== "GET" && request.method !== "HEAD") return NextResponse.next(init);
  if (hasSession) return NextResponse.next(init);
  const url = request.nextUrl.clone();
  const target = `${pathname}${request.nextUrl.search}`;
  url.pathname = "/sign-in";
  url.search = target === "/" ? "" : `?callbackUrl=${encodeURIComponent(target)}`;
  return NextResponse.redirect(url);
}

/**
 * /sign-in for a visitor without a session cookie is the page prerendered at build time in their
 * language (app/sign-in/[locale]/[mode]): nothing to check, nothing to render. With a cookie the
 * dynamic page checks the session (a valid one goes on to where it was headed). The prerendered
 * addresses themselves are not for typing: they go back to /sign-in.
 */
function signIn(request: NextRequest, hasSession: boolean, init: { request: { headers: Headers } } | undefined) {
  const { pathname } = request.nextUrl;
  if (pathname !== "/sign-in") {
    const url = request.nextUrl.clone();
    url.pathname = "/sign-in";
    return NextResponse.redirect(url);
  }
  // A language link (SignInLanguages): remember it, and come back without it.
  const chosen = request.nextUrl.searchParams.get("locale");
  if (chosen !== null) {
    const url = request.nextUrl.clone();
    url.searchParams.delete("locale");
    const response = NextResponse.redirect(url, 303);
    if (isLocale(chosen)) response.cookies.set(LOCALE_COOKIE, chosen, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
    return response;
  }
  if (hasSession || (request.method !== "GET" && request.method !== "HEAD")) return NextResponse.next(init);
  const stored = request.cookies.get(LOCALE_COOKIE)?.value;
  const locale = isLocale(stored) ? stored : DEFAULT_LOCALE;
  const url = request.nextUrl.clone();
  url.pathname = `/sign-in/${locale}/${process.env.DEMO_MODE === "1" ? "demo" : "plain"}`;
  const response = NextResponse.rewrite(url, init);
  // The same address answers in the cookie's language: no shared cache may keep one for everyone.
  response.headers.set("Cache-Control", "private, no-cache");
  response.headers.set("Vary", "Cookie");
  return response;
}

export const config = {
  matcher: [
    // Pages (static files and the prerendered help aside).
    "/((?!api/|help|_next/|favicon.ico|robots.txt).*)",
    // The API only when a request carries a forwarded address, for the rule above: the API's
    // other requests (a system filing reports) do not pay for the proxy.
    { source: "/api/:path*", has: [{ type: "header", key: "x-forwarded-for" }] },
    { source: "/api/:path*", has: [{ type: "header", key: "x-real-ip" }] },
  ],
};
