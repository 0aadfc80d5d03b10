import { expect, request as playwrightRequest, test } from "@playwright/test";
import { startAppServer, type AppServer } from "../app-server";
import { DEMO_PASSWORD } from "../fixtures";

// GET /api/internal/sql-count is the HTTP bench's window on the SQL statements a server process sends.
// It exists only on a server started with WORKPLAN_SQL_COUNT=1; on any other it is an unknown path.

test("without WORKPLAN_SQL_COUNT there is no SQL count to read", async ({ request }) => {
  const response = await request.get("/api/internal/sql-count");
  expect(response.status()).toBe(404);
  expect(await response.json()).toEqual({ error: { code: "not_found", message: "Not found." } });
});

test.describe("a server started with WORKPLAN_SQL_COUNT=1", () => {
  let server: AppServer | undefined;
  let port = 0;

  test.beforeAll(async () => {
    server = await startAppServer({ AUTH_SECRET: "sql-count-secret-0123456789abcdef0123456789", WORKPLAN_SQL_COUNT: "1" });
    port = server.port;
  });
  test.afterAll(async () => {
    await server?.stop();
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
