import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { expectAccessible } from "../fixtures";

// A second server whose database cannot be reached: pages must show a clear error, never a stack trace.
const PORT = 3197;
const SECRET = "db-down-secret-0123456789abcdef0123456789";
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
let server: ChildProcess | undefined;

async function waitForPort(port: number) {
  for (let i = 0; i < 300; i += 1) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => socket.end(() => resolve(true)));
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server on ${port} did not start`);
}

test.beforeAll(async () => {
  server = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-p", String(PORT)], {
    cwd: path.join(root, "apps/web"),
    env: {
      ...process.env,
      DATABASE_URL: "postgresql://workplan:workplan@127.0.0.1:9/unreachable",
      AUTH_SECRET: SECRET,
      NEXTAUTH_URL: `http://localhost:${PORT}`,
      NODE_ENV: "production",
    },
    stdio: "ignore",
  });
  await waitForPort(PORT);
});

test.afterAll(() => {
  server?.kill("SIGTERM");
});

test("a database that is down gives a clear error page, not a stack trace", async ({ page }) => {
  const token = await encode({ token: { sid: "c0000000000000000000000000" }, secret: SECRET });
  await page.context().addCookies([{ name: "next-auth.session-token", value: token, url: `http://localhost:${PORT}` }]);
  await page.goto(`http://localhost:${PORT}/plan`);
  await expect(page.getByTestId("error-page")).toBeVisible();
  await expect(page.getByRole("heading", { name: "出错了" })).toBeVisible();
  await expect(page.getByText("可能是数据库暂时不可用")).toBeVisible();
  const html = await page.content();
  expect(html).not.toMatch(/ECONNREFUSED|at .*\.js:\d+|PrismaClient/);
  await expectAccessible(page);
});

test("health: the process is alive, but not ready while its database is down (503, Retry-After)", async ({ request }) => {
  const live = await request.get(`http://localhost:${PORT}/api/health`);
  expect(live.status()).toBe(200);
  expect(await live.json()).toEqual({ status: "ok" });
  const ready = await request.get(`http://localhost:${PORT}/api/health/ready`);
  expect(ready.status()).toBe(503);
  expect(ready.headers()["retry-after"]).toBe("5");
  expect(await ready.json()).toEqual({ status: "unavailable", reason: "database unreachable" });
});
