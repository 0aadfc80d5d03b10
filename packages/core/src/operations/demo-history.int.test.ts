// The demo's January–June 2018 (prisma/seed/demo-history.ts), seeded the way `npm start` seeds it,
// into a database of its own (the other tests keep the empty plan): a half year of reports with the
// states a leadership report has to show, and a second seed that adds nothing.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");

describe("the demo's half year of 2018", () => {
  const base = new URL(process.env.DATABASE_URL ?? "");
  const name = `${base.pathname.slice(1)}_demo`.slice(0, 63);
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  let admin: pg.Client;
  let db: pg.Client;

  function seed() {
    const env = { ...process.env, DATABASE_URL: url.toString(), SEED_DEMO: "1", SEED_DEMO_HISTORY: "1" };
    return execFileSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "prisma/seed/index.ts"], { cwd: root, env, encoding: "utf8" });
  }

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: base.toString() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    await admin.query(`CREATE DATABASE "${name}"`);
    execFileSync(process.execPath, ["--import", "tsx", "packages/db/src/scripts/migrate.ts"], { cwd: root, env: { ...process.env, DATABASE_URL: url.toString() }, stdio: "pipe" });
    expect(seed()).toMatch(/demo reports of January–June 2018 filed/);
    db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
  }, 180_000);
  afterAll(async () => {
    await db?.end();
    await admin?.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin?.end();
  });

  const one = async (sql: string) => (await db.query(sql)).rows[0] as Record<string, unknown>;

  it("files six months of reports: approved, late, missing, awaiting review, returned and revised", async () => {
    const months = await db.query(`SELECT to_char(period, 'YYYY-MM') AS m, count(*)::int AS n FROM progress_updates GROUP BY 1 ORDER BY 1`);
    expect(months.rows.map((r) => r.m)).toEqual(["2018-01", "2018-02", "2018-03", "2018-04", "2018-05", "2018-06"]);
    const statuses = await db.query(`SELECT status::text AS s, count(*)::int AS n FROM progress_updates GROUP BY 1`);
    const by = Object.fromEntries(statuses.rows.map((r) => [r.s, r.n]));
    expect(by.APPROVED).toBeGreaterThan(100);
    expect(by.SUBMITTED).toBeGreaterThan(0);
    expect(by.RETURNED).toBe(1);
    expect((await one(`SELECT count(*)::int AS n FROM progress_updates WHERE revision_of_id IS NOT NULL`)).n).toBe(1);
    // Filed in 2018 by the plan calendar, some after the 25th; and two months that never came in.
    expect((await one(`SELECT count(*)::int AS n FROM progress_updates WHERE created_at >= '2019-01-01'`)).n).toBe(0);
    expect((await one(`SELECT count(*)::int AS n FROM initiative_months WHERE extract(day FROM first_report_at + interval '8 hours') > 25`)).n).toBeGreaterThan(0);
    const initiatives = (await one(`SELECT count(*)::int AS n FROM initiatives i JOIN work_plans p ON p.id = i.plan_id WHERE p.year = 2018`)).n as number;
    const june = (await one(`SELECT count(*)::int AS n FROM initiative_months WHERE period = '2018-06-01'`)).n as number;
    expect(june).toBeLessThan(initiatives);
    // The headline follows the latest report, and the review backlog the reports awaiting review.
    expect((await one(`SELECT count(*)::int AS n FROM initiatives i JOIN work_plans p ON p.id = i.plan_id WHERE p.year = 2018 AND i.progress > 0`)).n).toBe(initiatives);
    expect((await one(`SELECT coalesce(sum(submitted), 0)::int AS n FROM review_backlog`)).n).toBe(by.SUBMITTED);
  });

  it("has evidence links, an approved extension and a chase, and adds nothing when seeded again", async () => {
    expect((await one(`SELECT count(*)::int AS n FROM evidence WHERE kind = 'LINK'`)).n).toBeGreaterThan(0);
    expect((await one(`SELECT count(*)::int AS n FROM extension_requests WHERE status = 'APPROVED'`)).n).toBe(1);
    expect((await one(`SELECT count(*)::int AS n FROM initiatives WHERE original_due_date IS NOT NULL`)).n).toBe(1);
    expect((await one(`SELECT count(*)::int AS n FROM chases`)).n).toBe(1);
    const before = (await one(`SELECT count(*)::int AS n FROM progress_updates`)).n;
    expect(seed()).not.toMatch(/demo reports/);
    expect((await one(`SELECT count(*)::int AS n FROM progress_updates`)).n).toBe(before);
  });
});
