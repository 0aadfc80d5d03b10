import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { DEMO_PASSWORD } from "../fixtures";

// GET /api/internal/sql-count is the HTTP bench's window on the SQL statements a server process sends.
// It exists only on a server started with WORKPLAN_SQL_COUNT=1; on any other it is an unknown path.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

test("without WORKPLAN_SQL_COUNT there is no SQL count to read", async ({ request }) => {
  const response = await request.get("/api/internal/sql-count");
  expect(response.status()).toBe(404);
  expect(await response.json()).toEqual({ error: { code: "not_found", message: "Not found." } });
});

test.describe("a server started with WORKPLAN_SQL_COUNT=1", () => {
  let server: ChildProcess | undefined;
  let port = 0;

  test.beforeAll(async () => {
    port = await freePort();
    server = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-p", String(port)], {
      cwd: path.join(root, "apps/web"),
      env: {
        ...process.env,
        AUTH_SECRET: "sql-count-secret-0123456789abcdef0123456789",
        NEXTAUTH_URL: `http://localhost:${port}`,
        NODE_ENV: "production",
        WORKPLAN_SQL_COUNT: "1",
      },
      stdio: "ignore",
    });
    await waitForPort(port);
  });
  test.afterAll(() => {
    server?.kill("SIGTERM");
  });

  test("counts the statements of a sign-in and of a page", async () => {
    const api = await playwrightRequest.newContext({ baseURL: `http://localhost:${port}` });
    const count = async () => {
      const response = await api.get("/api/internal/sql-count");
      expect(response.status()).toBe(200);
      const body = (await response.json()) as { count: unknown };
      expect(typeof body.count).toBe("number");
      return body.count as number;
    };
    const atStart = await count();
    expect(await count()).toBe(atStart); // reading the count sends no SQL

    const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const signIn = await api.post("/api/auth/callback/credentials", {
      form: { csrfToken, email: "director@demo.local", password: DEMO_PASSWORD, json: "true" },
    });
    expect(signIn.ok()).toBe(true);
    const afterSignIn = await count();
    expect(afterSignIn).toBeGreaterThan(atStart);

    const page = await api.get("/plan");
    expect(page.status()).toBe(200);
    expect(await count()).toBeGreaterThan(afterSignIn);
    await api.dispose();
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const found = typeof address === "object" && address !== null ? address.port : 0;
      probe.close(() => resolve(found));
    });
  });
}

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
