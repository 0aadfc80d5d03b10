import { expect, test } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { startAppServer, type AppServer } from "../app-server";
import { expectAccessible } from "../fixtures";

// A second server whose database cannot be reached (nothing listens on port 9): every page is a
// 503 with Retry-After and a page in the reader's language, the API a 503 in JSON; liveness stays
// up. Recovery when the database comes back is fault-database-restart.spec.ts.
const SECRET = "db-down-secret-0123456789abcdef0123456789";
let server: AppServer | undefined;

function app(): AppServer {
  if (!server) throw new Error("the server did not start");
  return server;
}

test.beforeAll(async () => {
  server = await startAppServer({
    DATABASE_URL: "postgresql://workplan:workplan@127.0.0.1:9/unreachable",
    AUTH_SECRET: SECRET,
  });
});

test.afterAll(async () => {
  await server?.stop();
});

test("while the database is down a page is a 503 with Retry-After, in the reader's language, never a stack trace", async ({ page }) => {
  const { url } = app();
  const token = await encode({ token: { sid: "c0000000000000000000000000" }, secret: SECRET });
  await page.context().addCookies([{ name: "next-auth.session-token", value: token, url }]);
  const response = await page.goto(`${url}/plan`);
  expect(response?.status()).toBe(503);
  expect(response?.headers()["retry-after"]).toBe("5");
  expect(response?.headers()["cache-control"]).toBe("no-store");
  await expect(page.getByRole("heading", { level: 1, name: "系统暂时不可用" })).toBeVisible();
  await expect(page.getByText("数据库暂时无法连接，系统正在自动重试。")).toBeVisible();
  await expect(page.getByRole("link", { name: "立即重试" })).toHaveAttribute("href", "/plan");
  const html = await page.content();
  expect(html).not.toMatch(/ECONNREFUSED|at .*\.js:\d+|PrismaClient|127\.0\.0\.1:9/);
  await expectAccessible(page);

  // The language chosen before (the cookie), here Traditional Chinese; and the sign-in page too,
  // since nobody can sign in meanwhile.
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "zh-Hant", url }]);
  await page.context().clearCookies({ name: "next-auth.session-token" });
  const signIn = await page.goto(`${url}/sign-in`);
  expect(signIn?.status()).toBe(503);
  await expect(page.getByRole("heading", { level: 1, name: "系統暫時不可用" })).toBeVisible();
  expect(await page.locator("html").getAttribute("lang")).toBe("zh-Hant");
});

test("while the database is down the API answers 503 in JSON with Retry-After; liveness stays up, readiness does not", async ({ request }) => {
  const { url } = app();
  const me = await request.get(`${url}/api/v1/me`, { headers: { Authorization: `Bearer wp_${"x".repeat(43)}` } });
  expect(me.status()).toBe(503);
  expect(me.headers()["retry-after"]).toBe("5");
  expect(me.headers()["content-type"]).toMatch(/^application\/json/);
  const body = (await me.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("unavailable");
  expect(body.error.message).toMatch(/cannot be reached/);
  expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1:9/);

  // A write the same: nothing is attempted, the client is told when to come back.
  const write = await request.post(`${url}/api/v1/initiatives/x/updates`, {
    headers: { Authorization: `Bearer wp_${"x".repeat(43)}`, "Idempotency-Key": "outage-0001" },
    data: { progress: 10 },
  });
  expect(write.status()).toBe(503);
  expect(write.headers()["retry-after"]).toBe("5");

  const live = await request.get(`${url}/api/health`);
  expect(live.status()).toBe(200);
  expect(await live.json()).toEqual({ status: "ok" });
  const ready = await request.get(`${url}/api/health/ready`);
  expect(ready.status()).toBe(503);
  expect(ready.headers()["retry-after"]).toBe("5");
  expect(await ready.json()).toEqual({ status: "unavailable", reason: "database unreachable" });
});
