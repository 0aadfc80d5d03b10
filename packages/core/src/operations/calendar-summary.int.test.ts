import { prisma } from "@workplan/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSeed } from "../../../../prisma/seed/run-seed";
import type { ReportStatus } from "../rules/calendar";
import type { Viewer } from "../rules/policy";
import { removeDepartments } from "../testing/admin-plans-testing";
import { viewer } from "../testing/progress-testing";
import { getCalendarSummary, getReportingCalendar, type CalendarSummaryDepartment } from "./reporting-calendar";
import { bj, makeDepartment, makeInitiative, makeReport, type TestDepartment } from "../testing/summary-testing";

// The ministry-wide calendar (/calendar) counts in SQL what each department's own calendar shows
// row by row: its cells and lights must be the sums of that department's calendar, at any clock.
// A plan year of its own (2035) in two departments of their own.

const YEAR = 2035;
// Department X reports by the 10th: on 7 June an unreported initiative is yellow; Y keeps the default 25th.
const NOW = bj("2035-06-07T09:00:00");

describe("calendar summary", () => {
  let director: Viewer;
  let author: Viewer;
  let x: TestDepartment;
  let y: TestDepartment;

  beforeAll(async () => {
    await runSeed({ demo: true });
    director = await viewer("director@demo.local");
    author = await viewer("policy.staff@demo.local");
    x = await makeDepartment(YEAR, { reportDueDay: 10 });
    y = await makeDepartment(YEAR, { reportDueDay: 0 }); // 0: the default day, the 25th
    const byX = { authorId: author.id, departmentId: x.id };
    const byY = { authorId: author.id, departmentId: y.id };
    const at = (period: string, day: string, time = "10:00:00") => ({ period, createdAt: bj(`${period}-${day}T${time}`) });

    // X-a: Jan on time (last second), Feb late (a second after), Mar missing, Apr and May on time; June unreported: yellow.
    const a = await makeInitiative(x, { dueDate: "2035-12-31", progress: 40, health: "ON_TRACK" });
    await makeReport(a.id, byX, at("2035-01", "10", "23:59:59"));
    await makeReport(a.id, byX, at("2035-02", "11", "00:00:01"));
    await makeReport(a.id, byX, at("2035-04", "02"));
    await makeReport(a.id, byX, at("2035-05", "20"));
    await makeReport(a.id, byX, at("2035-05", "05")); // May: the first report counts, written later
    // X-b: reported every month on time, June too: green.
    const b = await makeInitiative(x, { dueDate: "2035-12-31", progress: 55, health: "AT_RISK" });
    for (const m of ["01", "02", "03", "04", "05", "06"]) await makeReport(b.id, byX, at(`2035-${m}`, "05"));
    // X-c: done in January (reported DONE at 100): owes nothing more, but its missing months still show.
    const c = await makeInitiative(x, { dueDate: "2035-12-31", progress: 100, health: "DONE" });
    await makeReport(c.id, byX, { ...at("2035-01", "08"), progress: 100, health: "DONE" });
    // X-d: closed in March at 60 %: green.
    const d = await makeInitiative(x, { dueDate: "2035-12-31", progress: 60, health: "OFF_TRACK", closedAt: bj("2035-03-20T10:00:00") });
    await makeReport(d.id, byX, at("2035-02", "09"));
    // X-e: past its own due date (31 March), reported in June: red all the same.
    const e = await makeInitiative(x, { dueDate: "2035-03-31", progress: 70, health: "OFF_TRACK" });
    await makeReport(e.id, byX, at("2035-06", "01"));
    // X-f: only the co-operating department Y reported: that counts for nothing.
    const f = await makeInitiative(x, { dueDate: "2035-12-31", progress: 20, health: "ON_TRACK" });
    await prisma.initiativeCooperation.create({ data: { initiativeId: f.id, departmentId: y.id } });
    await makeReport(f.id, byY, at("2035-01", "03"));
    await makeReport(f.id, byY, at("2035-06", "03"));
    // X-g: archived: neither calendar shows it.
    const g = await makeInitiative(x, { dueDate: "2035-12-31", health: "OFF_TRACK", archivedAt: bj("2035-04-01T00:00:00") });
    await makeReport(g.id, byX, at("2035-03", "05"));

    // Y-h: nothing reported (default due day 25: May missing, June not yet due, green on the 7th).
    await makeInitiative(y, { dueDate: "2035-12-31" });
    // Y-i: May reported on the 25th late at night (on time), June early.
    const i = await makeInitiative(y, { dueDate: "2035-12-31", progress: 30, health: "ON_TRACK" });
    await makeReport(i.id, byY, at("2035-05", "25", "23:30:00"));
    await makeReport(i.id, byY, at("2035-06", "02"));
  });

  afterAll(async () => {
    await removeDepartments([x.code, y.code]);
    await prisma.$disconnect();
  });

  function row(summary: Awaited<ReturnType<typeof getCalendarSummary>>, code: string): CalendarSummaryDepartment {
    const found = summary.departments.find((d) => d.code === code);
    if (!found) throw new Error(`no ${code} in the summary`);
    return found;
  }

  /** The department's own calendar, summed the way the summary should count it. */
  async function sums(who: Viewer, code: string, now: Date) {
    const calendar = await getReportingCalendar(who, { year: YEAR, now, department: code, pageSize: 500 });
    const rows = calendar.departments.flatMap((d) => d.initiatives);
    const count = (index: number, status: ReportStatus) => rows.filter((r) => r.months[index]?.status === status).length;
    return {
      initiatives: calendar.total,
      red: rows.filter((r) => r.light === "RED").length,
      yellow: rows.filter((r) => r.light === "YELLOW").length,
      months: calendar.periods.map((period, index) => ({
        period,
        onTime: count(index, "ON_TIME"),
        late: count(index, "LATE"),
        missing: count(index, "MISSING"),
        notDue: count(index, "NOT_DUE"),
      })),
    };
  }

  const cells = (d: CalendarSummaryDepartment) => d.months.map(({ period, onTime, late, missing, notDue }) => ({ period, onTime, late, missing, notDue }));

  it("counts each month's reports on time, late, missing and not yet due, and the current lights", async () => {
    const summary = await getCalendarSummary(director, { year: YEAR, now: NOW });
    expect(summary.periods).toEqual(["2035-01", "2035-02", "2035-03", "2035-04", "2035-05", "2035-06"]);
    const sx = row(summary, x.code);
    expect(sx).toMatchObject({ initiatives: 6, red: 1, yellow: 2 }); // red: e; yellow: a and f
    expect(cells(sx)).toEqual([
      { period: "2035-01", onTime: 3, late: 0, missing: 3, notDue: 0 }, // a b c | d e f
      { period: "2035-02", onTime: 2, late: 1, missing: 3, notDue: 0 }, // b d | a | c e f
      { period: "2035-03", onTime: 1, late: 0, missing: 5, notDue: 0 },
      { period: "2035-04", onTime: 2, late: 0, missing: 4, notDue: 0 },
      { period: "2035-05", onTime: 2, late: 0, missing: 4, notDue: 0 }, // a (the 5th) b
      { period: "2035-06", onTime: 2, late: 0, missing: 0, notDue: 4 }, // b e; the 10th is to come
    ]);
    expect(sx.months.map((m) => m.worst)).toEqual(["MISSING", "MISSING", "MISSING", "MISSING", "MISSING", "ON_TIME"]);
    const sy = row(summary, y.code);
    expect(sy).toMatchObject({ initiatives: 2, red: 0, yellow: 0 });
    expect(cells(sy).slice(4)).toEqual([
      { period: "2035-05", onTime: 1, late: 0, missing: 1, notDue: 0 },
      { period: "2035-06", onTime: 1, late: 0, missing: 0, notDue: 1 },
    ]);
  });

  it("gives every cell and light the sum of the department's own calendar, at any clock", async () => {
    const clocks = [
      NOW,
      bj("2035-06-06T23:59:59"), // the last second before X's yellow window
      bj("2035-06-10T23:59:59"), // X's due day, last second: still yellow, not yet missing
      bj("2035-06-11T00:00:00"), // X's June reports now missing, lights red
      bj("2035-06-22T00:00:00"), // Y's yellow window
      bj("2035-06-26T00:00:00"),
      bj("2035-03-31T23:59:59"), // e's due day, last second
      bj("2035-04-01T00:00:00"),
    ];
    const lights = new Set<string>();
    for (const now of clocks) {
      const summary = await getCalendarSummary(director, { year: YEAR, now });
      for (const dept of [x, y]) {
        const expected = await sums(director, dept.code, now);
        const got = row(summary, dept.code);
        expect({ initiatives: got.initiatives, red: got.red, yellow: got.yellow, months: cells(got) }, `${dept.code} at ${now.toISOString()}`).toEqual(expected);
        if (got.red > 0) lights.add("RED");
        if (got.yellow > 0) lights.add("YELLOW");
      }
    }
    expect([...lights].sort()).toEqual(["RED", "YELLOW"]);
    // Spot checks of the clock's edges.
    const before = row(await getCalendarSummary(director, { year: YEAR, now: bj("2035-06-06T23:59:59") }), x.code);
    expect([before.red, before.yellow]).toEqual([1, 0]);
    const after = row(await getCalendarSummary(director, { year: YEAR, now: bj("2035-06-11T00:00:00") }), x.code);
    expect([after.red, after.yellow, after.months[5]?.missing]).toEqual([3, 0, 4]);
  });

  it("counts the same on a database server set to Beijing time", async () => {
    const inUtc = await getCalendarSummary(director, { year: YEAR, now: bj("2035-06-11T00:00:00") });
    const inBeijing = await prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL TIME ZONE 'Asia/Shanghai'");
      return getCalendarSummary(director, { year: YEAR, now: bj("2035-06-11T00:00:00") }, tx);
    });
    expect(row(inBeijing, x.code)).toEqual(row(inUtc, x.code));
    expect(row(inBeijing, y.code)).toEqual(row(inUtc, y.code));
  });

  it("keeps a department's viewer to what the department leads or co-operates on", async () => {
    const leadX: Viewer = { id: author.id, role: "MANAGER", departmentId: x.id };
    const own = await getCalendarSummary(leadX, { year: YEAR, now: NOW });
    expect(own.departments.map((d) => d.code)).toEqual([x.code]);
    expect(row(own, x.code)).toEqual(row(await getCalendarSummary(director, { year: YEAR, now: NOW }), x.code));
    // Y co-operates on X's f: it sees that one under X, and its own two.
    const staffY: Viewer = { id: author.id, role: "STAFF", departmentId: y.id };
    const fromY = await getCalendarSummary(staffY, { year: YEAR, now: NOW });
    expect(fromY.departments.map((d) => [d.code, d.initiatives]).sort()).toEqual([[x.code, 1], [y.code, 2]].sort());
    for (const dept of [x, y]) {
      const got = row(fromY, dept.code);
      const expected = await sums(staffY, dept.code, NOW);
      expect({ initiatives: got.initiatives, red: got.red, yellow: got.yellow, months: cells(got) }).toEqual(expected);
    }
  });
});
