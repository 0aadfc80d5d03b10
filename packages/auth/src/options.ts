import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { SESSION_HOURS, authenticate, endSession } from "./authenticate";
import { clientIp } from "./client-ip";

declare module "next-auth" {
  interface Session {
    sid?: string;
  }
  interface User {
    sid?: string;
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
  }
}

function header(headers: unknown, name: string): string | null {
  if (!headers || typeof headers !== "object") return null;
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  if (Array.isArray(value)) return value[0] ?? null;
  return value ?? null;
}


/**
 * Error codes the sign-in form maps to messages in the user's language. A throttled attempt's code
 * carries the seconds to wait: "Throttled:120" (signInError() in the form reads it).
 */
export const SIGN_IN_ERRORS = { invalid: "CredentialsSignin", throttled: "Throttled", inactive: "Inactive" } as const;

export const authOptions: NextAuthOptions = {
  // One line per problem, no stack traces: a forged or outdated cookie is routine, not a crash.
  logger: {
    error(code, metadata) {
      const message = metadata instanceof Error ? metadata.message : (metadata as { message?: string })?.message;
      console.warn(`[auth] ${code}${message ? `: ${message}` : ""}`);
    },
    warn(code) {
      if (code !== "DEBUG_ENABLED") console.warn(`[auth] ${code}`);
    },
    debug() {},
  },
  secret: process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_HOURS * 3600 },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "credentials",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, req) {
        const result = await authenticate(
          { email: credentials?.email ?? "", password: credentials?.password ?? "" },
          { ip: clientIp(req.headers), userAgent: header(req.headers, "user-agent") },
        );
        if (result.ok) return { id: result.userId, sid: result.sessionId };
        if (result.reason === "invalid") return null;
        if (result.reason === "throttled") throw new Error(`${SIGN_IN_ERRORS.throttled}:${result.retryAfterSeconds}`);
        throw new Error(SIGN_IN_ERRORS[result.reason]);
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.sid) token.sid = user.sid;
      return token;
    },
    session({ session, token }) {
      // Only the session id goes to the browser; who the user is, is re-read on every request.
      return { expires: session.expires, sid: token.sid };
    },
  },
  events: {
    async signOut({ token }) {
      if (token.sid) await endSession(token.sid);
    },
  },
};
