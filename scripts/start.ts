// `npm start`: database (embedded when DATABASE_URL is unset) → migrations → seed → build when
// needed → `next start`. Ctrl-C stops the app and PostgreSQL cleanly.
import "dotenv/config";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../packages/core/src/rules/demo-accounts";
import { ROOT, resolveAuthSecret, resolveDatabase } from "./lib/database";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const WEB = path.join(ROOT, "apps/web");
const log = (line: string) => {
  // PostgreSQL's own chatter only when it matters (or when asked for with WORKPLAN_DEBUG=1).
  if (line.startsWith("[postgres]") && !/ERROR|FATAL|PANIC/.test(line) && !process.env.WORKPLAN_DEBUG) return;
  console.log(`[workplan] ${line}`);
};

function fail(message: string): never {
  console.error(`[workplan] ${message}`);
  process.exit(1);
}

if (process.env.NODE_ENV === "production" && process.env.DATABASE_URL && !process.env.AUTH_SECRET) {
  fail("AUTH_SECRET is not set. In production (NODE_ENV=production with DATABASE_URL) set AUTH_SECRET to a long random string.");
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, cwd = ROOT): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(command)} ${args.join(" ")} failed (${signal ?? code})`)),
    );
  });
}

/** Newest modification time under the folders the web build depends on. */
function newestSource(): number {
  let newest = 0;
  const skip = new Set(["node_modules", ".next", ".turbo", "generated", "test-results"]);
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (skip.has(entry.name) || entry.name.startsWith(".")) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  for (const dir of ["apps/web", "packages/core/src", "packages/auth/src", "packages/db/src"]) walk(path.join(ROOT, dir));
  newest = Math.max(newest, statSync(path.join(ROOT, "prisma/schema.prisma")).mtimeMs);
  return newest;
}

function needsBuild(): boolean {
  const buildId = path.join(WEB, ".next/BUILD_ID");
  return !existsSync(buildId) || statSync(buildId).mtimeMs < newestSource();
}

function portFree(p: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.once("listening", () => server.close(() => resolve(true)));
    server.listen(p);
  });
}

async function waitForPort(p: number, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error("the web server stopped while starting");
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(p, "127.0.0.1");
      socket.once("connect", () => socket.end(() => resolve(true)));
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function main() {
  if (!(await portFree(port))) fail(`port ${port} is in use. Stop what uses it, or choose another: PORT=3001 npm start`);
  const started = Date.now();
  const db = await resolveDatabase(log);
  let web: ChildProcess | undefined;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (web && web.exitCode === null) {
      web.kill("SIGTERM");
      await new Promise((r) => web?.once("exit", r));
    }
    if (db.embedded) log("stopping PostgreSQL…");
    await db.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  try {
    const demo = process.env.SEED_DEMO ? process.env.SEED_DEMO === "1" : db.embedded;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: db.url,
      AUTH_SECRET: await resolveAuthSecret(),
      NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
      SEED_DEMO: demo ? "1" : "0",
      DEMO_MODE: demo ? "1" : "0",
      // The demo is a ministry at work in mid-July 2018: its January–June reports, and the plan
      // calendar's today pinned there (sessions and links keep the real clock). Either can be turned off.
      ...(demo ? { SEED_DEMO_HISTORY: process.env.SEED_DEMO_HISTORY ?? "1", WORKPLAN_TODAY: process.env.WORKPLAN_TODAY ?? "2018-07-16" } : {}),
      NEXT_TELEMETRY_DISABLED: "1",
      TURBO_TELEMETRY_DISABLED: "1",
      CHECKPOINT_DISABLE: "1",
    };
    log(db.embedded ? `embedded PostgreSQL ready (${db.url.replace(/:[^:@/]*@/, ":***@")})` : "using DATABASE_URL");
    await run(process.execPath, ["--import", "tsx", "packages/db/src/scripts/migrate.ts"], env);
    await run(process.execPath, ["--conditions=react-server", "--import", "tsx", "prisma/seed/index.ts"], env);

    const next = path.join(ROOT, "node_modules/.bin/next");
    if (!dev && needsBuild()) {
      log("building the web app (first start, or the code changed)…");
      await run(next, ["build"], { ...env, NODE_ENV: "production" }, WEB);
    }
    web = spawn(next, [dev ? "dev" : "start", "-p", String(port)], {
      cwd: WEB,
      env: { ...env, NODE_ENV: dev ? "development" : "production" },
      stdio: ["ignore", "inherit", "inherit"],
    });
    web.on("exit", (code) => void shutdown(code ?? 1));
    await waitForPort(port, web);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`\n  Workplan is running at http://localhost:${port}  (ready in ${seconds} s)\n`);
    if (demo) {
      console.log(`  Demo accounts (password ${DEMO_PASSWORD}):`);
      for (const a of DEMO_ACCOUNTS) console.log(`    ${a.email.padEnd(26)} ${a.role}${a.departmentCode ? ` · ${a.departmentCode}` : ""}`);
      console.log("");
    }
    console.log("  Press Ctrl-C to stop.\n");
  } catch (error) {
    console.error(`[workplan] ${error instanceof Error ? error.message : String(error)}`);
    await shutdown(1);
  }
}

void main();
