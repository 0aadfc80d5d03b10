import { describe, expect, it } from "vitest";
import { buildMonthlyReport, monthlyReportFileName, monthlyReportStatus, type MonthlyReportRow } from "./monthly-report";

const kjs = { id: "d2", code: "KJS", nameZhHans: "科技司", nameZhHant: "科技司", nameEn: "Science and Technology" };
const cys = { id: "d1", code: "CYZCS", nameZhHans: "产业政策司", nameZhHant: "產業政策司", nameEn: "Industrial Policy" };
const bj = (s: string) => new Date(`${s}+08:00`);

function row(over: Partial<MonthlyReportRow>): MonthlyReportRow {
  return {
    id: "i",
    code: "X",
    title: "t",
    originalText: "原文",
    department: cys,
    theme: null,
    targetValue: null,
    targetUnit: null,
    targetApproximate: false,
    dueDate: new Date("2018-12-31T00:00:00Z"),
    originalDueDate: null,
    closedAt: null,
    reportDueDay: 25,
    firstReportAt: null,
    progress: 0,
    health: null,
    measuredValue: null,
    report: null,
    awaitingReview: 0,
    ...over,
  };
}

describe("the monthly report's arithmetic", () => {
  it("says on time, late, missing or not due against the month's due day in Beijing", () => {
    const now = bj("2018-07-10T00:00:00");
    expect(monthlyReportStatus(row({ firstReportAt: bj("2018-06-25T23:59:00") }), "2018-06", now)).toBe("ON_TIME");
    expect(monthlyReportStatus(row({ firstReportAt: bj("2018-06-26T00:00:00") }), "2018-06", now)).toBe("LATE");
    expect(monthlyReportStatus(row({}), "2018-06", now)).toBe("MISSING");
    expect(monthlyReportStatus(row({}), "2018-06", bj("2018-06-20T00:00:00"))).toBe("NOT_DUE");
    // Closed before the due day: nothing was expected that month.
    expect(monthlyReportStatus(row({ closedAt: bj("2018-06-10T00:00:00") }), "2018-06", now)).toBe("NOT_DUE");
  });

  it("groups rows by department and theme and counts each initiative once", () => {
    const now = bj("2018-07-10T00:00:00");
    const report = buildMonthlyReport(
      [
        row({ code: "A1", theme: { code: "T1", title: "主題一", ordinal: 1 }, health: "ON_TRACK", progress: 50, firstReportAt: bj("2018-06-01T00:00:00") }),
        row({ code: "A2", theme: { code: "T1", title: "主題一", ordinal: 1 }, health: "AT_RISK", awaitingReview: 2, firstReportAt: bj("2018-06-27T00:00:00") }),
        row({ code: "A3", theme: { code: "T2", title: "主題二", ordinal: 2 }, health: "ON_TRACK", progress: 100 }),
        row({ code: "B1", department: kjs, health: "OFF_TRACK" }),
        row({ code: "B2", department: kjs }),
      ],
      { period: "2018-06", department: null, includeSubmitted: false, now },
    );
    expect(report.departments.map((d) => [d.department.code, d.themes.map((t) => [t.code, t.entries.map((e) => e.code)])])).toEqual([
      ["CYZCS", [["T1", ["A1", "A2"]], ["T2", ["A3"]]]],
      ["KJS", [[null, ["B1", "B2"]]]],
    ]);
    // A3 is done: no report is expected of it any more.
    expect(report.departments[0]?.counts).toEqual({ initiatives: 3, onTrack: 1, atRisk: 1, offTrack: 0, done: 1, noReport: 0, late: 1, missing: 0, awaitingReview: 2 });
    expect(report.departments[1]?.counts).toEqual({ initiatives: 2, onTrack: 0, atRisk: 0, offTrack: 1, done: 0, noReport: 1, late: 0, missing: 2, awaitingReview: 0 });
    expect(report.totals.initiatives).toBe(5);
    expect(report.totals.missing).toBe(2);
  });

  it("names files by title, scope and month, without characters a file system refuses", () => {
    expect(monthlyReportFileName("工作进展月报", "科技司", "2018-06")).toBe("工作进展月报-科技司-2018-06");
    expect(monthlyReportFileName("Monthly progress report", "Science and Technology", "2018-06")).toBe("Monthly_progress_report-Science_and_Technology-2018-06");
  });
});
