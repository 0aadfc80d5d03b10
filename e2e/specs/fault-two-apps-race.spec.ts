import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createTestDatabase, type TestDatabase } from "@workplan/db/test-database";
import { startAppServer, type AppServer } from "../app-server";
import { createApiToken, report, seedDatabase, withClient, type Initiative } from "../fault-database";

// Two app processes on one database (as behind a load balancer), 8 writers submitting a report on
// the same initiative against the same version at the same moment: exactly one wins (201), the
// other seven are told 409 with the version that won, and the database holds one report.
// A database of its own, so no other spec sees these reports.

const SECRET = "fault-race-secret-0123456789abcdef01234567";
const WRITERS = 8;
let database: TestDatabase | undefined;
const apps: AppServer[] = [];

test.describe.configure({ timeout: 180_000 });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  database = await createTestDatabase();
  await seedDatabase(database.url);
  const url = database.url;
  apps.push(...(await Promise.all([0, 1].map(() => startAppServer({ DATABASE_URL: url, AUTH_SECRET: SECRET })))));
});

test.afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  await database?.drop();
});

test("8 writers on 2 app processes, same initiative, same baseVersion: one 201, seven 409, one report saved", async () => {
  if (!database || apps.length !== 2) throw new Error("setup failed");
  const [one, two] = apps;
  if (!one || !two) throw new Error("setup failed");
  // Each writer is a system of its own (a token each, same account: the department's reporter).
  const tokens = await Promise.all(Array.from({ length: WRITERS }, () => createApiToken(database?.url ?? "", "tech.staff@demo.local")));

  const list = await fetch(`${one.url}/api/v1/initiatives?year=2018`, { headers: { Authorization: `Bearer ${tokens[0]}` } });
  expect(list.status).toBe(200);
  const { items } = (await list.json()) as { items: Initiative[] };
  const initiative = items.find((i) => i.code === "KJS-2018-2.2");
  if (!initiative) throw new Error("no KJS-2018-2.2 in the seed");

  // Both servers warmed up, so that neither starts late.
  for (const app of apps) expect((await fetch(`${app.url}/api/v1/me`, { headers: { Authorization: `Bearer ${tokens[0]}` } })).status).toBe(200);

  const results = await Promise.all(
    tokens.map(async (token, n) => {
      const app = n % 2 === 0 ? one : two;
      const response = await fetch(`${app.url}/api/v1/initiatives/${initiative.id}/updates`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Idempotency-Key": randomUUID() },
        body: JSON.stringify(report(initiative.version, n)),
      });
      return { status: response.status, body: (await response.json()) as { id?: string; version?: number; error?: { code: string; currentVersion?: number; latestUpdateId?: string } } };
    }),
  );

  const won = results.filter((r) => r.status === 201);
  const lost = results.filter((r) => r.status === 409);
  expect(results.map((r) => r.status).sort(), JSON.stringify(results)).toEqual([201, ...Array(WRITERS - 1).fill(409)]);
  const winner = won[0]?.body;
  expect(winner?.version).toBe(initiative.version + 1);
  for (const loser of lost) {
    expect(loser.body.error?.code).toBe("conflict");
    expect(loser.body.error?.currentVersion).toBe(initiative.version + 1);
    expect(loser.body.error?.latestUpdateId).toBe(winner?.id);
  }

  const saved = await withClient(database.url, async (db) => {
    const { rows } = await db.query<{ id: string }>("SELECT id FROM progress_updates WHERE initiative_id = $1", [initiative.id]);
    const { rows: [current] } = await db.query<{ version: number }>("SELECT version FROM initiatives WHERE id = $1", [initiative.id]);
    return { ids: rows.map((r) => r.id), version: current?.version };
  });
  expect(saved.ids).toEqual([winner?.id]);
  expect(saved.version).toBe(initiative.version + 1);
});
