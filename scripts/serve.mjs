#!/usr/bin/env node
// The production entry of the Docker image (plain Node, no dev tools):
//   1. migrations, then the idempotent seed — the bundles made by scripts/bundle-ops.mjs at build
//      time (skip with MIGRATE_ON_START=0, e.g. when a one-shot `node scripts/serve.mjs --migrate-only`
//      runs them before the new version starts);
//   2. the web server: Next's standalone server.js when the image has one, else `next start`;
//   3. SIGTERM (docker stop, Kubernetes): /api/health/ready turns 503 at once so a load balancer
//      sends nothing new, requests are still served for SHUTDOWN_GRACE_SECONDS (default 3: what
//      reached the server while the balancer was catching up), then the server stops accepting
//      connections, finishes the requests in flight, and this process exits 0 (Next alone would
//      exit 143). SIGINT (Ctrl-C) skips the grace.
// `npm start` (scripts/start.ts) is the same for a workstation, with an embedded PostgreSQL.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const say = (line) => console.log(`[workplan] ${line}`);
const fail = (line) => {
  console.error(`[workplan] ${line}`);
  process.exit(1);
};

const MIGRATE = path.join(ROOT, "packages/db/dist/migrate.mjs");
const SEED = path.join(ROOT, "prisma/seed/dist/seed.mjs");
const STANDALONE = path.join(ROOT, "apps/web/server.js");
const NEXT = path.join(ROOT, "node_modules/.bin/next");

if (!process.env.DATABASE_URL) fail("DATABASE_URL is not set: give the PostgreSQL the app should use (postgresql://user:password@host:5432/db).");
if (process.env.NODE_ENV === "production" && !process.env.AUTH_SECRET) fail("AUTH_SECRET is not set: set it to a long random string (openssl rand -base64 32).");

let child;
let stopping = false;

function run(file, args) {
  return new Promise((resolve) => {
    child = spawn(process.execPath, [file, ...args], { cwd: ROOT, stdio: "inherit", env: process.env });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

const grace = Number(process.env.SHUTDOWN_GRACE_SECONDS ?? 3);
if (!Number.isFinite(grace) || grace < 0) fail(`SHUTDOWN_GRACE_SECONDS must be a number of seconds (0 or more), not "${process.env.SHUTDOWN_GRACE_SECONDS}".`);

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    const running = child && child.exitCode === null && child.signalCode === null;
    if (!running) process.exit(0);
    if (signal === "SIGTERM" && child.connected && grace > 0) {
      say(`SIGTERM: not ready any more; serving for ${grace} s more, then finishing the requests in flight`);
      child.send("workplan:draining");
      setTimeout(() => child.kill("SIGTERM"), grace * 1000);
    } else {
      say(`${signal}: finishing the requests in flight, then stopping`);
      child.kill(signal);
    }
  });
}

async function migrate() {
  if (!existsSync(MIGRATE) || !existsSync(SEED)) {
    fail("the migration bundles are missing (packages/db/dist, prisma/seed/dist): run `node scripts/bundle-ops.mjs` first, or use `npm start`.");
  }
  const migrated = await run(MIGRATE, []);
  if (stopping) process.exit(0);
  if (migrated !== 0) fail("the migrations failed (see above); the server was not started.");
  const seeded = await run(SEED, []);
  if (stopping) process.exit(0);
  if (seeded !== 0) fail("the seed failed (see above); the server was not started.");
}

const onlyMigrate = process.argv.includes("--migrate-only");
if (onlyMigrate || process.env.MIGRATE_ON_START !== "0") await migrate();
if (onlyMigrate) process.exit(0);

const port = process.env.PORT ?? "3000";
// An IPC channel, to tell the server it is draining (instrumentation.ts listens).
const SERVER_STDIO = ["inherit", "inherit", "inherit", "ipc"];
// server.js listens on $HOSTNAME, which Docker sets to the container's id: all interfaces instead.
const server = existsSync(STANDALONE)
  ? spawn(process.execPath, [STANDALONE], { cwd: path.dirname(STANDALONE), stdio: SERVER_STDIO, env: { ...process.env, PORT: port, HOSTNAME: process.env.LISTEN_HOST ?? "0.0.0.0" } })
  : spawn(NEXT, ["start", "-p", port], { cwd: path.join(ROOT, "apps/web"), stdio: SERVER_STDIO, env: process.env });
child = server;
server.on("exit", (code, signal) => {
  // Stopped by us: Next drained its requests and exited with 128 + the signal's number.
  if (stopping) process.exit(0);
  say(`the web server stopped on its own (${signal ?? code})`);
  process.exit(code === 0 ? 1 : (code ?? 1));
});
