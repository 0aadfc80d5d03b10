// What db:backup and db:restore share: which database (DATABASE_URL, else the embedded one of
// `npm start` — the running one when the app is up, else started for the command), file paths as
// the person typed them (npm runs scripts from the repository root; INIT_CWD is where they were),
// and failures told in a sentence, never a stack trace.
import "dotenv/config";
import path from "node:path";
import pg from "pg";
import { formatDatabaseUrl, redactDatabaseUrl } from "../../packages/db/src/database-url";
import { resolveDatabase, EMBEDDED, type Database } from "./database";

export async function openDatabase(say: (line: string) => void): Promise<Database> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, embedded: false, stop: async () => {} };
  // `npm start` may be running with its embedded PostgreSQL: use that one as it is.
  const running = formatDatabaseUrl({ host: "127.0.0.1", ...EMBEDDED });
  const client = new pg.Client({ connectionString: running, connectionTimeoutMillis: 2_000 });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.end();
    say(`using the embedded PostgreSQL of the running app (${redactDatabaseUrl(running)})`);
    return { url: running, embedded: true, stop: async () => {} };
  } catch {
    await client.end().catch(() => {});
  }
  const db = await resolveDatabase((line) => {
    if (!line.startsWith("[postgres]")) say(line);
  });
  say(`started the embedded PostgreSQL (${redactDatabaseUrl(db.url)}) for this command`);
  return db;
}

/** A path as typed, relative to the folder `npm run` was started in. */
export function userPath(file: string): string {
  return path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
}

export async function runTool(name: string, main: (say: (line: string) => void) => Promise<void>): Promise<void> {
  const say = (line: string) => console.log(`[${name}] ${line}`);
  try {
    await main(say);
    process.exit(0);
  } catch (error) {
    console.error(`[${name}] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
