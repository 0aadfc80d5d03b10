#!/usr/bin/env node
// node scripts/with-test-db.mjs <command> [args...]
//
// Creates a fresh, migrated test database (packages/db/src/test-database.ts: on TEST_DATABASE_URL's
// server when set, else on an embedded PostgreSQL in .data/test-pg, port 54339), runs the command
// with DATABASE_URL pointing at it and TEST_DATABASE_URL_CREATED=1, then drops the database (and
// stops the embedded server) and exits with the command's exit code. SIGINT/SIGTERM/SIGHUP are
// passed to the command, then the same cleanup runs.
//
// The TypeScript is loaded through tsx's API, so plain `node` suffices (no re-exec); the schema
// engine's WebAssembly is instantiated by packages/db/src/schema-engine.ts, so no
// --experimental-wasm-modules either.
import { spawn } from "node:child_process";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { constants } from "node:os";

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const say = (message) => console.error(`[with-test-db] ${message}`);

const command = process.argv.slice(2);
if (command.length === 0) {
  say("usage: node scripts/with-test-db.mjs <command> [args...]");
  process.exit(2);
}

let signalCount = 0;
let receivedSignal;
let child;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    signalCount += 1;
    receivedSignal ??= signal;
    if (signalCount >= 3) {
      say("interrupted again: exiting without cleanup");
      process.exit(128 + (constants.signals[signal] ?? 2));
    }
    if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
    else if (signalCount > 1) say("cleaning up the test database; interrupt once more to abort");
  });
}

const { tsImport } = await import("tsx/esm/api");
const { createTestDatabase } = await tsImport("../packages/db/src/test-database.ts", import.meta.url);
const { errorMessage } = await tsImport("../packages/db/src/migrations.ts", import.meta.url);

const started = Date.now();
let db;
try {
  db = await createTestDatabase({ log: process.env.WITH_TEST_DB_VERBOSE ? say : undefined });
} catch (e) {
  say(errorMessage(e));
  process.exit(1);
}
const dbName = new URL(db.url).pathname.slice(1);
say(`test database ${dbName} ready in ${Date.now() - started} ms`);

let exitCode = 1;
if (receivedSignal) {
  exitCode = 128 + (constants.signals[receivedSignal] ?? 2);
} else {
  exitCode = await run(command, {
    ...process.env,
    DATABASE_URL: db.url,
    TEST_DATABASE_URL_CREATED: "1",
    // so that `turbo`, `vitest`, ... resolve as in npm scripts
    PATH: [join(REPO_ROOT, "node_modules/.bin"), process.env.PATH ?? ""].join(delimiter),
  });
}

try {
  await db.drop();
} catch (e) {
  say(`could not drop ${dbName}: ${errorMessage(e)}`);
  say("(a database left on the embedded server is removed when it next starts)");
}
process.exit(receivedSignal && exitCode === 0 ? 128 + (constants.signals[receivedSignal] ?? 2) : exitCode);

function run(argv, env) {
  return new Promise((resolve) => {
    const [file, ...args] = argv;
    child = spawn(file, args, { stdio: "inherit", env });
    child.on("error", (e) => {
      say(`cannot run ${file}: ${e.message}`);
      resolve(127);
    });
    child.on("exit", (code, signal) => {
      resolve(code ?? 128 + (constants.signals[signal] ?? 1));
    });
  });
}
