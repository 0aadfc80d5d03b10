// `npm run bench:http` (not part of `npm test`): the app over HTTP, as people and other systems use it.
//
// In one run: builds the web app if needed (turbo caches it); loads the bench ministry (bench-data.ts:
// 40 departments, 1,162 initiatives, 1,000,000 reports) into a fresh database, the same way the tests
// make theirs (TEST_DATABASE_URL's local server, else the embedded PostgreSQL); starts `next start` on
// it with WORKPLAN_SQL_COUNT=1; and measures with autocannon: the static floor (/help), /sign-in, the
// ministry-wide pages as director@demo.local and as the department manager policy.lead@demo.local,
// GET /api/v1/initiatives with a personal access token, and filing reports through the API next to
// the same transaction in plain pg. For growth, a second database with 10,000 reports and a second
// server: each page is measured at both sizes back to back. Writes bench/results/<date>.json and the table in docs/performance.md, and prints the
// targets of issue 9 as ratios from this run.
//
// BENCH_HTTP_SECONDS (6) sets the length of each load run, BENCH_HTTP_REPORTS (1000000) and
// BENCH_HTTP_GROWTH_REPORTS (10000, 0 to skip) the sizes, BENCH_HTTP_PORT (3302; the growth run uses
// the next port) the server's port.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, openSync, closeSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import pg from "pg";
import { disconnectPrisma, prisma } from "@workplan/db";
import { createTestDatabase, type TestDatabase } from "@workplan/db/test-database";
import { runSeed } from "../../../../../prisma/seed/run-seed";
import { createApiToken } from "../../operations/api-tokens";
import { DEMO_PASSWORD } from "../../rules/demo-accounts";
import { BENCH_DEPARTMENTS, benchIds, INITIATIVES_PER_PLAN, loadBenchData } from "../bench-data";
import {
  API_LIST_PATH,
  evaluateTargets,
  FLOOR_PATH,
  type LoadStats,
  mark,
  median,
  MINISTRY_PAGES,
  SIGNED_IN_FLOOR_PATH,
  type PageResult,
  percentile,
  renderMarkdown,
  replaceGenerated,
  SIGN_IN_PATH,
  type SizeRun,
  type BenchHttpResult,
  type Who,
  type WriteResult,
} from "./report";

const ROOT = fileURLToPath(new URL("../../../../../", import.meta.url));
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 6);
const CONNECTIONS = 8;
const WRITE_CONNECTIONS = [8, 32];
const REPORTS = Number(process.env.BENCH_HTTP_REPORTS ?? 1_000_000);
const GROWTH_REPORTS = Number(process.env.BENCH_HTTP_GROWTH_REPORTS ?? 10_000);
const PORT = Number(process.env.BENCH_HTTP_PORT ?? 3302);
/** Sequential requests per page for the SQL count and the "alone" time. */
const SEQUENTIAL = 3;
const AUTH_SECRET = "bench-http-secret-not-for-production-0123456789";

const say = (s: string) => console.log(`[bench:http] ${s}`);
const started = performance.now();
const elapsed = () => `${Math.round((performance.now() - started) / 1000)} s`;

/** What must be undone however the run ends: servers stopped, databases dropped. */
const cleanups: (() => Promise<void>)[] = [];
async function cleanUp() {
  while (cleanups.length > 0) {
    const step = cleanups.pop();
    await step?.().catch((e: unknown) => say(`cleanup: ${message(e)}`));
  }
}
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    say(`${signal}: stopping the server and dropping the databases …`);
    void cleanUp().then(() => process.exit(130));
  });
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

// ---------------------------------------------------------------------------------------- build

function build() {
  say("building the web app (turbo: cached when nothing changed) …");
  const t = performance.now();
  try {
    execFileSync(join(ROOT, "node_modules/.bin/turbo"), ["run", "build", "--filter=@workplan/web", "--output-logs=errors-only"], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" },
    });
  } catch {
    throw new Error("the build failed (run `npx turbo run build --filter=@workplan/web` to see why)");
  }
  say(`build ready in ${Math.round((performance.now() - t) / 1000)} s`);
}

// ------------------------------------------------------------------------------------- database

interface Reporter {
  token: string;
  userId: string;
  departmentId: string;
  initiatives: { id: string; version: number }[];
}

async function loadDatabase(reports: number): Promise<{ database: TestDatabase; seconds: number }> {
  const database = await createTestDatabase({ log: (s) => say(s) });
  cleanups.push(async () => {
    await disconnectPrisma();
    await database.drop();
  });
  await disconnectPrisma();
  process.env.DATABASE_URL = database.url;
  const t = performance.now();
  say(`loading the demo seed and ${reports.toLocaleString("en")} bench reports …`);
  await runSeed({ demo: true });
  await loadBenchData(prisma, reports, (s) => say(`  ${s}`));
  return { database, seconds: (performance.now() - t) / 1000 };
}

async function viewerToken(email: string): Promise<string> {
  const user = await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true, role: true, departmentId: true } });
  return (await createApiToken(user, { name: "npm run bench:http" })).token;
}

/** One reporter per connection: a bench department's staff (a token of theirs) over its 30 initiatives. */
async function reporters(count: number): Promise<Reporter[]> {
  const result: Reporter[] = [];
  for (let n = 1; n <= Math.min(count, BENCH_DEPARTMENTS); n += 1) {
    const code = `BD${String(n).padStart(2, "0")}`;
    const user = await prisma.user.findUniqueOrThrow({ where: { id: benchIds.staffUser(code) }, select: { id: true, role: true, departmentId: true } });
    const token = (await createApiToken(user, { name: "npm run bench:http" })).token;
    const ids = Array.from({ length: INITIATIVES_PER_PLAN }, (_, k) => benchIds.initiative(n, k + 1));
    result.push({ token, userId: user.id, departmentId: benchIds.department(n), initiatives: ids.map((id) => ({ id, version: 0 })) });
  }
  return result;
}

async function refreshVersions(list: Reporter[]) {
  const rows = await prisma.initiative.findMany({
    where: { id: { in: list.flatMap((r) => r.initiatives.map((i) => i.id)) } },
    select: { id: true, version: true },
  });
  const versions = new Map(rows.map((r) => [r.id, r.version]));
  for (const r of list) for (const i of r.initiatives) i.version = versions.get(i.id) ?? i.version;
}

// --------------------------------------------------------------------------------------- server

interface Server {
  base: string;
  stop: () => Promise<void>;
}

async function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => socket.end(() => resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

async function startServer(port: number, databaseUrl: string): Promise<Server> {
  if (await portInUse(port)) throw new Error(`port ${port} is already in use (set BENCH_HTTP_PORT to another)`);
  const base = `http://127.0.0.1:${port}`;
  const logFile = join(os.tmpdir(), `workplan-bench-http-${port}.log`);
  const out = openSync(logFile, "w");
  // Its own process group, so that stopping it ends whatever `next start` started, and nothing else.
  const child: ChildProcess = spawn(join(ROOT, "node_modules/.bin/next"), ["start", "-p", String(port)], {
    cwd: join(ROOT, "apps/web"),
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      AUTH_SECRET,
      WORKPLAN_SCHEDULER: "0",
      NEXTAUTH_URL: `http://localhost:${port}`,
      NODE_ENV: "production",
      DEMO_MODE: "1",
      WORKPLAN_SQL_COUNT: "1",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", out, out],
    detached: true,
  });
  closeSync(out);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let running = true;
  void exited.then(() => {
    running = false;
  });
  const stop = async () => {
    if (!running || child.pid === undefined) return;
    process.kill(-child.pid, "SIGTERM");
    const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 10_000).unref());
    if ((await Promise.race([exited, timeout])) === "timeout" && running) process.kill(-child.pid, "SIGKILL");
    say(`server on port ${port} stopped`);
  };
  cleanups.push(stop);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (!running) throw new Error(`next start exited at once; its log: ${logFile}\n${tail(logFile)}`);
    const status = await fetch(`${base}${SIGN_IN_PATH}`, { redirect: "manual" }).then((r) => r.status, () => 0);
    if (status === 200) {
      say(`next start ready on port ${port} (log: ${logFile})`);
      return { base, stop };
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`next start did not answer ${SIGN_IN_PATH} within 60 s; its log: ${logFile}\n${tail(logFile)}`);
}

function tail(file: string): string {
  return existsSync(file) ? readFileSync(file, "utf8").split("\n").slice(-20).join("\n") : "";
}

// ------------------------------------------------------------------------------------- requests

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(";")[0] ?? "").filter(Boolean);
}

/** Sign in through next-auth's credentials endpoint with its CSRF token; the session cookie. */
async function signIn(base: string, email: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(csrf).join("; ") },
    body: new URLSearchParams({ csrfToken, email, password: DEMO_PASSWORD, json: "true" }),
  });
  const session = cookiesOf(response).filter((c) => c.includes("next-auth.session-token"));
  if (session.length === 0) throw new Error(`sign-in of ${email} failed: HTTP ${response.status}`);
  return session.join("; ");
}

async function sqlCount(base: string): Promise<{ count: number | null; ms: number }> {
  const t = performance.now();
  try {
    const response = await fetch(`${base}/api/internal/sql-count`);
    if (response.status !== 200) return { count: null, ms: performance.now() - t };
    const body = (await response.json()) as { count?: unknown };
    return { count: typeof body.count === "number" ? body.count : null, ms: performance.now() - t };
  } catch {
    return { count: null, ms: performance.now() - t };
  }
}

/** Wait until the server is idle: no SQL sent for half a second and a quick answer (at most 60 s). */
async function settle(base: string) {
  const deadline = Date.now() + 60_000;
  let last = await sqlCount(base);
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = await sqlCount(base);
    if (now.count === last.count && now.ms < 50) return;
    last = now;
  }
  say("the server did not settle within 60 s; measuring anyway");
}

async function fetchPage(base: string, path: string, headers: Record<string, string>) {
  const t = performance.now();
  const response = await fetch(`${base}${encodeURI(path)}`, { headers, redirect: "manual" });
  const body = Buffer.from(await response.arrayBuffer());
  return { status: response.status, bytes: body.length, ms: performance.now() - t, location: response.headers.get("location") };
}

function emptyStats(connections: number): LoadStats {
  return { connections, seconds: 0, rps: 0, p50: null, p95: null, ok: 0, statuses: {}, errors: 0 };
}

/** An autocannon run; only 2xx answers count towards throughput and latency. */
async function cannon(options: autocannon.Options): Promise<LoadStats> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ timeout: 20, ...options }, (error, r) => (error ? reject(error) : resolve(r)));
    instance.on("response", (_client, status, _bytes, time) => {
      if (status >= 200 && status < 300) latencies.push(time);
      else statuses[status] = (statuses[status] ?? 0) + 1;
    });
  });
  latencies.sort((a, b) => a - b);
  const seconds = result.duration || options.duration || SECONDS;
  return {
    connections: options.connections ?? 1,
    seconds: Number(seconds),
    rps: latencies.length / Number(seconds),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    ok: latencies.length,
    statuses,
    errors: result.errors + result.timeouts,
  };
}

interface PageSpec {
  who: Who;
  path: string;
  headers: Record<string, string>;
}

async function measurePage(base: string, spec: PageSpec): Promise<PageResult> {
  const result: PageResult = { key: `${spec.who} ${spec.path}`, who: spec.who, path: spec.path, status: null, bytes: null, sql: null, aloneMs: null, load: null };
  try {
    const first = await fetchPage(base, spec.path, spec.headers); // also the warm-up
    result.status = first.status;
    if (first.status !== 200) {
      const toSignIn = first.location?.includes(SIGN_IN_PATH) ?? false;
      result.error =
        spec.path === FLOOR_PATH && (first.status === 404 || toSignIn)
          ? `missing: no public ${FLOOR_PATH} page on this commit (HTTP ${first.status}${toSignIn ? " to the sign-in page" : ""})`
          : `HTTP ${first.status}${first.location ? ` → ${first.location}` : ""}`;
      return result;
    }
    result.bytes = first.bytes;
    await settle(base);
    const perRequest: number[] = [];
    const alone: number[] = [];
    let before = (await sqlCount(base)).count;
    for (let i = 0; i < SEQUENTIAL; i += 1) {
      const again = await fetchPage(base, spec.path, spec.headers);
      alone.push(again.ms);
      const after = (await sqlCount(base)).count;
      if (before !== null && after !== null) perRequest.push(after - before);
      before = after;
    }
    result.sql = median(perRequest);
    result.aloneMs = median(alone);
    result.load = await cannon({ url: `${base}${encodeURI(spec.path)}`, connections: CONNECTIONS, duration: SECONDS, headers: spec.headers });
    await settle(base);
  } catch (e) {
    result.error = message(e);
  }
  return result;
}

function describePage(r: PageResult): string {
  if (r.error) return `${r.key}: ${r.error}`;
  const l = r.load;
  return (
    `${r.key}: ${r.bytes === null ? "–" : `${Math.round(r.bytes / 1000)} kB`}, ${r.sql ?? "–"} SQL/request, alone ${Math.round(r.aloneMs ?? 0)} ms` +
    (l ? `; ${l.rps.toFixed(1)} req/s, p50 ${Math.round(l.p50 ?? NaN)} ms, p95 ${Math.round(l.p95 ?? NaN)} ms${l.errors || Object.keys(l.statuses).length ? ` (${JSON.stringify(l.statuses)}, ${l.errors} errors)` : ""}` : "")
  );
}

// --------------------------------------------------------------------------------------- writes

const REPORT_BODY = {
  period: "2018-11",
  progress: 90,
  health: "ON_TRACK",
  healthReason: "基準測試",
  workDone: "完成年度重點任務，組織專家驗收。",
  problems: "",
  nextSteps: "做好年度總結",
};

/**
 * POST /api/v1/initiatives/{id}/updates: each connection a department's staff, round its initiatives,
 * with the version the last answer gave (so no report is refused as a conflict). The state is kept per
 * connection through setupClient: autocannon resets a request's own context after every request.
 */
async function appWrites(base: string, list: Reporter[], connections: number, tag: string): Promise<LoadStats> {
  await refreshVersions(list);
  let nextSlot = 0;
  let sequence = 0;
  return cannon({
    url: base,
    connections,
    duration: SECONDS,
    setupClient: (client) => {
      const reporter = list[nextSlot++ % list.length];
      if (!reporter) return;
      let turn = -1;
      let item = reporter.initiatives[0];
      client.setRequests([
        {
          method: "POST",
          setupRequest: (request) => {
            turn += 1;
            item = reporter.initiatives[turn % reporter.initiatives.length] ?? item;
            sequence += 1;
            return {
              ...request,
              path: `/api/v1/initiatives/${item?.id}/updates`,
              headers: {
                ...request.headers,
                authorization: `Bearer ${reporter.token}`,
                "content-type": "application/json",
                "idempotency-key": `bench-${tag}-${sequence}`,
              },
              body: JSON.stringify({ ...REPORT_BODY, baseVersion: item?.version }),
            };
          },
          onResponse: (status, body) => {
            if (!item) return;
            try {
              const parsed = JSON.parse(body) as { version?: number; error?: { currentVersion?: number } };
              if (status === 201 || status === 200) item.version = parsed.version ?? item.version;
              else if (status === 409) item.version = parsed.error?.currentVersion ?? item.version;
            } catch {
              // not JSON: counted by its status
            }
          },
        },
      ]);
    },
  });
}

let pgSequence = 0;

/** The same write in plain pg: lock the initiative, insert the report and its audit row, bump the version. */
async function pgWrites(databaseUrl: string, list: Reporter[], connections: number): Promise<LoadStats> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: connections });
  pool.on("error", () => {});
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const runStarted = performance.now();
  const stamp = Date.now().toString(36);
  await Promise.all(
    Array.from({ length: connections }, async (_, c) => {
      // The same reporter as the app's connection c: the initiatives' own department, so the roll-up
      // triggers do the same work as for the app's lead-department reports.
      const reporter = list[c % list.length];
      if (!reporter) return;
      const client = await pool.connect();
      try {
        for (let turn = 0; performance.now() < deadline; turn += 1) {
          const item = reporter.initiatives[turn % reporter.initiatives.length];
          if (!item) break;
          const id = `benchpg${stamp}${String((pgSequence += 1)).padStart(10, "0")}`;
          const t = performance.now();
          try {
            await client.query("BEGIN");
            await client.query("SELECT version FROM initiatives WHERE id = $1 FOR UPDATE", [item.id]);
            await client.query(
              `INSERT INTO progress_updates (id, initiative_id, author_id, department_id, period, progress, health, health_suggested,
                                             health_reason, work_done, problems, next_steps, search_text, updated_at)
               VALUES ($1, $2, $3, $4, '2018-11-01', $5, 'ON_TRACK', 'ON_TRACK', NULL, $6, NULL, $7, $8, now())`,
              [id, item.id, reporter.userId, reporter.departmentId, REPORT_BODY.progress, REPORT_BODY.workDone, REPORT_BODY.nextSteps, `${REPORT_BODY.workDone}\n\n${REPORT_BODY.nextSteps}`],
            );
            await client.query(
              `INSERT INTO audit_events (actor_id, action, object_type, object_id, after) VALUES ($1, 'progress.reported', 'ProgressUpdate', $2, $3::jsonb)`,
              [reporter.userId, id, JSON.stringify({ initiativeId: item.id, period: REPORT_BODY.period, progress: REPORT_BODY.progress, health: REPORT_BODY.health })],
            );
            await client.query(
              `UPDATE initiatives SET version = version + 1, progress = $2, health = 'ON_TRACK', last_update_at = now(), updated_at = now() WHERE id = $1`,
              [item.id, REPORT_BODY.progress],
            );
            await client.query("COMMIT");
            latencies.push(performance.now() - t);
          } catch (e) {
            errors += 1;
            if (errors === 1) say(`plain pg: ${message(e)}`);
            await client.query("ROLLBACK").catch(() => {});
          }
        }
      } finally {
        client.release();
      }
    }),
  );
  const seconds = (performance.now() - runStarted) / 1000;
  await pool.end();
  latencies.sort((a, b) => a - b);
  return {
    connections,
    seconds,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    ok: latencies.length,
    statuses: {},
    errors,
  };
}

// ------------------------------------------------------------------------------------------ run

interface Prepared {
  reports: number;
  database: TestDatabase;
  loadSeconds: number;
  postgres: string;
  server: Server;
  specs: PageSpec[];
}

/** A fresh database with the bench ministry, a server on it, and the pages to ask it for, signed in. */
async function prepare(reports: number, port: number): Promise<Prepared> {
  const { database, seconds } = await loadDatabase(reports);
  const [version] = await prisma.$queryRaw<{ server_version: string }[]>`SHOW server_version`;
  const postgres = `PostgreSQL ${version?.server_version ?? "?"} (${process.env.TEST_DATABASE_URL ? "TEST_DATABASE_URL" : "embedded"})`;
  say(`loaded in ${Math.round(seconds)} s (${elapsed()} so far)`);
  const directorToken = await viewerToken("director@demo.local");
  const server = await startServer(port, database.url);
  const director = await signIn(server.base, "director@demo.local");
  const lead = await signIn(server.base, "policy.lead@demo.local");
  const specs: PageSpec[] = [
    { who: "anonymous", path: FLOOR_PATH, headers: {} },
    { who: "anonymous", path: SIGN_IN_PATH, headers: {} },
    { who: "director", path: SIGNED_IN_FLOOR_PATH, headers: { cookie: director } },
    ...MINISTRY_PAGES.map((path): PageSpec => ({ who: "director", path, headers: { cookie: director } })),
    ...MINISTRY_PAGES.map((path): PageSpec => ({ who: "policy.lead", path, headers: { cookie: lead } })),
    { who: "director (token)", path: API_LIST_PATH, headers: { authorization: `Bearer ${directorToken}` } },
  ];
  return { reports, database, loadSeconds: seconds, postgres, server, specs };
}

/** Filing reports through the API and in plain pg, on the database prisma is connected to now. */
async function measureWrites(target: Prepared): Promise<WriteResult[]> {
  const list = await reporters(Math.max(...WRITE_CONNECTIONS));
  const writes: WriteResult[] = [];
  for (const connections of WRITE_CONNECTIONS) {
    let app: LoadStats;
    try {
      app = await appWrites(target.server.base, list, connections, `${target.reports}-${connections}`);
    } catch (e) {
      say(`filing reports at ${connections} connections failed: ${message(e)}`);
      app = emptyStats(connections);
    }
    await settle(target.server.base);
    const plain = await pgWrites(target.database.url, list, connections);
    writes.push({ connections, app, pg: plain });
    say(
      `filing reports, ${connections} connections: app ${app.rps.toFixed(1)}/s (p95 ${Math.round(app.p95 ?? NaN)} ms` +
        `${Object.keys(app.statuses).length ? `, ${JSON.stringify(app.statuses)}` : ""}), plain pg ${plain.rps.toFixed(1)}/s (p95 ${Math.round(plain.p95 ?? NaN)} ms)`,
    );
  }
  return writes;
}

async function finish(target: Prepared) {
  await target.server.stop();
  await disconnectPrisma();
  await target.database.drop();
}

function machine(postgres: string) {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    os: `${os.type()} ${os.release()}`,
    node: process.versions.node,
    postgres,
  };
}

function commit(): string {
  try {
    const sha = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: ROOT, encoding: "utf8" }).trim();
    return dirty ? `${sha}+changes` : sha;
  } catch {
    return "unknown";
  }
}

/**
 * `npm run bench:http -- --render bench/results/<date>.json`: the targets and docs/performance.md again
 * from a saved run's measurements (after a change to how targets are judged or the table is drawn).
 */
function render(file: string) {
  const saved = JSON.parse(readFileSync(file, "utf8")) as BenchHttpResult;
  const [big, small] = saved.runs;
  if (!big) throw new Error(`${file} holds no run`);
  write({ ...saved, targets: evaluateTargets(big, small) });
}

async function main() {
  const renderIndex = process.argv.indexOf("--render");
  if (renderIndex !== -1) {
    const file = process.argv[renderIndex + 1];
    if (!file) throw new Error("--render needs the results file, e.g. bench/results/2026-12-03.json");
    render(file);
    return;
  }
  const loadAtStart = os.loadavg()[0] ?? 0;
  build();
  const measuredCommit = commit();
  const big = await prepare(REPORTS, PORT);
  // The writes first, while prisma still points at the big database (they add a few hundred reports).
  const writes = await measureWrites(big);
  await settle(big.server.base);
  const small = GROWTH_REPORTS > 0 ? await prepare(GROWTH_REPORTS, PORT + 1) : undefined;
  // Each page at both sizes back to back, so that the growth ratio compares two neighbouring stretches
  // of time on a machine whose other load may change.
  const bigPages: PageResult[] = [];
  const smallPages: PageResult[] = [];
  for (const [index, spec] of big.specs.entries()) {
    const page = await measurePage(big.server.base, spec);
    say(`${big.reports.toLocaleString("en")}: ${describePage(page)}`);
    bigPages.push(page);
    const other = small?.specs[index];
    if (small && other) {
      const smallPage = await measurePage(small.server.base, other);
      say(`${small.reports.toLocaleString("en")}: ${describePage(smallPage)}`);
      smallPages.push(smallPage);
    }
  }
  const runs: SizeRun[] = [{ reports: big.reports, loadSeconds: big.loadSeconds, pages: bigPages, writes }];
  if (small) runs.push({ reports: small.reports, loadSeconds: small.loadSeconds, pages: smallPages, writes: [] });
  if (small) await finish(small);
  await finish(big);
  write({
    date: new Date().toISOString().slice(0, 10),
    commit: measuredCommit,
    machine: { ...machine(big.postgres), loadAverage: { start: loadAtStart, end: os.loadavg()[0] ?? 0 } },
    settings: { seconds: SECONDS, connections: CONNECTIONS, writeConnections: WRITE_CONNECTIONS },
    runs,
    targets: evaluateTargets(runs[0] as SizeRun, runs[1]),
  });
}

function write(result: BenchHttpResult) {
  const dir = join(ROOT, "bench/results");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${result.date}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  const doc = join(ROOT, "docs/performance.md");
  mkdirSync(join(ROOT, "docs"), { recursive: true });
  writeFileSync(doc, replaceGenerated(existsSync(doc) ? readFileSync(doc, "utf8") : null, renderMarkdown(result)));
  say(`wrote ${file} and the table in ${doc}`);
  say(`targets (ratios from this run; commit ${result.commit}):`);
  const width = Math.max(...result.targets.map((t) => t.name.length));
  for (const t of result.targets) console.log(`  ${mark(t.pass).padEnd(4)}  ${t.name.padEnd(width)}  ${t.measured}  (goal ${t.goal})`);
  const count = (pass: boolean | null) => result.targets.filter((t) => t.pass === pass).length;
  say(`targets: ${count(true)} met, ${count(false)} missed, ${count(null)} not measurable; done in ${elapsed()}`);
}

main()
  .then(async () => {
    await cleanUp();
    process.exit(0);
  })
  .catch(async (error: unknown) => {
    console.error(`[bench:http] failed: ${message(error)}`);
    await cleanUp();
    process.exit(1);
  });
