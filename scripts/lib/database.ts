// Which PostgreSQL the app uses: DATABASE_URL when set, else an embedded one under .data/.
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { startEmbeddedPostgres } from "../../packages/db/src/embedded";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const DATA_DIR = path.join(ROOT, ".data");

export const EMBEDDED = { port: 54329, user: "workplan", password: "workplan", database: "workplan" } as const;

export interface Database {
  url: string;
  embedded: boolean;
  stop: () => Promise<void>;
}

export async function resolveDatabase(log: (line: string) => void): Promise<Database> {
  const given = process.env.DATABASE_URL;
  if (given) return { url: given, embedded: false, stop: async () => {} };
  await mkdir(DATA_DIR, { recursive: true });
  const pg = await startEmbeddedPostgres({ dataDir: path.join(DATA_DIR, "pg"), ...EMBEDDED, log });
  return { url: pg.url, embedded: true, stop: pg.stop };
}

/** AUTH_SECRET from the environment, else the one generated into .data/ on first start. */
export async function resolveAuthSecret(): Promise<string> {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.join(DATA_DIR, "auth-secret");
  try {
    const stored = (await readFile(file, "utf8")).trim();
    if (stored.length >= 32) return stored;
  } catch {
    // first start: generate below
  }
  await mkdir(DATA_DIR, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return secret;
}
