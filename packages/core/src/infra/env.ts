import { z } from "zod";

// Every environment variable the server reads, in one place, checked when it starts
// (apps/web/instrumentation.ts): a typo in TRUST_PROXY or an SMTP_URL that is not smtp:// is named
// at start-up instead of failing quietly later. README → Configuration explains each one.

const flag = z.enum(["0", "1"], { error: "must be 0 or 1" });
const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" });

export const serverEnvSchema = z
  .object({
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgresql:// connection string" }),
    AUTH_SECRET: z.string().min(16, "must be at least 16 characters (e.g. `openssl rand -base64 32`)").optional(),
    NEXTAUTH_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
    NEXTAUTH_URL: httpUrl.optional(),
    APP_URL: httpUrl.optional(),
    PORT: z.coerce.number({ error: "must be a port number" }).int().min(1).max(65535, "must be a port number").optional(),
    DATABASE_POOL_SIZE: z.coerce.number({ error: "must be a number" }).int().min(1).max(200, "must be 1 to 200").optional(),
    TRUST_PROXY: z.string().regex(/^(10|[0-9]|true)$/, "must be the number of trusted proxies, 0 to 10").optional(),
    SIGN_IN_ADDRESS_LIMIT: z.coerce
      .number({ error: "must be a number of failed sign-ins" })
      .int("must be a whole number")
      .min(1, "must be 1 to 10000")
      .max(10_000, "must be 1 to 10000")
      .optional(),
    SMTP_URL: z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL" }).optional(),
    MAIL_FROM: z.string().min(3).optional(),
    ALLOW_INSECURE_HTTP: flag.optional(),
    NODE_ENV: z.string().optional(),
    DEMO_MODE: flag.optional(),
    SEED_DEMO: flag.optional(),
    SEED_DEMO_HISTORY: flag.optional(),
    WORKPLAN_SQL_COUNT: flag.optional(),
    WORKPLAN_SCHEDULER: flag.optional(),
    WORKPLAN_DEBUG: flag.optional(),
    WORKPLAN_TODAY: z.iso.date({ error: "must be a day, YYYY-MM-DD" }).optional(),
  });

export type ServerEnv = z.infer<typeof serverEnvSchema>;

/** The variables that are set, blanks as unset (a compose file passes `SMTP_URL=` for "off"). */
function present(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(serverEnvSchema.shape)) {
    const value = env[key]?.trim();
    if (value) out[key] = value;
  }
  return out;
}

/** "NAME must be …", one per problem; empty when the environment is fit to start. */
export function serverEnvProblems(env: NodeJS.ProcessEnv = process.env): string[] {
  const values = present(env);
  const parsed = serverEnvSchema.safeParse(values);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? "environment");
        return name in values ? `${name} ${issue.message}` : `${name} is not set`;
      });
  if (values.WORKPLAN_TODAY && values.DEMO_MODE !== "1") {
    problems.push("WORKPLAN_TODAY is for the demo only: set DEMO_MODE=1 as well, or unset it");
  }
  problems.push(...publicUrlProblems(values));
  if (!values.AUTH_SECRET && !values.NEXTAUTH_SECRET) {
    problems.push("AUTH_SECRET is not set: set it to a long random string (e.g. `openssl rand -base64 32`)");
  }
  return problems;
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * In production the public URL decides where session cookies may travel: over plain http they would
 * cross the network in clear (and next-auth only marks them Secure, as `__Secure-…`, for https).
 * A loopback address is the one http URL allowed without saying so (a demo on this machine);
 * anything else needs ALLOW_INSECURE_HTTP=1, a deliberate choice for a closed network.
 */
function publicUrlProblems(values: Record<string, string>): string[] {
  if (values.NODE_ENV !== "production") return [];
  if (!values.NEXTAUTH_URL) return ["NEXTAUTH_URL is not set: set it to the app's public address (https://…)"];
  let url: URL;
  try {
    url = new URL(values.NEXTAUTH_URL);
  } catch {
    return []; // named by the schema
  }
  if (url.protocol === "https:" || LOOPBACK.has(url.hostname) || values.ALLOW_INSECURE_HTTP === "1") return [];
  return [
    "NEXTAUTH_URL must be https:// in production (session cookies would travel in clear); set ALLOW_INSECURE_HTTP=1 only on a network you trust",
  ];
}

/** The checked environment; throws naming every problem. */
export function readServerEnv(env: NodeJS.ProcessEnv = process.env): ServerEnv {
  const problems = serverEnvProblems(env);
  if (problems.length > 0) throw new Error(`The environment is not fit to start: ${problems.join("; ")}.`);
  return serverEnvSchema.parse(present(env));
}
