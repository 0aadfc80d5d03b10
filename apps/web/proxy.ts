import { NextResponse, type NextRequest } from "next/server";

// Coarse redirect only: a visitor with no session cookie at all goes to sign-in. Whether a session
// is valid (signed, unexpired, not revoked, user active) is checked on the server by requireUser().
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export function proxy(request: NextRequest) {
  // Only page navigations are redirected; a form post (server action) with an ended session is
  // answered by the action itself, so the form can keep what was typed and say what happened.
  if (request.method !== "GET" && request.method !== "HEAD") return NextResponse.next();
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) return NextResponse.next();
  const url = request.nextUrl.clone();
  const target = `${request.nextUrl.pathname}${request.nextUrl.search}`;
  url.pathname = "/sign-in";
  url.search = target === "/" ? "" : `?callbackUrl=${encodeURIComponent(target)}`;
  return NextResponse.redirect(url);
}

export const config = {
  matcher: ["/((?!sign-in|set-password|help|api/|_next/|favicon.ico|robots.txt).*)"],
};
