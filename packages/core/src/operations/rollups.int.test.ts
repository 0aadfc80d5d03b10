import { prisma } from "@workplan/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSeed } from "../../../../prisma/seed/run-seed";
import { viewer } from "../testing/progress-testing";

// The stored roll-ups the calendar, the lights, the lists and the overview read are kept by triggers
// on progress_updates and initiatives (migrations initiative_months, review_backlog,
// rollups_follow_updates). Whatever changes a report or an initiative's lead, they must equal what
// grouping the reports themselves gives.

const stamp = Date.now().toString(36).slice(-5).toUpperCase();
const day = (s: string) => new Date(`${s}T00:00:00Z`);

describe("stored roll-ups", () => {
  const departmentIds: string[] = [];
  let initiativeId = "";
  let lead = "";
  let other = "";
  let authorId = "";

  /** initiative_months as the reports themselves give it (the lead department's reports). */
  async function expectedMonths() {
    const initiative = await prisma.initiative.findUniqueOrThrow({ where: { id: initiativeId }, select: { departmentId: true } });
    const reports = await prisma.progressUpdate.findMany({
      where: { initiativeId, departmentId: initiative.departmentId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    const months = new Map<string, { first: string; last: string; progress: number; count: number }>();
    for (const r of reports) {
      const key = r.period.toISOString().slice(0, 7);
      const m = months.get(key);
      if (!m) months.set(key, { first: r.createdAt.toISOString(), last: r.createdAt.toISOString(), progress: r.progress, count: 1 });
      else Object.assign(m, { last: r.createdAt.toISOString(), progress: r.progress, count: m.count + 1 });
    }
    return [...months].sort(([a], [b]) => a.localeCompare(b)).map(([period, m]) => ({ period, ...m }));
  }

  async function storedMonths() {
    const rows = await prisma.initiativeMonth.findMany({ where: { initiativeId }, orderBy: { period: "asc" } });
    return rows.map((m) => ({
      period: m.period.toISOString().slice(0, 7),
      first: m.firstReportAt.toISOString(),
      last: m.lastReportAt.toISOString(),
      progress: m.progress,
      count: m.reportCount,
    }));
  }

  async function backlog() {
    const rows = await prisma.reviewBacklog.findMany({ where: { initiativeId, submitted: { gt: 0 } }, orderBy: { departmentId: "asc" } });
    return rows.map((r) => [r.departmentId, r.submitted]);
  }

  async function expectedBacklog() {
    const groups = await prisma.progressUpdate.groupBy({ by: ["departmentId"], where: { initiativeId, status: "SUBMITTED" }, _count: { _all: true } });
    return groups.map((g) => [g.departmentId, g._count._all]).sort(([a], [b]) => String(a).localeCompare(String(b)));
  }

  async function report(departmentId: string, period: string, createdAt: string, progress: number, status: "SUBMITTED" | "APPROVED" = "SUBMITTED") {
    return prisma.progressUpdate.create({
      data: {
        initiativeId,
        authorId,
        departmentId,
        period: day(`${period}-01`),
        progress,
        health: "ON_TRACK",
        healthSuggested: "ON_TRACK",
        workDone: "汇总测试",
        status,
        createdAt: new Date(createdAt),
      },
    });
  }

  beforeAll(async () => {
    await runSeed({ demo: true });
    authorId = (await viewer("policy.staff@demo.local")).id;
    for (const code of [`RA${stamp}`, `RB${stamp}`]) {
      const d = await prisma.department.create({ data: { code, nameZhHans: code, nameZhHant: code, nameEn: code } });
      departmentIds.push(d.id);
    }
    [lead, other] = departmentIds as [string, string];
    const plan = await prisma.workPlan.create({ data: { departmentId: lead, year: 2031, heading: "", preamble: "", sourceDocument: "" } });
    const initiative = await prisma.initiative.create({
      data: {
        planId: plan.id,
        departmentId: lead,
        ordinal: 1,
        code: `RA${stamp}-2031-1`,
        title: "汇总",
        originalText: "彙總",
        sourceParagraph: "",
        dueDate: day("2031-12-31"),
      },
    });
    initiativeId = initiative.id;
  });

  afterAll(async () => {
    await prisma.initiative.deleteMany({ where: { departmentId: { in: departmentIds } } });
    await prisma.workPlan.deleteMany({ where: { departmentId: { in: departmentIds } } });
    await prisma.department.deleteMany({ where: { id: { in: departmentIds } } });
    await prisma.$disconnect();
  });

  it("follow inserts, corrections, moves, reviews and deletions of reports", async () => {
    await report(lead, "2031-01", "2031-01-10T02:00:00Z", 10);
    const late = await report(lead, "2031-01", "2031-01-28T02:00:00Z", 20);
    const coop = await report(other, "2031-01", "2031-01-05T02:00:00Z", 90); // a co-operating department's part
    await report(lead, "2031-02", "2031-02-10T02:00:00Z", 30, "APPROVED");
    expect(await storedMonths()).toEqual(await expectedMonths());
    expect((await storedMonths())[0]).toMatchObject({ period: "2031-01", progress: 20, count: 2 });
    expect(await backlog()).toEqual(await expectedBacklog());

    // A correction of progress, a report moved to another month, a review.
    await prisma.progressUpdate.update({ where: { id: late.id }, data: { progress: 25 } });
    expect(await storedMonths()).toEqual(await expectedMonths());
    await prisma.progressUpdate.update({ where: { id: late.id }, data: { period: day("2031-03-01") } });
    expect((await storedMonths()).map((m) => [m.period, m.count])).toEqual([["2031-01", 1], ["2031-02", 1], ["2031-03", 1]]);
    expect(await storedMonths()).toEqual(await expectedMonths());
    await prisma.progressUpdate.update({ where: { id: late.id }, data: { status: "APPROVED" } });
    await prisma.progressUpdate.update({ where: { id: coop.id }, data: { status: "RETURNED" } });
    expect(await backlog()).toEqual(await expectedBacklog());

    // A report attributed to the other department leaves the lead's months and moves its backlog.
    await prisma.progressUpdate.updateMany({ where: { initiativeId, period: day("2031-02-01") }, data: { departmentId: other, status: "SUBMITTED" } });
    expect(await storedMonths()).toEqual(await expectedMonths());
    expect(await backlog()).toEqual(await expectedBacklog());

    await prisma.progressUpdate.delete({ where: { id: late.id } });
    expect(await storedMonths()).toEqual(await expectedMonths());
  });

  it("follow a change of the lead department: its reports are the ones that count", async () => {
    await report(other, "2031-04", "2031-04-02T02:00:00Z", 60);
    const before = await storedMonths();
    await prisma.initiative.update({ where: { id: initiativeId }, data: { departmentId: other } });
    const after = await storedMonths();
    expect(after).toEqual(await expectedMonths());
    expect(after).not.toEqual(before);
    expect(after.map((m) => m.period)).toContain("2031-04");
    await prisma.initiative.update({ where: { id: initiativeId }, data: { departmentId: lead } });
    expect(await storedMonths()).toEqual(await expectedMonths());
  });

  it("go with the initiative when it is deleted", async () => {
    const other = await prisma.initiative.create({
      data: {
        planId: (await prisma.initiative.findUniqueOrThrow({ where: { id: initiativeId }, select: { planId: true } })).planId,
        departmentId: lead,
        ordinal: 2,
        code: `RA${stamp}-2031-2`,
        title: "删除",
        originalText: "刪除",
        sourceParagraph: "",
        dueDate: day("2031-12-31"),
      },
    });
    await prisma.progressUpdate.create({
      data: { initiativeId: other.id, authorId, departmentId: lead, period: day("2031-05-01"), progress: 5, health: "ON_TRACK", healthSuggested: "ON_TRACK", workDone: "x" },
    });
    expect(await prisma.initiativeMonth.count({ where: { initiativeId: other.id } })).toBe(1);
    expect(await prisma.reviewBacklog.count({ where: { initiativeId: other.id } })).toBe(1);
    await prisma.initiative.delete({ where: { id: other.id } });
    expect(await prisma.initiativeMonth.count({ where: { initiativeId: other.id } })).toBe(0);
    expect(await prisma.reviewBacklog.count({ where: { initiativeId: other.id } })).toBe(0);
  });
});
