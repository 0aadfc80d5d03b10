import { execFile } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { promisify } from "node:util";
import pg from "pg";
import { ROOT } from "./app-server";

// Databases of their own for the fault specs (a restart or a write race must not disturb the
// specs that share the e2e database): migrated by the caller, seeded here like global-setup.ts.

const run = promisify(execFile);

/** The real seed with the demo accounts, as the e2e database gets it. */
export async function seedDatabase(url: string): Promise<void> {
  await run(process.execPath, ["--conditions=react-server", "--import", "tsx", "prisma/seed/index.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, SEED_DEMO: "1" },
  });
}

/** An API token for the user with this e-mail, stored as /settings stores one (its SHA-256 only). */
export async function createApiToken(url: string, email: string): Promise<string> {
  const token = `wp_${randomBytes(32).toString("base64url")}`;
  await withClient(url, async (db) => {
    const { rowCount } = await db.query(
      `INSERT INTO api_tokens (id, user_id, name, token_hash, prefix)
       SELECT $1, id, 'fault spec', $2, $3 FROM users WHERE email = $4`,
      [`fault_${randomUUID()}`, createHash("sha256").update(token).digest("hex"), token.slice(0, 10), email],
    );
    if (rowCount !== 1) throw new Error(`no user ${email} to make a token for`);
  });
  return token;
}

export async function withClient<T>(url: string, fn: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: url });
  db.on("error", () => {});
  await db.connect();
  try {
    return await fn(db);
  } finally {
    await db.end().catch(() => {});
  }
}

export interface Initiative {
  id: string;
  code: string;
  version: number;
}

/** A progress report the API accepts for any open 2018 initiative (the clock is past 2018). */
export function report(baseVersion: number, n: number) {
  return {
    period: "2018-06",
    progress: Math.min(100, 10 + n),
    health: "AT_RISK",
    healthReason: "故障演练",
    workDone: `故障演练第 ${n} 份报告。`,
    problems: "",
    nextSteps: "",
    measuredValue: null,
    links: [],
    baseVersion,
  };
}
