// The number of SQL statements an operation sends does not grow with the data: each operation runs
// on a department of 5 initiatives and on one of 60 (with their reports), and sends the same number
// of statements both times. Counting is on for this file only (WORKPLAN_SQL_COUNT=1, set before the
// database client is made).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.WORKPLAN_SQL_COUNT = "1";
});

import { disconnectPrisma, prisma, sqlStatementCount } from "@workplan/db";
import { runSeed } from "../../../../prisma/seed/run-seed";
import { authenticateApiToken, createApiToken } from "./api-tokens";
import { chaseDepartment } from "./chase";
import { listInitiativePage, listInitiatives } from "./list-initiatives";
import { listUpdates } from "./list-updates";
import { logProgress } from "./log-progress";
import { viewer } from "../testing/progress-testing";
import { newDepartmentWithPlan, removeDepartment, type TestDepartment } from "../testing/scale-testing";

const bj = (s: string) => new Date(`${s}+08:00`);
/** After the due day (25th) of June 2018: every unreported initiative is red and its report missing. */
const NOW = bj("2018-06-27T10:00:00");
const MARK = "语句计数";

/** The statements `run` sends, and what it returned. */
async function counted<T>(run: () => Promise<T>): Promise<{ statements: number; result: T }> {
  const before = sqlStatementCount();
  if (before === null) throw new Error("statement counting is off");
  const result = await run();
  return { statements: (sqlStatementCount() ?? 0) - before, result };
}

async function file(department: TestDepartment, initiative: { id: string }, workDone: string) {
  const { version } = await prisma.initiative.findUniqueOrThrow({ where: { id: initiative.id }, select: { version: true } });
  return logProgress(
    department.staff,
    initiative.id,
    { period: "2018-06", progress: 30, health: "AT_RISK", healthReason: "计数所需", workDone, baseVersion: version },
    [],
    // As the API files reports: with an idempotency key (which costs no statement of its own).
    { now: NOW, idempotencyKey: `count-${initiative.id}` },
  );
}

describe("SQL statements per operation do not grow with the data", () => {
  let small: TestDepartment;
  let large: TestDepartment;

  beforeAll(async () => {
    // A client made before this file set WORKPLAN_SQL_COUNT would not count: start a new one.
    await disconnectPrisma();
    await runSeed({ demo: true });
    small = await newDepartmentWithPlan("SCA", 5);
    large = await newDepartmentWithPlan("SCB", 60);
    // Reports on all but the last of each department's initiatives (filed before now's month ends).
    for (const d of [small, large]) {
      for (const i of d.initiatives.slice(0, -1)) await file(d, i, `${MARK}：${i.code} 已完成调研`);
    }
    expect(sqlStatementCount()).not.toBeNull();
  });

  afterAll(async () => {
    await removeDepartment(small);
    await removeDepartment(large);
    await disconnectPrisma();
  });

  it("lists initiatives with the light, late and search filters in the same statements for 5 and 60", async () => {
    const director = await viewer("director@demo.local");
    // Each query with the totals it gives for the two departments.
    const queries: [Record<string, string>, number, number][] = [
      [{ light: "RED" }, 1, 1],
      [{ late: "1", sort: "-progress" }, 5, 60],
      [{ q: MARK }, 4, 59],
      [{ q: "测试事项", in: "titles", sort: "due" }, 5, 60],
      [{}, 5, 60],
    ];
    for (const [query, smallTotal, largeTotal] of queries) {
      const a = await counted(() => listInitiativePage(director, { ...query, department: "SCA" }, { now: NOW }));
      const b = await counted(() => listInitiativePage(director, { ...query, department: "SCB" }, { now: NOW }));
      expect([a.result.total, b.result.total], JSON.stringify(query)).toEqual([smallTotal, largeTotal]);
      expect(b.statements, JSON.stringify(query)).toBe(a.statements);
      // The page (with its total), its rows with their departments and themes, and for a search the snippets.
      expect(a.statements, JSON.stringify(query)).toBeLessThanOrEqual(5);
    }
    // The API's list (by cursor) as well.
    const a = await counted(() => listInitiatives(small.staff, { q: MARK, limit: 500 }, { now: NOW }));
    const b = await counted(() => listInitiatives(large.staff, { q: MARK, limit: 500 }, { now: NOW }));
    expect([a.result.items.length, b.result.items.length]).toEqual([4, 59]);
    expect(b.statements).toBe(a.statements);
  });

  it("lists a department's reports in the same statements for 4 and 59 reports", async () => {
    const a = await counted(() => listUpdates(small.staff, { q: MARK }));
    const b = await counted(() => listUpdates(large.staff, { q: MARK }));
    expect([a.result.count, b.result.count]).toEqual([4, 59]);
    expect(b.statements).toBe(a.statements);
    // The page's ids, the capped count, the rows with their authors, departments and initiatives.
    expect(a.statements).toBeLessThanOrEqual(6);
  });

  it("files a report in the same few statements whatever the department's size, token check included", async () => {
    const { token } = await createApiToken(large.staff, { name: "count" });
    await authenticateApiToken(token); // the first use records lastUsedAt
    const auth = await counted(() => authenticateApiToken(token));
    expect(auth.result?.id).toBe(large.staff.id);
    expect(auth.statements).toBe(1);

    const lastSmall = small.initiatives.at(-1);
    const lastLarge = large.initiatives.at(-1);
    if (!lastSmall || !lastLarge) throw new Error("no initiatives");
    const a = await counted(() => file(small, lastSmall, "计数：小"));
    const b = await counted(() => file(large, lastLarge, "计数：大"));
    expect(a.result.created && b.result.created).toBe(true);
    // file() reads the version first (one statement of the test's own).
    expect(b.statements).toBe(a.statements);
    expect(a.statements - 1, "statements of filing a report").toBeLessThanOrEqual(4);
  });

  it("chases a whole department in the same statements for 5 and 60 late initiatives", async () => {
    const director = await viewer("director@demo.local");
    // A month later, nothing is reported for July: every initiative is late.
    const july = bj("2018-07-27T10:00:00");
    const a = await counted(() => chaseDepartment(director, { departmentId: small.id, year: 2018 }, {}, { now: july }));
    const b = await counted(() => chaseDepartment(director, { departmentId: large.id, year: 2018 }, {}, { now: july }));
    expect([a.result.count, b.result.count]).toEqual([5, 60]);
    expect(b.statements).toBe(a.statements);
    // One notification per person, listing every code; every chase counted and audited.
    const notes = await prisma.notification.findMany({ where: { userId: large.staff.id, kind: "chase.batch" }, select: { params: true } });
    expect(notes).toHaveLength(1);
    const params = notes[0]?.params as { count: number; codes: string };
    expect(params.count).toBe(60);
    expect(params.codes.split("、").sort()).toEqual(large.initiatives.map((i) => i.code).sort());
    const counts = await prisma.initiative.findMany({ where: { departmentId: large.id }, select: { chaseCount: true } });
    expect(counts.every((c) => c.chaseCount === 1)).toBe(true);
    const audits = await prisma.auditEvent.count({ where: { action: "initiative.chased", objectId: { in: large.initiatives.map((i) => i.id) } } });
    expect(audits).toBe(60);
  });
});
