import { describe, expect, it } from "vitest";
import { summariseOverview, yearPeriods, type OverviewRow } from "./overview";

// The overview's arithmetic on rows made by hand. Beijing time; reports are due by the 25th.
const bj = (s: string) => new Date(`${s}+08:00`);
const NOW = bj("2018-06-27T10:00:00"); // June's report is overdue from the 26th
const PERIODS = yearPeriods(2018, "2018-06");

const dept = (code: string) => ({ id: `dep-${code}`, code, nameZhHans: `${code}司`, nameZhHant: `${code}司`, nameEn: code });
const theme = (code: string, ordinal: number, archived = false) => ({ id: `theme-${code}`, code, title: `主题${code}`, ordinal, archivedAt: archived ? NOW : null });

/** An initiative; months as [period, day of the month the first report came (Beijing), progress]. */
function row(code: string, department: string, patch: Partial<OverviewRow> = {}, months: [string, number, number][] = []): OverviewRow {
  return {
    id: `i-${code}`,
    code,
    title: `事项${code}`,
    departmentId: `dep-${department}`,
    dueDate: new Date("2018-12-31T00:00:00Z"),
    progress: months.at(-1)?.[2] ?? 0,
    health: null,
    closedAt: null,
    chaseCount: 0,
    theme: null,
    plan: { reportDueDay: 25 },
    department: dept(department),
    months: {
      periods: months.map((m) => m[0]),
      firstReportMs: months.map(([period, day]) => bj(`${period}-${String(day).padStart(2, "0")}T09:00:00`).getTime()),
      progress: months.map((m) => m[2]),
    },
    ...patch,
  };
}

function summarise(rows: OverviewRow[], extra: { awaiting?: [string, string, number][]; pending?: string[]; behindLimit?: number } = {}) {
  const awaitingByInitiative = new Map<string, number>();
  const awaitingByDepartment = new Map<string, number>();
  for (const [initiative, department, n] of extra.awaiting ?? []) {
    awaitingByInitiative.set(initiative, n);
    awaitingByDepartment.set(department, (awaitingByDepartment.get(department) ?? 0) + n);
  }
  return summariseOverview({
    rows,
    now: NOW,
    currentPeriod: "2018-06",
    periods: PERIODS,
    awaitingByInitiative,
    awaitingByDepartment,
    pendingExtension: new Set(extra.pending ?? []),
    behindLimit: extra.behindLimit,
  });
}

describe("the overview's arithmetic", () => {
  it("counts on-time months until an initiative reaches 100 %, and carries progress forward month by month", () => {
    const a = row("A-1", "AA", {}, [
      ["2018-01", 10, 20],
      ["2018-02", 27, 30], // late
      ["2018-04", 5, 40], // March missing
      ["2018-05", 20, 100], // done: June is owed no more
    ]);
    const [department] = summarise([a]).departments;
    expect(department).toMatchObject({ reportsDue: 5, reportsOnTime: 3, onTimeRate: 60, lateThisMonth: 0, red: 0 });
    expect(department?.progressSeries).toEqual([20, 30, 30, 40, 100, 100]);
  });

  it("stops counting at the month an initiative was closed", () => {
    const closed = row("C-1", "CC", { closedAt: bj("2018-03-10T12:00:00"), progress: 30 }, [["2018-01", 3, 30]]);
    // Due: January (on time), February and March (missing); April to June are after the close.
    expect(summarise([closed]).departments[0]).toMatchObject({ reportsDue: 3, reportsOnTime: 1, red: 0, overdue: 0 });
  });

  it("gives each initiative behind its reasons, most serious first, and lists the worst first", () => {
    const pastDue = row("B-1", "BB", { dueDate: new Date("2018-05-31T00:00:00Z"), health: "OFF_TRACK", progress: 50 }, [["2018-06", 1, 50]]);
    const missing = row("B-2", "BB", { health: "AT_RISK", progress: 40 }, [["2018-05", 1, 40]]);
    const late = row("B-3", "BB", { progress: 60 }, [["2018-06", 26, 60]]);
    const fine = row("B-4", "BB", { progress: 70 }, [["2018-06", 20, 70]]);
    const summary = summarise([fine, late, missing, pastDue]);
    expect(summary.behindCount).toBe(3);
    expect(summary.behind.map((b) => [b.code, b.light, b.reasons])).toEqual([
      ["B-1", "RED", ["PAST_DUE", "OFF_TRACK"]],
      ["B-2", "RED", ["REPORT_MISSING", "AT_RISK"]],
      // Reported this month (late): green, but behind.
      ["B-3", "GREEN", ["REPORT_LATE"]],
    ]);
    expect(summary.departments[0]).toMatchObject({ overdue: 1, lateThisMonth: 2, red: 2, yellow: 0 });
    expect(summarise([fine, late, missing, pastDue], { behindLimit: 1 }).behind.map((b) => b.code)).toEqual(["B-1"]);
  });

  it("ranks departments by on-time reporting, then progress, then code", () => {
    const punctual = row("P-1", "PP", {}, PERIODS.map((p): [string, number, number] => [p, 1, 50]));
    const slow = row("S-1", "SS", {}, PERIODS.map((p): [string, number, number] => [p, 1, 80]));
    const sloppy = row("X-1", "XX", {}, [["2018-06", 1, 90]]);
    const league = summarise([sloppy, slow, punctual]).league;
    expect(league.map((l) => l.departmentId)).toEqual(["dep-SS", "dep-PP", "dep-XX"]);
    expect(league.map((l) => l.rank)).toEqual([1, 2, 3]);
  });

  it("counts themes in their order, leaves archived themes out, and totals reviews and pending extensions", () => {
    const rows = [
      row("T-2", "TT", { theme: theme("2", 2), progress: 100 }, [["2018-06", 1, 100]]),
      row("T-1", "TT", { theme: theme("1", 1), progress: 20 }, [["2018-06", 1, 20]]),
      row("T-3", "TT", { theme: theme("3", 3, true), progress: 0 }),
    ];
    const summary = summarise(rows, { awaiting: [["i-T-1", "dep-TT", 2], ["i-T-2", "dep-OTHER", 1]], pending: ["i-T-1"] });
    const [department] = summary.departments;
    expect(department?.themes.map((t) => [t.code, t.initiatives, t.averageProgress])).toEqual([
      ["1", 1, 20],
      ["2", 1, 100],
    ]);
    // A department's reviews are the reports IT filed; the total is every department's.
    expect(department).toMatchObject({ awaitingReview: 2, pendingExtensions: 1, initiatives: 3 });
    expect(summary.totals).toMatchObject({ awaitingReview: 3, pendingExtensions: 1, initiatives: 3 });
  });

  it("lists the months of a plan year up to the current one", () => {
    expect(yearPeriods(2018, "2018-03")).toEqual(["2018-01", "2018-02", "2018-03"]);
    expect(yearPeriods(2018, "2026-12")).toHaveLength(12);
    expect(yearPeriods(2027, "2026-12")).toEqual([]);
  });
});
