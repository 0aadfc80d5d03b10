import { describe, expect, it } from "vitest";
import { currentPlanYear, isDone, light, periodsUpTo, reportDeadline, reportStatus, shanghaiPeriodOf } from "./calendar";

// Beijing time = UTC+8: "2018-06-25T23:59:59+08:00" is 15:59:59Z on the 25th.
const bj = (s: string) => new Date(`${s}+08:00`);

describe("reportStatus", () => {
  const base = { period: "2018-06", dueDay: 25 };
  it("is on time up to the end of the due day in Beijing, late after", () => {
    expect(reportStatus({ ...base, firstReportAt: bj("2018-06-25T23:59:59"), now: bj("2018-07-10T00:00:00") })).toBe("ON_TIME");
    expect(reportStatus({ ...base, firstReportAt: bj("2018-06-26T00:00:00"), now: bj("2018-07-10T00:00:00") })).toBe("LATE");
    // 2018-06-25T20:00Z is already the 26th in Beijing.
    expect(reportStatus({ ...base, firstReportAt: new Date("2018-06-25T20:00:00Z"), now: bj("2018-07-10T00:00:00") })).toBe("LATE");
    expect(reportStatus({ ...base, firstReportAt: new Date("2018-06-25T15:00:00Z"), now: bj("2018-07-10T00:00:00") })).toBe("ON_TIME");
  });
  it("is missing once the due day is over without a report, not due before", () => {
    expect(reportStatus({ ...base, firstReportAt: null, now: bj("2018-06-25T23:59:59") })).toBe("NOT_DUE");
    expect(reportStatus({ ...base, firstReportAt: null, now: bj("2018-06-26T00:00:00") })).toBe("MISSING");
    expect(reportStatus({ ...base, firstReportAt: null, now: bj("2018-05-01T00:00:00") })).toBe("NOT_DUE");
  });
  it("honours the plan's own due day", () => {
    expect(reportDeadline("2018-02", 10).toISOString()).toBe("2018-02-10T16:00:00.000Z");
  });
});

describe("light", () => {
  const base = { dueDay: 25, reportedThisMonth: false, initiativeDueDate: new Date("2018-12-31T00:00:00Z"), done: false };
  it("is green before the three-day window, yellow from the 22nd, red after the due day", () => {
    expect(light({ ...base, now: bj("2018-06-21T23:59:59") })).toBe("GREEN");
    expect(light({ ...base, now: bj("2018-06-22T00:00:00") })).toBe("YELLOW");
    expect(light({ ...base, now: bj("2018-06-25T23:59:59") })).toBe("YELLOW");
    expect(light({ ...base, now: bj("2018-06-26T00:00:00") })).toBe("RED");
  });
  it("is green once this month is reported", () => {
    expect(light({ ...base, reportedThisMonth: true, now: bj("2018-06-28T00:00:00") })).toBe("GREEN");
  });
  it("is red past the initiative's own due date unless done", () => {
    const due = new Date("2018-06-10T00:00:00Z");
    expect(light({ ...base, initiativeDueDate: due, reportedThisMonth: true, now: bj("2018-06-10T23:59:59") })).toBe("GREEN");
    expect(light({ ...base, initiativeDueDate: due, reportedThisMonth: true, now: bj("2018-06-11T00:00:00") })).toBe("RED");
    expect(light({ ...base, initiativeDueDate: due, done: true, now: bj("2018-06-28T00:00:00") })).toBe("GREEN");
  });
  it("takes the month in Beijing time", () => {
    // 2018-06-30T17:00Z is 1 July in Beijing: a new month, far from its due day.
    expect(shanghaiPeriodOf(new Date("2018-06-30T17:00:00Z"))).toBe("2018-07");
    expect(light({ ...base, now: new Date("2018-06-30T17:00:00Z") })).toBe("GREEN");
  });
});

describe("helpers", () => {
  it("knows done and the months so far", () => {
    expect(isDone({ health: "DONE", progress: 10, closedAt: null })).toBe(true);
    expect(isDone({ health: "ON_TRACK", progress: 100, closedAt: null })).toBe(true);
    expect(isDone({ health: null, progress: 0, closedAt: new Date() })).toBe(true);
    expect(isDone({ health: "AT_RISK", progress: 50, closedAt: null })).toBe(false);
    expect(periodsUpTo(2018, bj("2018-03-05T00:00:00"))).toEqual(["2018-01", "2018-02", "2018-03"]);
    expect(periodsUpTo(2018, bj("2019-03-05T00:00:00"))).toHaveLength(12);
    expect(periodsUpTo(2019, bj("2018-03-05T00:00:00"))).toEqual([]);
  });
});

describe("currentPlanYear", () => {
  const at = (s: string) => new Date(`${s}+08:00`);
  it("opens on this year's plan, else the latest before it, else the earliest to come", () => {
    expect(currentPlanYear([2019, 2018, 2017], at("2018-06-01T10:00:00"))).toBe(2018);
    expect(currentPlanYear([2040, 2018, 2017], at("2026-11-26T10:00:00"))).toBe(2018);
    // New Year's Day in Beijing is still 31 December in UTC.
    expect(currentPlanYear([2019, 2018], at("2019-01-01T00:30:00"))).toBe(2019);
    expect(currentPlanYear([2031, 2030], at("2026-11-26T10:00:00"))).toBe(2030);
    expect(currentPlanYear([], at("2026-11-26T10:00:00"))).toBeUndefined();
  });
});
