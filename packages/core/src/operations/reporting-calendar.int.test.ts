import { prisma } from "@workplan/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSeed } from "../../../../prisma/seed/run-seed";
import type { Viewer } from "../rules/policy";
import { newUser, viewer } from "../testing/progress-testing";
import { getInitiativeLight, getReportingCalendar } from "./reporting-calendar";

const bj = (s: string) => new Date(`${s}+08:00`);
const CODE = "CYZCS-2018-5";

describe("reporting calendar", () => {
  const created: string[] = [];
  let director: Viewer;
  let policyLead: Viewer;
  let initiativeId = "";

  async function update(period: string, createdAt: Date, departmentCode = "CYZCS") {
    const author = await newUser("cal", "STAFF", departmentCode);
    const department = await prisma.department.findUniqueOrThrow({ where: { code: departmentCode }, select: { id: true } });
    const row = await prisma.progressUpdate.create({
      data: {
        initiativeId,
        authorId: author.id,
        departmentId: department.id,
        period: new Date(`${period}-01T00:00:00Z`),
        progress: 10,
        health: "ON_TRACK",
        healthSuggested: "ON_TRACK",
        workDone: "日历测试",
        createdAt,
      },
      select: { id: true },
    });
    created.push(row.id);
  }

  beforeAll(async () => {
    await runSeed({ demo: true });
    director = await viewer("director@demo.local");
    policyLead = await viewer("policy.lead@demo.local");
    initiativeId = (await prisma.initiative.findUniqueOrThrow({ where: { code: CODE }, select: { id: true } })).id;
    await update("2018-01", bj("2018-01-20T10:00:00")); // on time
    await update("2018-02", bj("2018-02-26T00:00:01")); // late: the day after the 25th
    // 2018-03: nothing → missing
    await update("2018-04", bj("2018-04-10T10:00:00"), "KJS"); // another department's report does not count
    await update("2018-05", bj("2018-05-28T10:00:00")); // a later one …
    await update("2018-05", bj("2018-05-25T23:59:00")); // … the first one counts: on time
  });
  afterAll(async () => {
    await prisma.progressUpdate.deleteMany({ where: { id: { in: created } } });
    await prisma.$disconnect();
  });

  function row(calendar: Awaited<ReturnType<typeof getReportingCalendar>>) {
    return calendar.departments.flatMap((d) => d.initiatives).find((i) => i.code === CODE);
  }

  it("gives each month of the plan year up to now its status, from the first lead-department report", async () => {
    const calendar = await getReportingCalendar(director, { year: 2018, now: bj("2018-06-10T12:00:00") });
    expect(calendar.periods).toEqual(["2018-01", "2018-02", "2018-03", "2018-04", "2018-05", "2018-06"]);
    const mine = row(calendar);
    expect(mine?.months.map((m) => m.status)).toEqual(["ON_TIME", "LATE", "MISSING", "MISSING", "ON_TIME", "NOT_DUE"]);
    expect(mine?.months[4]?.firstReportAt?.toISOString()).toBe(bj("2018-05-25T23:59:00").toISOString());
    expect(mine?.light).toBe("GREEN");
    expect(calendar.departments.some((d) => d.code === "KJS")).toBe(true);
  });

  it("turns the light yellow in the three days before the due day and red after", async () => {
    expect(row(await getReportingCalendar(director, { year: 2018, now: bj("2018-06-22T09:00:00") }))?.light).toBe("YELLOW");
    expect((await getInitiativeLight(director, initiativeId, bj("2018-06-26T00:00:00")))?.light).toBe("RED");
    expect((await getInitiativeLight(director, initiativeId, bj("2018-05-30T00:00:00")))?.light).toBe("GREEN");
  });

  it("filters months and keeps to the viewer's scope", async () => {
    const some = await getReportingCalendar(director, { year: 2018, months: [2, 3], now: bj("2018-06-10T12:00:00") });
    expect(some.periods).toEqual(["2018-02", "2018-03"]);
    expect(row(some)?.months.map((m) => m.status)).toEqual(["LATE", "MISSING"]);
    const own = await getReportingCalendar(policyLead, { year: 2018, now: bj("2018-06-10T12:00:00") });
    expect(own.departments.map((d) => d.code)).toEqual(["CYZCS"]);
    const kjs = await prisma.initiative.findUniqueOrThrow({ where: { code: "KJS-2018-1.4" }, select: { id: true } });
    expect(await getInitiativeLight(policyLead, kjs.id, bj("2018-06-10T12:00:00"))).toBeNull();
  });
});
