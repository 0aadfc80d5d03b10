// `npm test`: type check, lint, unit tests, integration tests against a fresh real PostgreSQL,
// then Playwright in Chromium against a production build (on another fresh database).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const env = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: "1",
  NEXT_TELEMETRY_DISABLED: "1",
  CHECKPOINT_DISABLE: "1",
  TURBO_NO_UPDATE_NOTIFIER: "1",
};

function chromiumAvailable() {
  if (process.env.PLAYWRIGHT_CHROMIUM && existsSync(process.env.PLAYWRIGHT_CHROMIUM)) return true;
  if (existsSync("/usr/bin/chromium") || existsSync("/usr/bin/chromium-browser")) return true;
  const probe = spawnSync(process.execPath, ["-e", "const fs=require('fs');const {chromium}=require('@playwright/test');process.exit(fs.existsSync(chromium.executablePath())?0:1)"], { cwd: "e2e", stdio: "ignore" });
  return probe.status === 0;
}

if (!chromiumAvailable()) {
  console.error(
    "npm test needs Chromium for the end-to-end tests and found none.\n" +
      "  Debian/Ubuntu: sudo apt-get install chromium\n" +
      "  elsewhere, where downloads are allowed: npx playwright install chromium",
  );
  process.exit(1);
}

const steps = [
  ["type check, lint, unit tests", "npx", ["turbo", "run", "typecheck", "lint", "test", "--output-logs=errors-only"]],
  ["integration tests (real PostgreSQL)", "npm", ["run", "test:int"]],
  ["production build", "npx", ["turbo", "run", "build", "--filter=@workplan/web", "--output-logs=errors-only"]],
  ["end-to-end tests (Chromium)", "npm", ["run", "test:e2e"]],
];

const results = [];
for (const [name, command, args] of steps) {
  console.log(`\n━━ ${name} ━━`);
  const started = Date.now();
  const run = spawnSync(command, args, { stdio: "inherit", env });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  results.push({ name, ok: run.status === 0, seconds });
  if (run.status !== 0) break;
}

console.log("\n━━ summary ━━");
for (const r of results) console.log(`  ${r.ok ? "✓" : "✗"} ${r.name} (${r.seconds} s)`);
const failed = results.filter((r) => !r.ok).length;
const passed = results.length - failed;
console.log(`steps: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && results.length === steps.length ? 0 : 1);
