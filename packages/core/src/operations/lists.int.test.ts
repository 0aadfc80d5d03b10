// The lists (/initiatives, /updates): filters, scope, search in either script, refusals, pages.
import { prisma } from "@workplan/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSeed } from "../../../../prisma/seed/run-seed";
import { isDone, pastDueDate, shanghaiPeriodOf } from "../rules/calendar";
import type { Viewer } from "../rules/policy";
import { updateInitiative } from "./admin-initiatives";
import { INITIATIVE_SORTS, listInitiativePage, listInitiatives } from "./list-initiatives";
import { listUpdates, UPDATE_COUNT_CAP, UPDATE_SORTS } from "./list-updates";
import { logProgress } from "./log-progress";
import { newUser, refusal, snapshotProgressState, viewer } from "../testing/progress-testing";
import { getReportingCalendar } from "./reporting-calendar";
import { backfillSearchText, updateSearchText } from "../infra/search-text";

const bj = (s: string) => new Date(`${s}+08:00`);
/** In every report this file files: the report lists are narrowed to them with q=MARK. */
const MARK = "清单测试";

async function codes(who: Viewer, query: Record<string, unknown>, now?: Date): Promise<string[]> {
  return (await listInitiatives(who, { limit: 500, ...query }, { now })).items.map((i) => i.code);
}

async function idOf(code: string): Promise<string> {
  return (await prisma.initiative.findUniqueOrThrow({ where: { code }, select: { id: true } })).id;
}

describe("lists of initiatives and progress reports", () => {
  let restore: () => Promise<void>;
  let director: Viewer;
  let techStaff: Viewer;
  let kjsReporter: Viewer;
  let policyReporter: Viewer;

  /** A report through the operation users file it with (which writes its search text). */
  async function report(who: Viewer, code: string, workDone: string, extra: { progress?: number; health?: string; period?: string } = {}) {
    const initiative = await prisma.initiative.findUniqueOrThrow({ where: { code }, select: { id: true, version: true } });
    const result = await logProgress(
      who,
      initiative.id,
      {
        period: extra.period ?? "2018-06",
        progress: extra.progress ?? 40,
        health: extra.health ?? "ON_TRACK",
        healthReason: "测试所需",
        workDone: `${workDone}（${MARK}）`,
        baseVersion: initiative.version,
      },
      [],
      { now: bj("2018-06-20T10:00:00") },
    );
    return result.updateId;
  }

  beforeAll(async () => {
    await runSeed({ demo: true });
    restore = await snapshotProgressState();
    director = await viewer("director@demo.local");
    techStaff = await viewer("tech.staff@demo.local");
    kjsReporter = await newUser("lists", "STAFF", "KJS");
    policyReporter = await newUser("lists", "STAFF", "CYZCS");
    // 科技司 co-operates on one 产业政策司 initiative: its staff see it and its reports.
    await prisma.initiativeCooperation.create({
      data: { initiativeId: await idOf("CYZCS-2018-1"), departmentId: (await prisma.department.findUniqueOrThrow({ where: { code: "KJS" } })).id },
    });
    await report(kjsReporter, "KJS-2018-1.1", "完成質量檢測公共服務平台建設方案，進度100%");
    await report(kjsReporter, "KJS-2018-3.5", "推进智能制造标准体系建设", { progress: 100, health: "DONE" });
    await report(policyReporter, "CYZCS-2018-1", "牵头起草产业政策评估报告");
    await report(policyReporter, "CYZCS-2018-2", "組織召開服務型製造發展交流會", { health: "AT_RISK" });
    await prisma.initiative.update({ where: { code: "CYZCS-2018-7" }, data: { closedAt: new Date("2018-06-01T00:00:00Z") } });
  });

  afterAll(async () => {
    await restore();
    await prisma.$disconnect();
  });

  describe("search in both scripts", () => {
    it("finds initiatives by 製造 and 制造 alike, in the title, the wording or a report", async () => {
      const traditional = await codes(director, { q: "製造", year: 2018 });
      const simplified = await codes(director, { q: "制造", year: 2018 });
      expect(simplified).toEqual(traditional);
      // 推動服務型制造發展 (title), and KJS-2018-3.5 only through its report (推进智能制造…).
      expect(traditional).toEqual(expect.arrayContaining(["CYZCS-2018-2", "KJS-2018-1.1", "KJS-2018-3.5"]));
      const title = await prisma.initiative.findUniqueOrThrow({ where: { code: "KJS-2018-3.5" }, select: { title: true, originalText: true } });
      expect(`${title.title}${title.originalText}`).not.toMatch(/[制製]造/);
    });

    it("finds 質量 (as reported) for 质量, and a report's words in the other script", async () => {
      const reports = await listUpdates(director, { q: "质量检测" });
      expect(reports.items.map((u) => u.workDone)).toEqual([`完成質量檢測公共服務平台建設方案，進度100%（${MARK}）`]);
      expect((await listUpdates(director, { q: "質量檢測" })).items.map((u) => u.id)).toEqual(reports.items.map((u) => u.id));
      expect((await listUpdates(director, { q: "服务型制造" })).items.map((u) => u.initiative.code)).toEqual(["CYZCS-2018-2"]);
      expect((await listUpdates(director, { q: "智能製造" })).items.map((u) => u.initiative.code)).toEqual(["KJS-2018-3.5"]);
      // The initiative is found by its report's words too, whichever script is typed.
      expect(await codes(director, { q: "質量檢測公共" })).toEqual(["KJS-2018-1.1"]);
      expect(await codes(director, { q: "质量检测公共" })).toEqual(["KJS-2018-1.1"]);
    });

    it("takes the search literally and refuses one that the index cannot answer", async () => {
      expect((await listUpdates(director, { q: "100%" })).items.map((u) => u.initiative.code)).toEqual(["KJS-2018-1.1"]);
      expect((await listUpdates(director, { q: "10_%" })).items).toEqual([]);
      expect((await refusal(listUpdates(director, { q: "质" }))).fields).toEqual({ q: "q.tooShort" });
      expect((await refusal(listUpdates(director, { q: "%%" }))).fields).toEqual({ q: "q.tooShort" });
      // One character still searches the initiatives' own words (a few thousand rows, no reports).
      const one = await codes(director, { q: "質", year: 2018 });
      expect(one).toEqual(expect.arrayContaining(["KJS-2018-2.3", "KJS-2018-2.5"]));
      expect(one).not.toContain("KJS-2018-1.1");
    });

    it("writes the search text with every report and every edit of the plan", async () => {
      const row = await prisma.progressUpdate.findFirstOrThrow({ where: { workDone: { startsWith: "完成質量檢測" } }, select: { searchText: true, workDone: true } });
      expect(row.searchText).toBe(updateSearchText({ workDone: row.workDone }));
      expect(row.searchText).toContain("质量检测");

      const admin = await viewer("admin@demo.local");
      const before = await prisma.initiative.findUniqueOrThrow({ where: { code: "KJS-2018-3.4" }, include: { cooperations: true } });
      const input = (title: string) => ({
        title,
        originalText: before.originalText,
        targetValue: before.targetValue?.toString() ?? "",
        targetUnit: before.targetUnit ?? "",
        targetApproximate: before.targetApproximate,
        dueDate: before.dueDate.toISOString().slice(0, 10),
        leadDepartmentId: before.departmentId,
        cooperatingDepartmentIds: before.cooperations.map((c) => c.departmentId),
      });
      await updateInitiative(admin, before.id, input("統籌科技重大專項與稀土永磁攻關"));
      try {
        expect(await codes(director, { q: "稀土永磁" })).toEqual(["KJS-2018-3.4"]);
      } finally {
        await updateInitiative(admin, before.id, input(before.title));
      }
      expect(await codes(director, { q: "稀土永磁" })).toEqual([]);
    });

    it("fills in a missing search text, a batch per statement", async () => {
      const updates = await prisma.progressUpdate.findMany({ select: { id: true, searchText: true }, orderBy: { id: "asc" }, take: 3 });
      const initiatives = await prisma.initiative.findMany({ where: { plan: { year: 2018 } }, select: { id: true, searchText: true }, orderBy: { code: "asc" }, take: 5 });
      await prisma.progressUpdate.updateMany({ where: { id: { in: updates.map((u) => u.id) } }, data: { searchText: "" } });
      await prisma.initiative.updateMany({ where: { id: { in: initiatives.map((i) => i.id) } }, data: { searchText: "" } });
      expect(await codes(director, { q: "工業設計創新", year: 2018 })).toEqual([]);
      expect(await backfillSearchText(prisma, 2)).toBe(8);
      expect(await prisma.progressUpdate.findMany({ where: { id: { in: updates.map((u) => u.id) } }, select: { id: true, searchText: true }, orderBy: { id: "asc" } })).toEqual(updates);
      expect(await prisma.initiative.findMany({ where: { id: { in: initiatives.map((i) => i.id) } }, select: { id: true, searchText: true }, orderBy: { id: "asc" } })).toEqual(
        [...initiatives].sort((a, b) => (a.id < b.id ? -1 : 1)),
      );
      expect(await codes(director, { q: "工业设计创新", year: 2018 })).toEqual(["CYZCS-2018-2"]);
    });
  });

  it("filters initiatives by department, theme, health, closed and awaiting review", async () => {
    const kjs = await codes(director, { year: 2018, department: "kjs" });
    expect(kjs).toHaveLength(15);
    expect(kjs.every((c) => c.startsWith("KJS-2018-"))).toBe(true);
    expect(await codes(director, { theme: "KJS-2018-3" })).toEqual(["KJS-2018-3.1", "KJS-2018-3.2", "KJS-2018-3.3", "KJS-2018-3.4", "KJS-2018-3.5"]);
    const truth = async (where: object) =>
      (await prisma.initiative.findMany({ where: { plan: { year: 2018 }, archivedAt: null, ...where }, select: { code: true }, orderBy: { code: "asc" } })).map((i) => i.code);
    expect(await codes(director, { year: 2018, health: "DONE" })).toEqual(await truth({ health: "DONE" }));
    expect(await codes(director, { year: 2018, health: "DONE" })).toContain("KJS-2018-3.5");
    expect(await codes(director, { year: 2018, health: "AT_RISK", department: "CYZCS" })).toEqual(["CYZCS-2018-2"]);
    expect(await codes(director, { year: 2018, closed: "1" })).toEqual(["CYZCS-2018-7"]);
    expect(await codes(director, { year: 2018, closed: "0" })).not.toContain("CYZCS-2018-7");
    const awaiting = await codes(director, { year: 2018, review: "SUBMITTED" });
    expect(awaiting).toEqual(await truth({ updates: { some: { status: "SUBMITTED" } } }));
    expect(awaiting).toEqual(expect.arrayContaining(["CYZCS-2018-1", "CYZCS-2018-2", "KJS-2018-1.1", "KJS-2018-3.5"]));
  });

  it("filters by overdue, light and this month's report exactly as the reporting calendar counts them", async () => {
    const moments = [bj("2018-06-10T12:00:00"), bj("2018-06-23T12:00:00"), bj("2018-06-27T12:00:00"), bj("2019-01-05T12:00:00")];
    for (const now of moments) {
      const calendar = await getReportingCalendar(director, { year: 2018, now });
      const rows = calendar.departments.flatMap((d) => d.initiatives);
      const sorted = (list: string[]) => [...list].sort();
      for (const light of ["RED", "YELLOW", "GREEN"] as const) {
        expect(sorted(await codes(director, { year: 2018, light }, now))).toEqual(sorted(rows.filter((r) => r.light === light).map((r) => r.code)));
      }
      // This month's report (Beijing time): in January 2019 the plan year's calendar has no column for it.
      const period = shanghaiPeriodOf(now);
      // A done or closed initiative owes no report, so it is never late (as on the dashboard).
      const late = rows
        .filter((r) => !r.done && ["LATE", "MISSING"].includes(r.months.find((m) => m.period === period)?.status ?? ""))
        .map((r) => r.code);
      if (now === moments[2]) expect(rows.some((r) => r.done && r.months.find((m) => m.period === period)?.status === "MISSING")).toBe(true);
      expect(sorted(await codes(director, { year: 2018, late: "1" }, now))).toEqual(sorted(late));
      expect(sorted(await codes(director, { year: 2018, late: "0" }, now))).toEqual(sorted(rows.map((r) => r.code).filter((c) => !late.includes(c))));

      const all = await prisma.initiative.findMany({ where: { plan: { year: 2018 }, archivedAt: null }, select: { code: true, dueDate: true, health: true, progress: true, closedAt: true } });
      const overdue = all.filter((i) => pastDueDate(i.dueDate, now) && !isDone(i)).map((i) => i.code);
      expect(sorted(await codes(director, { year: 2018, overdue: "1" }, now))).toEqual(sorted(overdue));
      expect(await codes(director, { year: 2018, overdue: "0" }, now)).toHaveLength(all.length - overdue.length);
    }
    // The light is in the list page's rows too, and a report this month makes it green.
    const page = await listInitiativePage(director, { year: 2018, department: "KJS" }, { now: bj("2018-06-27T12:00:00") });
    expect(page.period).toBe("2018-06");
    expect(page.items.find((i) => i.code === "KJS-2018-1.1")).toMatchObject({ light: "GREEN", thisMonth: "LATE", overdue: false });
    expect(page.items.find((i) => i.code === "KJS-2018-1.2")).toMatchObject({ light: "RED", thisMonth: "MISSING" });
    expect(page.items.find((i) => i.code === "KJS-2018-3.5")).toMatchObject({ light: "GREEN" });
    const afterYear = await listInitiativePage(director, { year: 2018, overdue: "1" }, { now: bj("2019-01-05T12:00:00") });
    expect(afterYear.total).toBe(20); // all but the one reported done and the closed one
    expect(afterYear.items.every((i) => i.overdue && i.light === "RED" && i.thisMonth === "NOT_DUE")).toBe(true);
    expect(await codes(director, { year: 2018, late: "1" }, bj("2019-01-05T12:00:00"))).toEqual([]);
  });

  it("keeps everyone to their scope: 科技司 staff see their own and what they co-operate on", async () => {
    const own = await codes(techStaff, { year: 2018 });
    expect(own).toContain("CYZCS-2018-1");
    expect(own.filter((c) => !c.startsWith("KJS-"))).toEqual(["CYZCS-2018-1"]);
    expect(await codes(techStaff, { year: 2018, q: "服务型制造" })).toEqual([]);
    expect(await codes(director, { year: 2018 })).toHaveLength(22);

    const theirs = await listUpdates(techStaff, { q: MARK });
    expect(theirs.items.map((u) => u.initiative.code).sort()).toEqual(["CYZCS-2018-1", "KJS-2018-1.1", "KJS-2018-3.5"]);
    expect((await listUpdates(techStaff, { department: "CYZCS", q: MARK })).items.map((u) => u.initiative.code)).toEqual(["CYZCS-2018-1"]);
    expect((await listUpdates(director, { q: MARK })).items).toHaveLength(4);
    const anyOfTheirs = await listUpdates(techStaff, { limit: 200 });
    expect(anyOfTheirs.items.every((u) => u.initiative.code.startsWith("KJS-") || u.initiative.code === "CYZCS-2018-1")).toBe(true);
  });

  it("filters reports by department, theme, initiative, review state, health and month", async () => {
    const list = async (query: Record<string, unknown>) => (await listUpdates(director, { q: MARK, ...query })).items.map((u) => u.initiative.code).sort();
    expect(await list({ department: "CYZCS" })).toEqual(["CYZCS-2018-1", "CYZCS-2018-2"]);
    expect(await list({ theme: "KJS-2018-3" })).toEqual(["KJS-2018-3.5"]);
    expect(await list({ initiative: "kjs-2018-1.1" })).toEqual(["KJS-2018-1.1"]);
    expect(await list({ health: "AT_RISK" })).toEqual(["CYZCS-2018-2"]);
    expect(await list({ review: "SUBMITTED", period: "2018-06" })).toHaveLength(4);
    expect(await list({ review: "APPROVED" })).toEqual([]);
    expect(await list({ period: "2018-05" })).toEqual([]);
    expect(await list({ year: 2017 })).toEqual([]);
    const first = (await listUpdates(director, { initiative: "KJS-2018-1.1", q: MARK })).items[0];
    expect(first).toMatchObject({ period: "2018-06", status: "SUBMITTED", department: { code: "KJS" }, initiative: { code: "KJS-2018-1.1" } });
  });

  it("refuses bad parameters with a message key per field", async () => {
    const bad = await refusal(listInitiatives(director, { light: "BLUE", overdue: "yes", sort: "name", theme: "主题", page: "0", review: "APPROVED" }));
    expect(bad.code).toBe("invalid");
    expect(bad.fields).toEqual({
      light: "light.invalid",
      overdue: "flag.invalid",
      sort: "sort.invalid",
      theme: "theme.invalid",
      page: "page.invalid",
      review: "review.invalid",
    });
    expect((await refusal(listInitiatives(director, { page: 2, cursor: "KJS-2018-1.1" }))).fields).toEqual({ page: "page.withCursor" });
    expect((await refusal(listInitiatives(director, { sort: "-progress", cursor: "KJS-2018-1.1" }))).fields).toEqual({ cursor: "cursor.invalid" });
    expect((await refusal(listInitiativePage(director, { late: "2" }))).fields).toEqual({ late: "flag.invalid" });

    const updates = await refusal(listUpdates(director, { period: "2018-13", review: "PENDING", initiative: "KJS", sort: "random", departmnet: "KJS", limit: 500 }));
    expect(updates.fields).toEqual({
      period: "period.invalid",
      review: "review.invalid",
      initiative: "initiative.invalid",
      sort: "sort.invalid",
      departmnet: "parameter.unknown",
      limit: "limit.range",
    });
    // The key is worded by this list: its limit is 1–200, not the initiatives' 1–500.
    expect((await refusal(listUpdates(director, { limit: 300 }))).messages?.["limit.range"]).toBe("The limit is a whole number from 1 to 200.");
    expect((await refusal(listUpdates(director, { cursor: "not-a-cursor" }))).fields).toEqual({ cursor: "cursor.invalid" });
    expect((await refusal(listUpdates(director, { q: "字".repeat(101) }))).fields).toEqual({ q: "q.tooLong" });
    // Empty parameters are no filter.
    expect((await listUpdates(director, { q: MARK, period: " ", review: "", health: "" })).items).toHaveLength(4);
  });

  it("pages initiatives in every order without gaps or repeats, by cursor and by page number", async () => {
    for (const sort of INITIATIVE_SORTS) {
      const everything = await codes(director, { sort });
      expect(everything.length).toBeGreaterThan(22);
      const paged: string[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 100; i++) {
        const result = await listInitiatives(director, { sort, limit: 4, cursor });
        paged.push(...result.items.map((x) => x.code));
        if (!result.nextCursor) break;
        cursor = result.nextCursor;
      }
      expect(paged, sort).toEqual(everything);
      const numbered: string[] = [];
      const first = await listInitiativePage(director, { sort, limit: 5 });
      expect(first.total).toBe(everything.length);
      for (let page = 1; page <= first.pageCount; page++) numbered.push(...(await listInitiativePage(director, { sort, limit: 5, page })).items.map((x) => x.code));
      expect(numbered, sort).toEqual(everything);
    }
    const items = (await listInitiatives(director, { sort: "-progress", limit: 500 })).items;
    expect(items.map((i) => i.progress)).toEqual([...items.map((i) => i.progress)].sort((a, b) => b - a));
    const updated = (await listInitiatives(director, { sort: "-updated", limit: 500 })).items;
    const firstNull = updated.findIndex((i) => i.lastUpdateAt === null);
    expect(updated.slice(0, firstNull).every((i) => i.lastUpdateAt !== null)).toBe(true);
    expect(updated.slice(firstNull).every((i) => i.lastUpdateAt === null)).toBe(true);
  });

  it("pages a thousand reports by keyset in every order, ties included, and caps the count", async () => {
    const initiativeId = await idOf("CYZCS-2018-5");
    const department = await prisma.department.findUniqueOrThrow({ where: { code: "CYZCS" }, select: { id: true } });
    const many = UPDATE_COUNT_CAP + 20;
    await prisma.progressUpdate.createMany({
      data: Array.from({ length: many }, (_, n) => ({
        initiativeId,
        authorId: policyReporter.id,
        departmentId: department.id,
        period: new Date(Date.UTC(2018, n % 6, 1)),
        progress: n % 7,
        health: "ON_TRACK" as const,
        healthSuggested: "ON_TRACK" as const,
        workDone: `批量报告 ${n}`,
        searchText: updateSearchText({ workDone: `批量报告 ${n}` }),
        // Groups of five share one instant: the id breaks the tie.
        createdAt: new Date(Date.UTC(2018, 0, 1) + Math.floor(n / 5) * 60_000),
      })),
    });
    const query = { initiative: "CYZCS-2018-5" };
    const counted = await listUpdates(director, query);
    expect(counted).toMatchObject({ count: UPDATE_COUNT_CAP, countCapped: true });
    expect((await listUpdates(director, { ...query, period: "2018-02" })).count).toBe(Math.ceil((many - 1) / 6));
    expect((await listUpdates(director, { ...query, q: "批量报告 1019" })).count).toBe(1);

    for (const sort of UPDATE_SORTS) {
      const seen: { id: string; createdAt: Date; progress: number }[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 20; i++) {
        const page = await listUpdates(director, { ...query, sort, limit: 200, cursor });
        seen.push(...page.items);
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(seen, sort).toHaveLength(many);
      expect(new Set(seen.map((u) => u.id)).size, sort).toBe(many);
      for (let i = 1; i < seen.length; i++) {
        const [a, b] = [seen[i - 1], seen[i]];
        if (!a || !b) continue;
        if (sort === "newest") expect(a.createdAt.getTime()).toBeGreaterThanOrEqual(b.createdAt.getTime());
        if (sort === "oldest") expect(a.createdAt.getTime()).toBeLessThanOrEqual(b.createdAt.getTime());
        if (sort === "progress") expect(a.progress).toBeGreaterThanOrEqual(b.progress);
      }
    }
  });
});
