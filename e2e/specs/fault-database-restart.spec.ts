import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@workplan/db/embedded";
import { applyMigrations } from "@workplan/db/migrations";
import { freePort, startAppServer, type AppServer } from "../app-server";
import { createApiToken, report, seedDatabase, withClient, type Initiative } from "../fault-database";

// The app's PostgreSQL is restarted while a system files reports over the REST API, retrying each
// one with its Idempotency-Key until it gets an answer: every 201 is kept, none is saved twice,
// and the same app process answers again within seconds of the database coming back.
// Its own PostgreSQL (embedded, on a free port) so that nothing else is disturbed.

const SECRET = "fault-restart-secret-0123456789abcdef0123";
const PG = { user: "workplan", password: "workplan", database: "workplan" };
const REPORTS = 20;
/** Reports filed before the database is stopped. */
const STOP_AFTER = 4;

let dir = "";
let pgPort = 0;
let database: EmbeddedPostgres | undefined;
let app: AppServer | undefined;

function startDatabase(): Promise<EmbeddedPostgres> {
  return startEmbeddedPostgres({
    dataDir: path.join(dir, "pg"),
    port: pgPort,
    ...PG,
    postgresFlags: ["-c", "fsync=off", "-c", "full_page_writes=off"],
  });
}

test.describe.configure({ timeout: 180_000 });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dir = await mkdtemp(path.join(os.tmpdir(), "workplan-fault-"));
  await chmod(dir, 0o755); // PostgreSQL runs as "postgres" when we are root: it must enter the folder
  pgPort = await freePort();
  database = await startDatabase();
  await applyMigrations(database.url);
  await seedDatabase(database.url);
  app = await startAppServer({ DATABASE_URL: database.url, AUTH_SECRET: SECRET });
});

test.afterAll(async () => {
  await app?.stop();
  await database?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test("PostgreSQL restarted while reports are filed: every 201 kept, none twice, the app answers again within seconds", async ({ page, request }) => {
  if (!app || !database) throw new Error("setup failed");
  const { url } = app;
  const token = await createApiToken(database.url, "tech.staff@demo.local");
  const headers = { Authorization: `Bearer ${token}` };

  const list = await request.get(`${url}/api/v1/initiatives?year=2018`, { headers });
  expect(list.status(), await list.text()).toBe(200);
  const { items } = (await list.json()) as { items: Initiative[] };
  const initiative = items.find((i) => i.code === "KJS-2018-2.1");
  if (!initiative) throw new Error("no KJS-2018-2.1 in the seed");
  const firstVersion = initiative.version;

  // One system filing reports one after another, each against the version the previous one made.
  // An attempt without an answer (a network error, a 503, a 500) is sent again, same key, same body.
  const answers: { key: string; status: number; id: string }[] = [];
  const statusesSeen = new Set<number>();
  let version = firstVersion;
  let filed = 0;
  const filer = (async () => {
    for (let n = 1; n <= REPORTS; n += 1) {
      const key = `fault-restart-${n}-${Date.now()}`;
      const body = report(version, n);
      const deadline = Date.now() + 60_000;
      for (;;) {
        expect(Date.now(), `report ${n} got no answer within 60 s`).toBeLessThan(deadline);
        const response = await request
          .post(`${url}/api/v1/initiatives/${initiative.id}/updates`, { headers: { ...headers, "Idempotency-Key": key }, data: body, timeout: 10_000 })
          .catch(() => null);
        if (response) statusesSeen.add(response.status());
        if (response && (response.status() === 201 || response.status() === 200)) {
          const created = (await response.json()) as { id: string; version: number };
          answers.push({ key, status: response.status(), id: created.id });
          version = created.version;
          filed = n;
          await new Promise((r) => setTimeout(r, 150)); // a system's pace, so the restart falls mid-run
          break;
        }
        // While the database is away the answer is a 503 with Retry-After, never a 500.
        if (response) {
          expect(response.status(), await response.text()).toBe(503);
          expect(response.headers()["retry-after"]).toBe("5");
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  })();

  await expect.poll(() => filed, { timeout: 60_000 }).toBeGreaterThanOrEqual(STOP_AFTER);
  await database.stop();

  // Down: the API says 503 with Retry-After, a page says so in Chinese.
  await expect
    .poll(async () => (await request.get(`${url}/api/v1/me`, { headers })).status(), { timeout: 15_000 })
    .toBe(503);
  const down = await page.goto(`${url}/sign-in`);
  expect(down?.status()).toBe(503);
  await expect(page.getByRole("heading", { level: 1, name: "系统暂时不可用" })).toBeVisible();

  database = await startDatabase();
  const back = Date.now();
  await expect
    .poll(async () => (await request.get(`${url}/api/v1/me`, { headers })).status(), { timeout: 10_000, intervals: [100] })
    .toBe(200);
  const seconds = (Date.now() - back) / 1000;
  expect(seconds, "the app answered again within 5 s of PostgreSQL's start").toBeLessThan(5);
  // The page that said "unavailable" came back by itself (it polls the readiness check).
  await expect(page.getByRole("button", { name: "登录" })).toBeVisible({ timeout: 15_000 });

  await filer;
  expect(app.process.exitCode, "the same app process, never restarted").toBeNull();
  expect(statusesSeen.has(503), `an outage was seen by the filer (${[...statusesSeen].join(", ")})`).toBe(true);

  // Every report answered 201 (or 200: a retry of one already saved) is there, each exactly once,
  // and nothing else was saved: the version moved once per report.
  expect(answers).toHaveLength(REPORTS);
  const rows = await withClient(database.url, async (db) => {
    const updates = await db.query<{ id: string; idempotency_key: string }>(
      "SELECT id, idempotency_key FROM progress_updates WHERE initiative_id = $1 AND idempotency_key LIKE 'fault-restart-%'",
      [initiative.id],
    );
    const { rows: [current] } = await db.query<{ version: number }>("SELECT version FROM initiatives WHERE id = $1", [initiative.id]);
    return { updates: updates.rows, version: current?.version };
  });
  expect(rows.updates).toHaveLength(REPORTS);
  expect(new Set(rows.updates.map((u) => u.idempotency_key)).size).toBe(REPORTS);
  for (const answer of answers) {
    expect(rows.updates.filter((u) => u.id === answer.id && u.idempotency_key === answer.key)).toHaveLength(1);
  }
  expect(rows.version).toBe(firstVersion + REPORTS);
});
