import { prisma } from "@workplan/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSeed } from "../../../../prisma/seed/run-seed";
import type { Viewer } from "../rules/policy";
import { removeDepartments } from "../testing/admin-plans-testing";
import { getPlanSummary, type PlanSummaryRow } from "./get-plan-overview";
import { listInitiativePage } from "./list-initiatives";
import { viewer } from "../testing/progress-testing";
import { refreshRollups } from "./refresh-rollups";
import { bj, makeDepartment, makeInitiative, type TestDepartment } from "../testing/summary-testing";

// /plan for a ministry-wide viewer: one row per department plan, every figure a link to
// /initiatives with the same count. A plan year of its own (2036) in two departments of their own.

const YEAR = 2036;
// Just after midnight in Beijing (still 31 May in UTC): initiatives due on 31 May are overdue now.
const NOW = bj("2036-06-01T01:00:00");

describe("plan summary", () => {
  let director: Viewer;
  let someone: Viewer;
  let p: TestDepartment;
  let q: TestDepartment;

  beforeAll(async () => {
    await runSeed({ demo: true });
    director = await viewer("director@demo.local");
    someone = await viewer("policy.staff@demo.local");
    p = await makeDepartment(YEAR);
    q = await makeDepartment(YEAR);
    await makeInitiative(p, { dueDate: "2036-12-31", progress: 40, health: "ON_TRACK" });
    await makeInitiative(p, { dueDate: "2036-05-31", progress: 30, health: "AT_RISK" }); // overdue since midnight
    await makeInitiative(p, { dueDate: "2036-06-01", progress: 20, health: "OFF_TRACK" }); // due today: not yet
    await makeInitiative(p, { dueDate: "2036-03-31", progress: 100, health: "DONE" }); // done: never overdue
    await makeInitiative(p, { dueDate: "2036-04-30", progress: 0, health: null }); // not reported, overdue
    await makeInitiative(p, { dueDate: "2036-01-31", progress: 100, health: "ON_TRACK" }); // at 100 %: not overdue
    await makeInitiative(p, { dueDate: "2036-02-28", progress: 50, health: "OFF_TRACK", closedAt: bj("2036-03-05T10:00:00") }); // closed
    await makeInitiative(p, { dueDate: "2036-01-31", progress: 10, health: "OFF_TRACK", archivedAt: bj("2036-02-01T10:00:00") }); // left out
    await makeInitiative(q, { dueDate: "2036-12-31", progress: 80, health: "ON_TRACK" });
    await prisma.$transaction(async (tx) => {
      await refreshRollups(tx, p.planId);
      await refreshRollups(tx, q.planId);
    });
  });

  afterAll(async () => {
    await removeDepartments([p.code, q.code]);
    await prisma.$disconnect();
  });

  function row(rows: PlanSummaryRow[] | null, code: string): PlanSummaryRow {
    const found = rows?.find((r) => r.department.code === code);
    if (!found) throw new Error(`no ${code} in the summary`);
    return found;
  }

  it("gives each department plan its initiatives, progress, health counts and overdue, archived ones left out", async () => {
    const rows = await getPlanSummary(director, YEAR, NOW);
    expect(row(rows, p.code)).toMatchObject({
      planId: p.planId,
      status: "ACTIVE",
      initiatives: 7,
      progress: 49, // (40 + 30 + 20 + 100 + 0 + 100 + 50) / 7
      health: { ON_TRACK: 2, AT_RISK: 1, OFF_TRACK: 2, DONE: 1, NONE: 1 },
      overdue: 2,
    });
    expect(row(rows, q.code)).toMatchObject({ initiatives: 1, progress: 80, overdue: 0, health: { ON_TRACK: 1, AT_RISK: 0, OFF_TRACK: 0, DONE: 0, NONE: 0 } });
    // One row per plan, in department code order.
    const ours = rows?.filter((r) => r.department.code === p.code || r.department.code === q.code).map((r) => r.department.code);
    expect(ours).toEqual([p.code, q.code].sort());
    // A second before midnight in Beijing, 31 May is still today: one fewer overdue.
    expect(row(await getPlanSummary(director, YEAR, bj("2036-05-31T23:59:59")), p.code).overdue).toBe(1);
  });

  it("gives every figure the count of the list it links to", async () => {
    for (const now of [NOW, bj("2036-05-31T23:59:59"), bj("2036-12-31T12:00:00"), bj("2037-01-01T00:00:00")]) {
      const rows = await getPlanSummary(director, String(YEAR), now);
      for (const dept of [p, q]) {
        const summary = row(rows, dept.code);
        const count = async (filter: Record<string, string>) =>
          (await listInitiativePage(director, { year: String(YEAR), department: dept.code, ...filter }, { now })).total;
        expect(await count({})).toBe(summary.initiatives);
        for (const health of ["ON_TRACK", "AT_RISK", "OFF_TRACK", "DONE", "NONE"] as const) {
          expect(await count({ health }), `${dept.code} ${health}`).toBe(summary.health[health]);
        }
        expect(await count({ overdue: "1" }), `${dept.code} overdue at ${now.toISOString()}`).toBe(summary.overdue);
      }
    }
    // On New Year's Day every open initiative of P is overdue: 1, 2, 3 and 5.
    expect(row(await getPlanSummary(director, YEAR, bj("2037-01-01T00:00:00")), p.code).overdue).toBe(4);
  });

  it("keeps a department's viewer to its own plan", async () => {
    const leadP: Viewer = { id: someone.id, role: "MANAGER", departmentId: p.id };
    expect((await getPlanSummary(leadP, YEAR, NOW))?.map((r) => r.department.code)).toEqual([p.code]);
    const staffQ: Viewer = { id: someone.id, role: "STAFF", departmentId: q.id };
    expect((await getPlanSummary(staffQ, YEAR, NOW))?.map((r) => r.department.code)).toEqual([q.code]);
    // A ministry-wide viewer sees both; the admin too.
    const admin = await viewer("admin@demo.local");
    for (const who of [director, admin]) {
      const codes = (await getPlanSummary(who, YEAR, NOW))?.map((r) => r.department.code);
      expect(codes).toEqual(expect.arrayContaining([p.code, q.code]));
    }
  });

  it("answers null for a year it cannot read, and nothing for a year without plans", async () => {
    for (const year of ["abc", "", 1999, 2101, 2036.5, null, undefined, "2036; DROP TABLE work_plans"]) {
      expect(await getPlanSummary(director, year, NOW), String(year)).toBeNull();
    }
    const none = await getPlanSummary(director, 2098, NOW);
    expect(none?.some((r) => r.department.code === p.code)).toBe(false);
    expect(row(await getPlanSummary(director, "2036", NOW), p.code).initiatives).toBe(7);
  });
});
