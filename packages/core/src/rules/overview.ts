// The supervision overview's arithmetic (督查督辦總覽), pure: from the initiatives of a scope with
// their monthly roll-ups, each one's light, lateness, reasons for being behind, on-time reporting and
// progress series, and from those the figures per department and theme, the league and the most
// serious initiatives behind. operations/dashboard.ts reads the rows; the monthly report will reuse this.

import {
  DEFAULT_DUE_DAY,
  isDone,
  light,
  pastDueDate,
  reportDeadline,
  shanghaiPeriodOf,
  statusAt,
  yearPeriods,
  type Light,
} from "./calendar";
import { averageProgress, countHealth, type Health, type HealthCounts } from "./health";
import { isoDay } from "./dates";

/** Why an initiative is behind, most serious first. */
export type BehindReason = "PAST_DUE" | "REPORT_MISSING" | "REPORT_LATE" | "OFF_TRACK" | "AT_RISK" | "REPORT_DUE_SOON";

export interface DashboardFigures {
  initiatives: number;
  averageProgress: number;
  health: HealthCounts;
  /** Past its own due date and not done. */
  overdue: number;
  /** This month's report missing after the due day, or filed after it (open initiatives only). */
  lateThisMonth: number;
  /** Reports waiting for a manager's review. */
  awaitingReview: number;
  red: number;
  yellow: number;
}

export interface DashboardTheme extends DashboardFigures {
  code: string;
  title: string;
}

export interface DepartmentNames {
  id: string;
  code: string;
  nameZhHans: string;
  nameZhHant: string;
  nameEn: string;
}

export interface DashboardDepartment extends DashboardFigures {
  department: DepartmentNames;
  themes: DashboardTheme[];
  /** Months whose report was due so far this year, and how many came in on time. */
  reportsDue: number;
  reportsOnTime: number;
  /** reportsOnTime / reportsDue as a whole percent; null when nothing was due yet. */
  onTimeRate: number | null;
  chases: number;
  pendingExtensions: number;
  /** Average progress at the end of each period of `periods` (the latest lead report so far, 0 before any). */
  progressSeries: number[];
}

export interface BehindInitiative {
  id: string;
  code: string;
  title: string;
  department: DepartmentNames;
  progress: number;
  health: Health | null;
  dueDate: string;
  light: Light;
  reasons: BehindReason[];
  chaseCount: number;
  awaitingReview: number;
  pendingExtension: boolean;
}

/** How many of the initiatives behind the overview lists; "all N" links to the rest. */
export const BEHIND_SHOWN = 20;

/** An initiative as the overview reads it (operations/dashboard.ts loads these). */
export interface OverviewRow {
  id: string;
  code: string;
  title: string;
  departmentId: string;
  dueDate: Date;
  progress: number;
  health: Health | null;
  closedAt: Date | null;
  chaseCount: number;
  theme: { id: string; code: string; title: string; ordinal: number; archivedAt: Date | null } | null;
  plan: { reportDueDay: number };
  department: DepartmentNames;
  /** Its monthly roll-ups for the periods asked, in period order: period, first lead report (ms), progress. */
  months: { periods: string[]; firstReportMs: number[]; progress: number[] };
}

interface Derived {
  row: OverviewRow;
  done: boolean;
  light: Light;
  overdue: boolean;
  lateThisMonth: boolean;
  reasons: BehindReason[];
  awaitingReview: number;
  pendingExtension: boolean;
  reportsDue: number;
  reportsOnTime: number;
  /** Progress at the end of each period. */
  series: number[];
}

export { yearPeriods };

function figures(items: readonly Derived[]): DashboardFigures {
  return {
    initiatives: items.length,
    averageProgress: averageProgress(items.map((d) => d.row.progress)),
    health: countHealth(items.map((d) => ({ health: d.row.health }))),
    overdue: items.filter((d) => d.overdue).length,
    lateThisMonth: items.filter((d) => d.lateThisMonth).length,
    awaitingReview: items.reduce((n, d) => n + d.awaitingReview, 0),
    red: items.filter((d) => d.light === "RED").length,
    yellow: items.filter((d) => d.light === "YELLOW").length,
  };
}

const REASON_ORDER: BehindReason[] = ["PAST_DUE", "REPORT_MISSING", "REPORT_LATE", "OFF_TRACK", "AT_RISK", "REPORT_DUE_SOON"];

export interface OverviewInput {
  rows: readonly OverviewRow[];
  now: Date;
  /** The current month (Beijing time): "this month" and the lights refer to it. */
  currentPeriod: string;
  /** The months of the plan year up to now (yearPeriods). */
  periods: readonly string[];
  /** Reports awaiting review per initiative shown, and per REPORTING department over the whole scope. */
  awaitingByInitiative: ReadonlyMap<string, number>;
  awaitingByDepartment: ReadonlyMap<string, number>;
  /** The initiatives with an extension request waiting for a decision. */
  pendingExtension: ReadonlySet<string>;
  behindLimit?: number;
}

export interface OverviewSummary {
  totals: DashboardFigures & { pendingExtensions: number; chases: number; progressSeries: number[] };
  departments: DashboardDepartment[];
  league: { rank: number; departmentId: string }[];
  behind: BehindInitiative[];
  behindCount: number;
}

/** The overview of `rows` at `now`: per initiative, then per department and theme, league, behind. */
export function summariseOverview(input: OverviewInput): OverviewSummary {
  const { rows, now, currentPeriod, periods, awaitingByInitiative, awaitingByDepartment, pendingExtension } = input;
  const behindLimit = input.behindLimit ?? BEHIND_SHOWN;
  const nowMs = now.getTime();
  /** reportDeadline in ms, once per period and due day. */
  const deadlines = new Map<string, number>();
  const deadlineMs = (period: string, dueDay: number) => {
    const key = `${period}/${dueDay}`;
    let ms = deadlines.get(key);
    if (ms === undefined) deadlines.set(key, (ms = reportDeadline(period, dueDay).getTime()));
    return ms;
  };

  const derived: Derived[] = rows.map((row) => {
    const dueDay = row.plan.reportDueDay || DEFAULT_DUE_DAY;
    const done = isDone(row);
    const months = row.months;
    const currentIndex = months.periods.indexOf(currentPeriod);
    const status = statusAt(deadlineMs(currentPeriod, dueDay), currentIndex < 0 ? null : (months.firstReportMs[currentIndex] ?? null), nowMs);
    const overdue = !done && pastDueDate(row.dueDate, now);
    const lightNow = light({ now, dueDay, reportedThisMonth: currentIndex >= 0, initiativeDueDate: row.dueDate, done });
    const reasons: BehindReason[] = [];
    if (!done) {
      if (overdue) reasons.push("PAST_DUE");
      if (status === "MISSING") reasons.push("REPORT_MISSING");
      if (status === "LATE") reasons.push("REPORT_LATE");
      if (row.health === "OFF_TRACK") reasons.push("OFF_TRACK");
      if (row.health === "AT_RISK") reasons.push("AT_RISK");
      if (lightNow === "YELLOW") reasons.push("REPORT_DUE_SOON");
    }
    // On-time reporting over the months that were due, until the initiative was done (a report at
    // 100 %) or closed: a finished initiative owes no more reports. Both lists are in period order.
    let reportsDue = 0;
    let reportsOnTime = 0;
    let last = 0;
    let finished = false;
    let next = 0;
    const closedPeriod = row.closedAt ? shanghaiPeriodOf(row.closedAt) : null;
    const series: number[] = [];
    for (const period of periods) {
      while (next < months.periods.length && (months.periods[next] as string) < period) next += 1;
      const here = months.periods[next] === period ? next : -1;
      const progress = here < 0 ? undefined : months.progress[here];
      if (progress !== undefined) last = progress;
      series.push(last);
      if (finished || (closedPeriod !== null && period > closedPeriod)) continue;
      const s = statusAt(deadlineMs(period, dueDay), here < 0 ? null : (months.firstReportMs[here] ?? null), nowMs);
      if (s !== "NOT_DUE") {
        reportsDue += 1;
        if (s === "ON_TIME") reportsOnTime += 1;
      }
      if (progress !== undefined && progress >= 100) finished = true;
    }
    return {
      row,
      done,
      light: lightNow,
      overdue,
      lateThisMonth: !done && (status === "MISSING" || status === "LATE"),
      reasons,
      awaitingReview: awaitingByInitiative.get(row.id) ?? 0,
      pendingExtension: pendingExtension.has(row.id),
      reportsDue,
      reportsOnTime,
      series,
    };
  });

  const byDepartment = new Map<string, Derived[]>();
  for (const d of derived) {
    const list = byDepartment.get(d.row.departmentId) ?? [];
    list.push(d);
    byDepartment.set(d.row.departmentId, list);
  }

  const departments: DashboardDepartment[] = [...byDepartment.values()].map((items) => {
    const first = items[0] as Derived;
    const themes = new Map<string, { theme: NonNullable<OverviewRow["theme"]>; items: Derived[] }>();
    for (const d of items) {
      if (!d.row.theme || d.row.theme.archivedAt) continue;
      const entry = themes.get(d.row.theme.id) ?? { theme: d.row.theme, items: [] };
      entry.items.push(d);
      themes.set(d.row.theme.id, entry);
    }
    const reportsDue = items.reduce((n, d) => n + d.reportsDue, 0);
    const reportsOnTime = items.reduce((n, d) => n + d.reportsOnTime, 0);
    return {
      department: first.row.department,
      ...figures(items),
      awaitingReview: awaitingByDepartment.get(first.row.departmentId) ?? 0,
      themes: [...themes.values()]
        .sort((a, b) => a.theme.ordinal - b.theme.ordinal)
        .map(({ theme, items: themeItems }) => ({ code: theme.code, title: theme.title, ...figures(themeItems) })),
      reportsDue,
      reportsOnTime,
      onTimeRate: reportsDue === 0 ? null : Math.round((reportsOnTime / reportsDue) * 100),
      chases: items.reduce((n, d) => n + d.row.chaseCount, 0),
      pendingExtensions: items.filter((d) => d.pendingExtension).length,
      progressSeries: periods.map((_, i) => averageProgress(items.map((d) => d.series[i] ?? 0))),
    };
  });

  const league = [...departments]
    .sort(
      (a, b) =>
        (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) ||
        b.averageProgress - a.averageProgress ||
        a.department.code.localeCompare(b.department.code),
    )
    .map((d, i) => ({ rank: i + 1, departmentId: d.department.id }));

  const severity = (d: Derived) => (d.light === "RED" ? 0 : d.light === "YELLOW" ? 1 : 2);
  const behindAll = derived.filter((d) => d.reasons.length > 0);
  const behind: BehindInitiative[] = behindAll
    .sort(
      (a, b) =>
        severity(a) - severity(b) ||
        REASON_ORDER.indexOf(a.reasons[0] as BehindReason) - REASON_ORDER.indexOf(b.reasons[0] as BehindReason) ||
        a.row.progress - b.row.progress ||
        a.row.code.localeCompare(b.row.code),
    )
    .slice(0, behindLimit)
    .map((d) => ({
      id: d.row.id,
      code: d.row.code,
      title: d.row.title,
      department: d.row.department,
      progress: d.row.progress,
      health: d.row.health,
      dueDate: isoDay(d.row.dueDate),
      light: d.light,
      reasons: d.reasons,
      chaseCount: d.row.chaseCount,
      awaitingReview: d.awaitingReview,
      pendingExtension: d.pendingExtension,
    }));

  const totals = figures(derived);
  return {
    totals: {
      ...totals,
      // Over the whole scope, the reports filed by its departments (the caller narrows it).
      awaitingReview: [...awaitingByDepartment.values()].reduce((a, b) => a + b, 0),
      pendingExtensions: derived.filter((d) => d.pendingExtension).length,
      chases: derived.reduce((n, d) => n + d.row.chaseCount, 0),
      progressSeries: periods.map((_, i) => averageProgress(derived.map((d) => d.series[i] ?? 0))),
    },
    departments,
    league,
    behind,
    behindCount: behindAll.length,
  };
}
