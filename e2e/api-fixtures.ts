import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, request, type APIRequestContext } from "@playwright/test";
import pg from "pg";
import type { ContractFixture } from "./contract-fixture";

export type { ContractFixture };
import { DEMO_PASSWORD } from "./fixtures";

// What the API specs that write (contract, property) share: a department of their own, callers
// signed in through the auth API, and the database's row counts.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** A department with its plan, initiatives, staff member and manager (e2e/contract-fixture.ts). */
export function loadContractFixture(prefix: string): ContractFixture {
  // Letters and digits only: the code goes into initiative codes.
  const code = `${prefix}${Date.now().toString(36).toUpperCase().slice(-6)}`;
  const out = execFileSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "e2e/contract-fixture.ts", code], {
    cwd: root,
    env: process.env,
    encoding: "utf8",
    timeout: 60_000,
  });
  const line = out.trim().split("\n").at(-1) ?? "";
  return JSON.parse(line) as ContractFixture;
}

/**
 * A caller signed in with a session cookie. `origin` (the default) sends this site's Origin on every
 * request, as the browser does for the app's own pages; without it a state change is refused (403).
 */
export async function signedIn(baseURL: string, email: string, options: { origin?: boolean } = {}): Promise<APIRequestContext> {
  const context = await request.newContext({ baseURL, extraHTTPHeaders: options.origin === false ? {} : { Origin: baseURL } });
  const csrf = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await context.post("/api/auth/callback/credentials", { form: { csrfToken: csrf.csrfToken, email, password: DEMO_PASSWORD, json: "true" } });
  expect(response.ok(), `sign-in of ${email}`).toBe(true);
  const state = await context.storageState();
  expect(state.cookies.some((c) => c.name.endsWith("next-auth.session-token")), `session cookie for ${email}`).toBe(true);
  return context;
}

export async function withDatabase<T>(use: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  try {
    return await use(db);
  } finally {
    await db.end();
  }
}

/**
 * Everything a request of the fixture's callers could have written: the reports, reviews, evidence
 * and notifications on its initiatives, the initiatives themselves, its department's accounts, and
 * the audit events of its callers (every write of the app records one). Other specs run alongside,
 * so whole-table counts would not do.
 */
export async function fixtureRows(db: pg.Client, fixture: ContractFixture): Promise<Record<string, unknown>> {
  const initiativeIds = Object.values(fixture.initiatives);
  const emails = [fixture.staff, fixture.manager, fixture.admin];
  const one = async (sql: string, params: unknown[]) => (await db.query<{ n: string }>(sql, params)).rows[0]?.n;
  return {
    updates: await one("SELECT count(*)::text AS n FROM progress_updates WHERE initiative_id = ANY($1)", [initiativeIds]),
    reviews: await one("SELECT count(*)::text AS n FROM reviews r JOIN progress_updates u ON u.id = r.update_id WHERE u.initiative_id = ANY($1)", [initiativeIds]),
    evidence: await one("SELECT count(*)::text AS n FROM evidence e JOIN progress_updates u ON u.id = e.update_id WHERE u.initiative_id = ANY($1)", [initiativeIds]),
    audit: await one("SELECT count(*)::text AS n FROM audit_events a JOIN users u ON u.id = a.actor_id WHERE u.email = ANY($1)", [emails]),
    accounts: await one(
      "SELECT string_agg(email || ':' || role || ':' || active::text || ':' || coalesce(department_id, '-'), ',' ORDER BY email) AS n FROM users WHERE email = ANY($1) OR department_id = (SELECT id FROM departments WHERE code = $2)",
      [emails, fixture.department],
    ),
    initiatives: await one(
      "SELECT string_agg(code || ':' || version || ':' || progress || ':' || coalesce(health::text, '-') || ':' || (closed_at IS NOT NULL)::text, ',' ORDER BY code) AS n FROM initiatives WHERE id = ANY($1)",
      [initiativeIds],
    ),
  };
}
