// The bench ministry is real data the app can work with: its ids pass the app's own id check, so its
// initiatives open, its reports can be reviewed and new reports filed through the same operations as
// the pages and the API. A small bench (3,000 reports) in a database of its own: the loader rebuilds
// indexes and roll-ups, which must not disturb the other integration test files' shared database.
import { disconnectPrisma, prisma } from "@workplan/db";
import { createTestDatabase, type TestDatabase } from "@workplan/db/test-database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSeed } from "../../../../prisma/seed/run-seed";
import { getInitiative, idSchema } from "../operations/get-initiative";
import { logProgress } from "../operations/log-progress";
import { viewer } from "../testing/progress-testing";
import { reviewUpdate } from "../operations/review-update";
import { BENCH_DEPARTMENTS, benchIds, INITIATIVES_PER_PLAN, loadBenchData, type BenchDataSummary } from "./bench-data";

const REPORTS = 3_000;

describe("the bench ministry", () => {
  let database: TestDatabase;
  let sharedUrl: string | undefined;
  let summary: BenchDataSummary;

  beforeAll(async () => {
    sharedUrl = process.env.DATABASE_URL;
    database = await createTestDatabase();
    await disconnectPrisma();
    process.env.DATABASE_URL = database.url;
    await runSeed({ demo: true });
    summary = await loadBenchData(prisma, REPORTS);
  }, 120_000);
  afterAll(async () => {
    await disconnectPrisma();
    process.env.DATABASE_URL = sharedUrl;
    await database?.drop();
  });

  it("loads as many reports as asked, for 40 departments", () => {
    expect(summary.updates).toBe(REPORTS);
    expect(summary.departments).toBe(BENCH_DEPARTMENTS + 2);
  });

  it("gives every row an id of the app's own form, as benchIds computes it", async () => {
    const ids = await prisma.$queryRaw<{ kind: string; id: string }[]>`
      SELECT 'department' AS kind, id FROM departments WHERE code LIKE 'BD%'
      UNION ALL SELECT 'plan', p.id FROM work_plans p JOIN departments d ON d.id = p.department_id WHERE d.code LIKE 'BD%'
      UNION ALL SELECT 'theme', id FROM themes WHERE code LIKE 'BD%'
      UNION ALL SELECT 'initiative', id FROM initiatives WHERE code LIKE 'BD%'
      UNION ALL SELECT 'user', id FROM users WHERE email LIKE '%@bench.local'
      UNION ALL SELECT 'update', u.id FROM progress_updates u JOIN users a ON a.id = u.author_id WHERE a.email LIKE '%@bench.local'`;
    const count = (kind: string) => ids.filter((row) => row.kind === kind).length;
    expect(count("department")).toBe(BENCH_DEPARTMENTS);
    expect(count("plan")).toBe(BENCH_DEPARTMENTS);
    expect(count("theme")).toBe(BENCH_DEPARTMENTS * 3);
    expect(count("initiative")).toBe(BENCH_DEPARTMENTS * INITIATIVES_PER_PLAN);
    expect(count("user")).toBe(BENCH_DEPARTMENTS + 2);
    expect(count("update")).toBe(REPORTS);
    expect(ids.filter((row) => !idSchema.safeParse(row.id).success)).toEqual([]);

    const bd07 = await prisma.department.findUniqueOrThrow({ where: { code: "BD07" }, select: { id: true } });
    expect(bd07.id).toBe(benchIds.department(7));
    const initiative = await prisma.initiative.findUniqueOrThrow({
      where: { id: benchIds.initiative(7, 12) },
      select: { code: true, planId: true, themeId: true },
    });
    expect(initiative).toEqual({ code: "BD07-2018-2.2", planId: benchIds.plan(7), themeId: benchIds.theme(7, 2) });
    const staff = await prisma.user.findUniqueOrThrow({ where: { id: benchIds.staffUser("KJS") }, select: { email: true } });
    expect(staff.email).toBe("bench.kjs@bench.local");
    expect(await prisma.progressUpdate.count({ where: { id: { in: [benchIds.update(1), benchIds.update(REPORTS)] } } })).toBe(2);
  });

  it("opens a bench initiative with its reports, as the director sees it", async () => {
    const director = await viewer("director@demo.local");
    const initiative = await getInitiative(director, benchIds.initiative(7, 1));
    expect(initiative?.code).toBe("BD07-2018-1.1");
    expect(initiative?.updates.length).toBeGreaterThan(0);
  });

  it("lets the director review a bench report", async () => {
    const director = await viewer("director@demo.local");
    const waiting = await prisma.progressUpdate.findFirstOrThrow({
      where: { status: "SUBMITTED", initiative: { code: { startsWith: "BD" } } },
      orderBy: { id: "asc" },
      select: { id: true },
    });
    await reviewUpdate(director, waiting.id, { decision: "return", comment: "請補充數據" });
    const after = await prisma.progressUpdate.findUniqueOrThrow({ where: { id: waiting.id }, select: { status: true } });
    expect(after.status).toBe("RETURNED");
  });

  it("lets a bench department's staff file a report on its initiative", async () => {
    const staff = await viewer("bench.bd07@bench.local");
    const id = benchIds.initiative(7, 3);
    const before = await prisma.initiative.findUniqueOrThrow({ where: { id }, select: { version: true } });
    const result = await logProgress(staff, id, {
      period: "2018-11",
      progress: 90,
      health: "ON_TRACK",
      healthReason: "基準測試",
      workDone: "完成年度重點任務",
      baseVersion: before.version,
    });
    expect(result).toMatchObject({ created: true, version: before.version + 1 });
    expect(idSchema.safeParse(result.updateId).success).toBe(true);
    const after = await prisma.initiative.findUniqueOrThrow({ where: { id }, select: { progress: true, version: true } });
    expect(after).toEqual({ progress: 90, version: before.version + 1 });
  });
});
