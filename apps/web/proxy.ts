import { FORWARDED_HEADERS, trustedProxies } from "@workplan/auth/client-ip";
import { SESSION_COOKIES } from "@workplan/auth/cookies";
import { isOwnOrigin } from "@workplan/auth/origin";
import { NextResponse, type NextRequest } from "next/server";
import { isLocale, LOCALE_COOKIE } from "@/i18n/locales";
import { API_CSP, DOCUMENT_CSP, hsts, newNonce, pageCsp } from "@/lib/security-headers";
import { outageResponse } from "@/lib/outage";

// Every request but static files passes here, for three things:
// - browser defences: a Content-Security-Policy with a nonce made for this response (Next.js puts it
//   on its own scripts, read from the request's header), HSTS when the public address is https;
// - trust: forwarded headers the client wrote itself are dropped unless TRUST_PROXY says a proxy of
//   ours sets them; a form post (server action) from any origin but ours is refused with 403;
// - a coarse redirect: a visitor with no session cookie at all goes to sign-in. Whether a session is
//   valid (signed, unexpired, not revoked, user active) is checked on the server by requireUser().

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const FORWARDED = [...FORWARDED_HEADERS, "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "forwarded"];

export async function proxy(request: NextRequest) {
  // While the database is unreachable, pages are a 503 with Retry-After (lib/outage.ts), with a
  // policy of their own (the page's one script and style by hash).
  const outage = await outageResponse(request);
  if (outage) return withHsts(outage);
  const headers = new Headers(request.headers);
  // With no trusted proxy in front (TRUST_PROXY unset), a forwarded address or host came from the
  // client itself: drop it, and Next.js records the connection's own address instead (client-ip.ts).
  if (trustedProxies() === 0) for (const h of FORWARDED) headers.delete(h);
  const { pathname } = request.nextUrl;

  // The API answers for itself (401 as JSON, its own CSRF rule for cookies); its answers and
  // downloads run nothing.
  if (pathname.startsWith("/api/")) {
    const document = pathname.startsWith("/api/v1/reports/") && request.nextUrl.searchParams.get("format") === "html";
    return secured(NextResponse.next({ request: { headers } }), document ? DOCUMENT_CSP : API_CSP);
  }

  // A page is only ever posted to by its own server actions: from anywhere else (another site, a
  // script with no Origin) the post is refused before any action runs.
  if (!SAFE_METHODS.has(request.method) && !isOwnOrigin(request.headers.get("origin"), headers)) {
    return secured(
      new NextResponse("403 Forbidden: this form may only be sent from Workplan's own pages.", {
        status: 403,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      }),
      API_CSP,
    );
  }

  const csp = pageCsp(newNonce(), {
    dev: process.env.NODE_ENV === "development",
    https: process.env.NEXTAUTH_URL?.startsWith("https://"),
  });
  headers.set("Content-Security-Policy", csp);
  const next = () => secured(NextResponse.next({ request: { headers } }), csp);

  // set-password is for people without a session.
  if (pathname === "/set-password" || pathname === "/help" || pathname.startsWith("/help/")) return next();
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (pathname === "/sign-in" || pathname.startsWith("/sign-in/")) return signIn(request, next, csp);
  // Only page navigations are redirected; a form post (server action) with an ended session is
  // answered by the action itself, so the form can keep what was typed and say what happened.
  if (!SAFE_METHODS.has(request.method) || hasSession) return next();
  const url = request.nextUrl.clone();
  const target = `${pathname}${request.nextUrl.search}`;
  url.pathname = "/sign-in";
  url.search = target === "/" ? "" : `?callbackUrl=${encodeURIComponent(target)}`;
  return secured(NextResponse.redirect(url), csp);
}

/** /sign-in/anything goes to /sign-in; a language link (SignInLanguages) is remembered, and left. */
function signIn(request: NextRequest, next: () => NextResponse, csp: string) {
  const { pathname } = request.nextUrl;
  if (pathname !== "/sign-in") {
    const url = request.nextUrl.clone();
    url.pathname = "/sign-in";
    return secured(NextResponse.redirect(url), csp);
  }
  const chosen = request.nextUrl.searchParams.get("locale");
  if (chosen === null) return next();
  const url = request.nextUrl.clone();
  url.searchParams.delete("locale");
  const response = NextResponse.redirect(url, 303);
  if (isLocale(chosen)) {
    response.cookies.set(LOCALE_COOKIE, chosen, {
      path: "/",
      maxAge: 365 * 24 * 3600,
      sameSite: "lax",
      secure: process.env.NEXTAUTH_URL?.startsWith("https://"),
    });
  }
  return secured(response, csp);
}

function secured(response: NextResponse, csp: string): NextResponse {
  response.headers.set("Content-Security-Policy", csp);
  return withHsts(response);
}

function withHsts(response: NextResponse): NextResponse {
  const sts = hsts(process.env.NEXTAUTH_URL);
  if (sts) response.headers.set("Strict-Transport-Security", sts);
  return response;
}

export const config = {
  // Everything but Next's static files (hashed names, served as they are).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
