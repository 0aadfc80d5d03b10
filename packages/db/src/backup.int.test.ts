import { execFile, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, chown, mkdtemp, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findPgTools, serverMajor, type PgTools } from "./backup";
import { parseDatabaseUrl, withDatabase } from "./database-url";
import { applyMigrations, REPO_ROOT } from "./migrations";

// `npm run db:backup` then `npm run db:restore` into a fresh database: every row of every table is
// there (row counts and a checksum of each table's rows). The commands are run as a person runs
// them, so their refusals are checked too: a sentence, never a stack trace.
//
// pg_dump must be as new as the server. When the test server is newer than every pg_dump here (the
// embedded PostgreSQL 18 next to Debian's client 15), the round trip runs on a throwaway cluster of
// the PostgreSQL installation that pg_dump belongs to.

const run = promisify(execFile);

let serverUrl = ""; // a URL on the server used (its database is only used to connect)
let stopCluster: (() => Promise<void>) | undefined;
let tools: PgTools | undefined;
let dir = "";
const created: string[] = [];

function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(parseDatabaseUrl(serverUrl));
  return client.connect().then(
    () => fn(client).finally(() => client.end()),
    (e: unknown) => {
      throw e;
    },
  );
}

async function createDatabase(prefix: string): Promise<string> {
  const name = `${prefix}_${Date.now()}_${randomBytes(3).toString("hex")}`;
  await admin((c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`));
  created.push(name);
  return withDatabase(serverUrl, name);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** initdb + pg_ctl start of the installation in `bin` (as the postgres user when we are root). */
async function startThrowawayCluster(bin: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const data = join(dir, "cluster");
  const port = await freePort();
  let ids: { uid?: number; gid?: number } = {};
  if (process.getuid?.() === 0) {
    const uid = Number(spawnSync("id", ["-u", "postgres"]).stdout.toString().trim());
    const gid = Number(spawnSync("id", ["-g", "postgres"]).stdout.toString().trim());
    if (!Number.isInteger(uid) || uid <= 0) throw new Error("as root, a throwaway cluster needs a postgres user");
    await chown(dir, uid, gid);
    ids = { uid, gid };
  }
  const opts = { ...ids, env: { ...process.env, LC_ALL: "C.UTF-8" } };
  await run(join(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8"], opts);
  await run(join(bin, "pg_ctl"), ["-D", data, "-w", "-l", join(dir, "cluster.log"), "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, "start"], opts);
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await run(join(bin, "pg_ctl"), ["-D", data, "-m", "fast", "-w", "stop"], opts).catch(() => {});
    },
  };
}

/** Row count and an md5 of every row (as text, sorted) of each table of the public schema. */
async function fingerprint(url: string): Promise<Record<string, { rows: number; md5: string }>> {
  const client = new pg.Client(parseDatabaseUrl(url));
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
    const out: Record<string, { rows: number; md5: string }> = {};
    for (const { tablename } of tables) {
      const t = client.escapeIdentifier(tablename);
      const { rows } = await client.query<{ n: string; md5: string | null }>(
        `SELECT count(*) AS n, md5(coalesce(string_agg(r::text, E'\\n' ORDER BY r::text), '')) AS md5 FROM ${t} r`,
      );
      out[tablename] = { rows: Number(rows[0]?.n), md5: rows[0]?.md5 ?? "" };
    }
    return out;
  } finally {
    await client.end();
  }
}

/** The command as a person types it; resolves with its exit code and output. */
async function npmRun(script: string, args: string[], databaseUrl: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl };
  delete env.INIT_CWD;
  if (tools) env.PG_BIN_DIR = tools.dir;
  // From the backup folder, as a person would: file names are relative to it.
  const result = spawnSync("npm", ["--prefix", REPO_ROOT, "run", "--silent", script, "--", ...args], { cwd: dir, env, encoding: "utf8" });
  return { code: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  const testUrl = process.env.DATABASE_URL;
  if (!testUrl) throw new Error("run through scripts/with-test-db.mjs (DATABASE_URL)");
  dir = await mkdtemp(join(os.tmpdir(), "workplan-backup-"));
  await chmod(dir, 0o755);
  const all = await findPgTools();
  if (all.length === 0) throw new Error("no pg_dump on this machine: install PostgreSQL's client tools (postgresql-client)");
  const major = await serverMajor(testUrl);
  tools = all.find((t) => t.major >= major);
  if (tools) {
    serverUrl = testUrl;
  } else {
    const full = all.find((t) => existsSync(join(t.dir, "initdb")) && existsSync(join(t.dir, "pg_ctl")) && existsSync(join(t.dir, "postgres")));
    if (!full) throw new Error(`the test server is PostgreSQL ${major} and no pg_dump here is that new, nor part of a server installation`);
    const cluster = await startThrowawayCluster(full.dir);
    stopCluster = cluster.stop;
    serverUrl = cluster.url;
    tools = full;
  }
}, 120_000);

afterAll(async () => {
  if (serverUrl) {
    for (const name of created) await admin((c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`)).catch(() => {});
  }
  await stopCluster?.();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("db:backup and db:restore", () => {
  it("restore a seeded database's backup into a fresh database: every row of every table", async () => {
    const source = await createDatabase("workplan_backup_src");
    await applyMigrations(source);
    // The plan, the demo accounts and half a year of their reports, as `npm start` seeds them.
    await run(process.execPath, ["--conditions=react-server", "--import", "tsx", "prisma/seed/index.ts"], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: source, SEED_DEMO: "1", SEED_DEMO_HISTORY: "1" },
    });
    const before = await fingerprint(source);
    expect(before.departments?.rows).toBeGreaterThan(0);
    expect(before.initiatives?.rows).toBeGreaterThan(0);
    expect(before.progress_updates?.rows).toBeGreaterThan(0);
    expect(before._prisma_migrations?.rows).toBeGreaterThan(0);

    const backup = await npmRun("db:backup", ["nightly.dump"], source);
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain(`to ${join(dir, "nightly.dump")}`);
    expect(existsSync(join(dir, "nightly.dump"))).toBe(true);

    const target = await createDatabase("workplan_backup_dst");
    const restore = await npmRun("db:restore", ["nightly.dump"], target);
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);

    const after = await fingerprint(target);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expect(after).toEqual(before);
  }, 240_000);

  it("refuses clearly, without a stack trace: an existing file, a database with tables, a file that is no backup", async () => {
    const source = await createDatabase("workplan_backup_ref");
    await applyMigrations(source);
    await writeFile(join(dir, "taken.dump"), "not mine");
    const taken = await npmRun("db:backup", ["taken.dump"], source);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain("already exists: choose another name");

    const backup = await npmRun("db:backup", ["ref.dump"], source);
    expect(backup.code).toBe(0);
    // The source itself has tables: refused, nothing changed.
    const busy = await npmRun("db:restore", ["ref.dump"], source);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toMatch(/already has \d+ tables\. Restore into an empty database/);

    const empty = await createDatabase("workplan_backup_bad");
    const notBackup = await npmRun("db:restore", ["taken.dump"], empty);
    expect(notBackup.code).toBe(1);
    expect(notBackup.stderr).toContain("is not a backup made by db:backup");
    const missing = await npmRun("db:restore", ["nowhere.dump"], empty);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("There is no backup file");

    for (const r of [taken, busy, notBackup, missing]) expect(r.stderr).not.toMatch(/\n\s+at .+:\d+/);
  }, 120_000);
});
