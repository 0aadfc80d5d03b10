import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "@playwright/test";
import { chromiumExecutable } from "./browser";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
export const PORT = Number(process.env.E2E_PORT ?? 3100);
// No reminders or digests from any server a spec starts either (they inherit this environment):
// they would land among what the specs assert. reminders.spec.ts turns them on for its own server.
process.env.WORKPLAN_SCHEDULER = "0";
export const AUTH_SECRET = "e2e-secret-not-for-production-0123456789abcdef";

const executable = chromiumExecutable();
if (executable === null) {
  throw new Error(
    "No Chromium for the end-to-end tests. Install one: `sudo apt-get install chromium` (Debian/Ubuntu), " +
      "or `npx playwright install chromium` where downloads are allowed.",
  );
}
if (!process.env.DATABASE_URL) {
  throw new Error("DATABASE_URL is not set: run the e2e tests through `npm run test:e2e` (it creates a fresh database).");
}

export default defineConfig({
  testDir: "./specs",
  outputDir: "./test-results",
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  // Generous: two cores run the server, two browsers and the database at once.
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  globalSetup: "./global-setup.ts",
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: executable,
      args: ["--disable-dev-shm-usage", "--no-sandbox", "--disable-background-networking", "--disable-component-update"],
    },
  },
  projects: [
    { name: "chromium", testIgnore: /(close-out|scale|reminders)\.spec\.ts$/ },
    // Year-end comes last: it creates the 2019 plan (to carry an initiative into), and /plan opens on
    // the newest year, which the other specs expect to be 2018.
    { name: "year-end", testMatch: /close-out\.spec\.ts$/, dependencies: ["chromium"] },
    // Reminders reach every unreported initiative's staff: after the specs that read notifications.
    { name: "reminders", testMatch: /reminders\.spec\.ts$/, dependencies: ["year-end"] },
    // The ministry at scale comes after everything: its fixture adds 38 departments and their plans.
    { name: "scale", testMatch: /scale\.spec\.ts$/, dependencies: ["reminders"] },
  ],
  webServer: {
    command: `${path.join(root, "node_modules/.bin/next")} start -p ${PORT}`,
    cwd: path.join(root, "apps/web"),
    url: `http://localhost:${PORT}/sign-in`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      DATABASE_URL: process.env.DATABASE_URL,
      AUTH_SECRET,
      NEXTAUTH_URL: `http://localhost:${PORT}`,
      DEMO_MODE: "1",
      // Every spec signs in from loopback, a dozen of them with wrong passwords on purpose: the
      // address limit (10 failures by default) stays on, but high enough that those failures cannot
      // hold back the other specs' sign-ins. The address rule itself is proven in
      // packages/auth/src/throttle.int.test.ts; sign-in-throttle.spec.ts shows the per-account ones.
      SIGN_IN_ADDRESS_LIMIT: "100",
      // Reminders and digests would land among what the specs assert; reminders.spec.ts runs its own server.
      WORKPLAN_SCHEDULER: "0",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
