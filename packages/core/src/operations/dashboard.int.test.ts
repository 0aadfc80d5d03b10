import { prisma } from "@workplan/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSeed } from "../../../../prisma/seed/run-seed";
import type { Viewer } from "../rules/policy";
import { getDashboard, type DashboardFigures } from "./dashboard";
import { listInitiativePage } from "./list-initiatives";
import { listUpdates } from "./list-updates";
import { viewer } from "../testing/progress-testing";

// A plan year of its own (2030) in two departments of their own, with reports written straight
// into progress_updates at chosen times: the monthly roll-up (a trigger) and the dashboard's
// figures follow from them, read with a controllable clock.

const bj = (s: string) => new Date(`${s}+08:00`);
const NOW = bj("2030-06-27T10:00:00"); // June's report (due the 25th) is overdue
const YEAR = 2030;

describe("dashboard", () => {
  const stamp = Date.now().toString(36).slice(-5).toUpperCase();
  const codeA = `DA${stamp}`;
  const codeB = `DB${stamp}`;
  let director: Viewer;
  let leadA: Viewer;
  let staffA: Viewer;
  let staffB: Viewer;
  const ids: Record<string, string> = {};
  const departmentIds: string[] = [];

  async function department(code: string) {
    const d = await prisma.department.create({
      data: { code, nameZhHans: `测试司${code}`, nameZhHant: `測試司${code}`, nameEn: `Test ${code}` },
    });
    departmentIds.push(d.id);
    const plan = await prisma.workPlan.create({
      data: { departmentId: d.id, year: YEAR, heading: "2030年工作計劃", preamble: "", sourceDocument: "" },
    });
    return { department: d, plan };
  }

  async function initiative(
    key: string,
    at: { departmentId: string; planId: string; themeId: string | null },
    data: { ordinal: number; dueDate: string; progress: number; health: "ON_TRACK" | "AT_RISK" | "OFF_TRACK" | "DONE" | null },
  ) {
    const row = await prisma.initiative.create({
      data: {
        ...at,
        ordinal: data.ordinal,
        code: `${key}-${stamp}`,
        title: `測試任務${key}`,
        originalText: `測試任務${key}`,
        sourceParagraph: "",
        dueDate: new Date(`${data.dueDate}T00:00:00Z`),
        progress: data.progress,
        health: data.health,
      },
    });
    ids[key] = row.id;
    return row;
  }

  /** A report by the department's staff (written as a seeded user: no test users are left behind in the departments). */
  async function report(key: string, author: Viewer, period: string, createdAt: Date, progress: number, status: "SUBMITTED" | "APPROVED" = "APPROVED") {
    await prisma.progressUpdate.create({
      data: {
        initiativeId: ids[key] as string,
        authorId: author.id,
        departmentId: author.departmentId as string,
        period: new Date(`${period}-01T00:00:00Z`),
        progress,
        health: "ON_TRACK",
        healthSuggested: "ON_TRACK",
        workDone: "总览测试",
        status,
        createdAt,
      },
    });
  }

  beforeAll(async () => {
    await runSeed({ demo: true });
    director = await viewer("director@demo.local");
    const a = await department(codeA);
    const b = await department(codeB);
    const author = await viewer("policy.staff@demo.local");
    // Viewers of the test departments: the dashboard reads scope from the viewer, not from a user row.
    leadA = { id: author.id, role: "MANAGER", departmentId: a.department.id };
    staffA = { id: author.id, role: "STAFF", departmentId: a.department.id };
    staffB = { id: author.id, role: "STAFF", departmentId: b.department.id };
    const t1 = await prisma.theme.create({ data: { planId: a.plan.id, ordinal: 1, code: `${codeA}-${YEAR}-1`, title: "一、主題甲", intro: "", sourceParagraph: "" } });
    const t2 = await prisma.theme.create({ data: { planId: a.plan.id, ordinal: 2, code: `${codeA}-${YEAR}-2`, title: "二、主題乙", intro: "", sourceParagraph: "" } });
    const inA = (themeId: string | null) => ({ departmentId: a.department.id, planId: a.plan.id, themeId });
    await initiative("A", inA(t1.id), { ordinal: 1, dueDate: "2030-12-31", progress: 50, health: "ON_TRACK" });
    await initiative("B", inA(t1.id), { ordinal: 2, dueDate: "2030-05-31", progress: 50, health: "OFF_TRACK" });
    await initiative("C", inA(t2.id), { ordinal: 3, dueDate: "2030-12-31", progress: 100, health: "DONE" });
    await initiative("D", { departmentId: b.department.id, planId: b.plan.id, themeId: null }, { ordinal: 1, dueDate: "2030-12-31", progress: 60, health: "ON_TRACK" });

    // A: Jan on time, Feb late, Mar missing, Apr and May on time, June missing (overdue on the 27th).
    await report("A", staffA, "2030-01", bj("2030-01-20T10:00:00"), 20);
    await report("A", staffA, "2030-02", bj("2030-02-26T09:00:00"), 30);
    await report("A", staffA, "2030-04", bj("2030-04-25T23:00:00"), 40);
    await report("A", staffA, "2030-05", bj("2030-05-10T09:00:00"), 45);
    await report("A", staffA, "2030-05", bj("2030-05-30T09:00:00"), 50, "SUBMITTED"); // the later one sets May's progress
    // B: on time January to May, then past its own due date (31 May).
    for (const [m, p] of [["01", 10], ["02", 20], ["03", 30], ["04", 40], ["05", 50]] as const) {
      await report("B", staffA, `2030-${m}`, bj(`2030-${m}-15T10:00:00`), p);
    }
    // C: done in January; owes no more reports.
    await report("C", staffA, "2030-01", bj("2030-01-05T10:00:00"), 100);
    // D: every month on time, June's awaiting review.
    for (const m of ["01", "02", "03", "04", "05"]) await report("D", staffB, `2030-${m}`, bj(`2030-${m}-20T10:00:00`), Number(m) * 10);
    await report("D", staffB, "2030-06", bj("2030-06-20T10:00:00"), 60, "SUBMITTED");
  });

  afterAll(async () => {
    await prisma.initiative.deleteMany({ where: { departmentId: { in: departmentIds } } });
    await prisma.workPlan.deleteMany({ where: { departmentId: { in: departmentIds } } });
    await prisma.department.deleteMany({ where: { id: { in: departmentIds } } });
    await prisma.$disconnect();
  });

  function dept(dashboard: Awaited<ReturnType<typeof getDashboard>>, code: string) {
    const found = dashboard.departments.find((d) => d.department.code === code);
    if (!found) throw new Error(`no ${code} on the dashboard`);
    return found;
  }

  it("gives each department its figures, from the stored monthly roll-up", async () => {
    const dashboard = await getDashboard(director, { year: YEAR, now: NOW });
    expect(dashboard.periods).toEqual(["2030-01", "2030-02", "2030-03", "2030-04", "2030-05", "2030-06"]);
    expect(dashboard.currentPeriod).toBe("2030-06");
    const a = dept(dashboard, codeA);
    expect(a).toMatchObject({
      initiatives: 3,
      averageProgress: 67,
      health: { ON_TRACK: 1, AT_RISK: 0, OFF_TRACK: 1, DONE: 1, NONE: 0 },
      overdue: 1, // B
      lateThisMonth: 2, // A and B have no June report; C is done
      awaitingReview: 1, // A's second May report
      red: 2,
      // Due: A Jan–Jun (6, on time Jan, Apr, May), B Jan–Jun (6, on time Jan–May), C Jan only (done).
      reportsDue: 13,
      reportsOnTime: 9,
      onTimeRate: 69,
    });
    // Progress at the end of each month, the latest report so far (A: 20 30 30 40 50 50; B: 10 … 50 50; C: 100).
    expect(a.progressSeries).toEqual([43, 50, 53, 60, 67, 67]);
    expect(a.themes.map((t) => [t.title, t.initiatives, t.averageProgress, t.overdue])).toEqual([
      ["一、主題甲", 2, 50, 1],
      ["二、主題乙", 1, 100, 0],
    ]);
    const b = dept(dashboard, codeB);
    expect(b).toMatchObject({ onTimeRate: 100, reportsDue: 6, awaitingReview: 1, lateThisMonth: 0, red: 0 });
    expect(b.progressSeries).toEqual([10, 20, 30, 40, 50, 60]);
    // The whole scope, initiative by initiative (A, B, C and D).
    expect(dashboard.totals.progressSeries).toEqual([35, 43, 48, 55, 63, 65]);
  });

  it("ranks departments by on-time reporting, then progress", async () => {
    const dashboard = await getDashboard(director, { year: YEAR, now: NOW });
    const order = dashboard.league.map((l) => dashboard.departments.find((d) => d.department.id === l.departmentId)?.department.code);
    expect(order).toEqual([codeB, codeA]);
    expect(dashboard.league.map((l) => l.rank)).toEqual([1, 2]);
  });

  it("lists what is behind with the reasons, most serious first", async () => {
    const dashboard = await getDashboard(director, { year: YEAR, now: NOW });
    expect(dashboard.behind.map((b) => [b.code, b.light, b.reasons])).toEqual([
      [`B-${stamp}`, "RED", ["PAST_DUE", "REPORT_MISSING", "OFF_TRACK"]],
      [`A-${stamp}`, "RED", ["REPORT_MISSING"]],
    ]);
    expect(dashboard.behind.find((b) => b.code === `A-${stamp}`)?.awaitingReview).toBe(1);
  });

  it("follows the clock: before the due day nothing is late yet, and the light turns yellow in the last three days", async () => {
    const early = await getDashboard(director, { year: YEAR, now: bj("2030-06-10T10:00:00") });
    expect(dept(early, codeA)).toMatchObject({ lateThisMonth: 0, overdue: 1, red: 1, yellow: 0 });
    const soon = await getDashboard(director, { year: YEAR, now: bj("2030-06-23T10:00:00") });
    expect(dept(soon, codeA)).toMatchObject({ lateThisMonth: 0, yellow: 1 });
    expect(soon.behind.find((b) => b.code === `A-${stamp}`)?.reasons).toEqual(["REPORT_DUE_SOON"]);
  });

  it("moves when a report comes in", async () => {
    await report("A", staffA, "2030-06", bj("2030-06-27T09:00:00"), 70, "SUBMITTED");
    const dashboard = await getDashboard(director, { year: YEAR, now: NOW });
    const a = dept(dashboard, codeA);
    expect(a).toMatchObject({ lateThisMonth: 2, awaitingReview: 2, red: 1, reportsOnTime: 9 });
    expect(a.progressSeries.at(-1)).toBe(Math.round((70 + 50 + 100) / 3));
    expect(dashboard.behind.find((b) => b.code === `A-${stamp}`)?.reasons).toEqual(["REPORT_LATE"]);

    // Reviewing and removing reports take them out of the backlog.
    await prisma.progressUpdate.updateMany({ where: { initiativeId: ids.A, period: new Date("2030-06-01T00:00:00Z") }, data: { status: "RETURNED" } });
    expect(dept(await getDashboard(director, { year: YEAR, now: NOW }), codeA).awaitingReview).toBe(1);
    await prisma.progressUpdate.deleteMany({ where: { initiativeId: ids.A, period: new Date("2030-05-01T00:00:00Z"), status: "SUBMITTED" } });
    const after = dept(await getDashboard(director, { year: YEAR, now: NOW }), codeA);
    expect(after.awaitingReview).toBe(0);
    // May's progress falls back to the report that is left.
    expect(after.progressSeries[4]).toBe(Math.round((45 + 50 + 100) / 3));
  });

  it("gives every figure the count of the list it links to", async () => {
    // A co-operating department's part: department A reports on B's initiative, awaiting review.
    await prisma.initiativeCooperation.create({ data: { initiativeId: ids.D as string, departmentId: staffA.departmentId as string } });
    await report("D", staffA, "2030-06", bj("2030-06-21T10:00:00"), 55, "SUBMITTED");
    // … and a pending extension request on a closed initiative is no one's work any more.
    await prisma.initiative.update({ where: { id: ids.C }, data: { closedAt: NOW, outcome: "ACHIEVED" } });
    await prisma.extensionRequest.create({
      data: { initiativeId: ids.C as string, requesterId: staffA.id, currentDueDate: new Date("2030-12-31"), requestedDueDate: new Date("2031-03-31"), reason: "测试" },
    });
    for (const now of [NOW, bj("2030-06-23T10:00:00")]) {
      const dashboard = await getDashboard(director, { year: YEAR, now });
      expect(dashboard.totals.pendingExtensions).toBe(0);
      // The cards, for the whole scope and narrowed to each department.
      for (const narrowed of [undefined, codeA, codeB]) {
        const view = narrowed ? await getDashboard(director, { year: YEAR, department: narrowed, now }) : dashboard;
        const scope = narrowed ? { department: narrowed } : {};
        expect((await listInitiativePage(director, { year: String(YEAR), ...scope }, { now })).total).toBe(view.totals.initiatives);
        expect((await listInitiativePage(director, { year: String(YEAR), ...scope, late: "1" }, { now })).total).toBe(view.totals.lateThisMonth);
        // "Needs attention: all N" opens the list of exactly those N, most serious first on the overview.
        const attention = await listInitiativePage(director, { year: String(YEAR), ...scope, attention: "1", limit: 100 }, { now });
        expect(attention.total).toBe(view.behindCount);
        expect(new Set(attention.items.map((i) => i.code))).toEqual(new Set((await getDashboard(director, { year: YEAR, department: narrowed, now, behindLimit: 1000 })).behind.map((b) => b.code)));
        expect((await listUpdates(director, { year: String(YEAR), ...scope, review: "SUBMITTED" })).count).toBe(view.totals.awaitingReview);
      }
      const check = async (figures: DashboardFigures, scope: Record<string, string>, reportScope: Record<string, string>) => {
        const count = async (filter: Record<string, string>) => (await listInitiativePage(director, { year: String(YEAR), ...scope, ...filter }, { now })).total;
        expect(await count({})).toBe(figures.initiatives);
        for (const health of ["ON_TRACK", "AT_RISK", "OFF_TRACK", "DONE", "NONE"] as const) {
          expect(await count({ health })).toBe(figures.health[health]);
        }
        expect(await count({ overdue: "1" })).toBe(figures.overdue);
        expect(await count({ late: "1" })).toBe(figures.lateThisMonth);
        expect(await count({ light: "RED" })).toBe(figures.red);
        expect(await count({ light: "YELLOW" })).toBe(figures.yellow);
        const awaiting = await listUpdates(director, { year: String(YEAR), ...reportScope, review: "SUBMITTED" });
        expect(awaiting.count).toBe(figures.awaitingReview);
      };
      for (const d of dashboard.departments) {
        await check(d, { department: d.department.code }, { department: d.department.code });
        for (const theme of d.themes) await check(theme, { theme: theme.code }, { theme: theme.code });
      }
    }
  });

  it("keeps a department manager to the department, and the ministry sees all", async () => {
    const own = await getDashboard(leadA, { year: YEAR, now: NOW });
    expect(own.departments.map((d) => d.department.code)).toEqual([codeA]);
    // Only what the department leads: B's initiative it co-operates on is B's figure.
    expect(own.department).toBe(codeA);
    expect(own.totals.initiatives).toBe(3);
    expect(own.behind.every((b) => b.department.code === codeA)).toBe(true);
    const all = await getDashboard(director, { year: YEAR, now: NOW });
    expect(all.departments.map((d) => d.department.code).sort()).toEqual([codeA, codeB].sort());
    expect(all.totals.initiatives).toBe(4);
    // Narrowed to one department; the choices stay those of the whole scope.
    const one = await getDashboard(director, { year: YEAR, department: codeB.toLowerCase(), now: NOW });
    expect(one.department).toBe(codeB);
    expect(one.departments.map((d) => d.department.code)).toEqual([codeB]);
    expect(one.totals).toMatchObject({ initiatives: 1, awaitingReview: 1 });
    expect(one.departmentChoices.map((d) => d.code)).toEqual(expect.arrayContaining([codeA, codeB]));
    // A department manager cannot narrow to another department: the own one stays.
    expect((await getDashboard(leadA, { year: YEAR, department: codeB, now: NOW })).departments.map((d) => d.department.code)).toEqual([codeA]);
  });

  it("defaults to the latest plan year in scope and is empty, not broken, for a year without plans", async () => {
    expect((await getDashboard(leadA, { now: NOW })).year).toBe(YEAR);
    const none = await getDashboard(director, { year: 2099, now: NOW });
    expect(none.departments).toEqual([]);
    expect(none.behind).toEqual([]);
    expect(none.totals.initiatives).toBe(0);
  });
});
