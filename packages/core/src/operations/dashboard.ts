import "server-only";
import { prisma, Prisma } from "@workplan/db";
import {
  currentPlanYear,
  DEFAULT_DUE_DAY,
  isDone,
  light,
  pastDueDate,
  reportDeadline,
  shanghaiPeriodOf,
  statusAt,
  type Light,
} from "../rules/calendar";
import { averageProgress, countHealth, type Health, type HealthCounts } from "../rules/health";
import { can, departmentScope, type Viewer } from "../rules/policy";
import { DomainError } from "./errors";
import { initiativeWhere, planWhere } from "./scope";

// The supervisor's one screen (督查督辦總覽): for the viewer's scope and a plan year, per department
// and theme the figures a manager acts on, progress over time, the health distribution, a league
// table, and the initiatives that are behind with the reasons why.
//
// Reads, whatever the number of reports: the scope's initiatives (a ministry has a few thousand)
// each with its monthly roll-ups (initiative_months, kept by a trigger) folded into three arrays, the
// review backlog per initiative (review_backlog, kept by a trigger) and one grouped count of pending
// extension requests. The derivation runs on numbers: each month's deadline is computed once per
// due day, not once per initiative and month.

type Db = Prisma.TransactionClient | typeof prisma;

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

export interface Dashboard {
  year: number;
  years: number[];
  /** The department the overview is narrowed to (its code), or null for the whole scope. */
  department: string | null;
  /** The departments with a plan that year in the viewer's scope: what it can be narrowed to. */
  departmentChoices: DepartmentNames[];
  /** The current month (Beijing time), which "this month" and the lights refer to. */
  currentPeriod: string;
  /** The months of the plan year up to now: the x axis of progress over time. */
  periods: string[];
  totals: DashboardFigures & { pendingExtensions: number; chases: number; progressSeries: number[] };
  departments: DashboardDepartment[];
  /** Departments ranked by on-time reporting, then average progress. */
  league: { rank: number; departmentId: string }[];
  /** The most serious `behindLimit` (default 20) of the initiatives behind… */
  behind: BehindInitiative[];
  /** …and how many are behind in all. */
  behindCount: number;
}

/** How many of the initiatives behind the overview lists; "all N" links to the rest. */
export const BEHIND_SHOWN = 20;

/** An initiative as the overview reads it (loadRows). */
interface Row {
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
  row: Row;
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

/** The periods of `year` up to and including the current one (all twelve for a past year). */
function yearPeriods(year: number, current: string): string[] {
  const out: string[] = [];
  for (let m = 1; m <= 12; m += 1) {
    const p = `${year}-${String(m).padStart(2, "0")}`;
    if (p > current) break;
    out.push(p);
  }
  return out;
}

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

/**
 * The scope's initiatives of the year (narrowed to a department), with what the overview needs of
 * their theme, plan and department, in ONE joined statement: at 1,162 initiatives the ORM's
 * relation stitching cost more than the query.
 */
async function loadRows(db: Db, viewer: Viewer, year: number, department: string | null, periods: string[]): Promise<Row[]> {
  const raw = await db.$queryRaw<
    {
      id: string;
      code: string;
      title: string;
      department_id: string;
      due_date: Date;
      progress: number;
      health: Health | null;
      closed_at: Date | null;
      chase_count: number;
      theme_id: string | null;
      theme_code: string | null;
      theme_title: string | null;
      theme_ordinal: number | null;
      theme_archived_at: Date | null;
      report_due_day: number;
      dept_code: string;
      name_zh_hans: string;
      name_zh_hant: string;
      name_en: string;
      /** [period, first lead report in ms, progress] per month, in period order (JSON: far cheaper to read than three arrays). */
      months: [string, number, number][] | null;
    }[]
  >`
    SELECT i.id, i.code, i.title, i.department_id, i.due_date, i.progress, i.health::text AS health, i.closed_at, i.chase_count,
           t.id AS theme_id, t.code AS theme_code, t.title AS theme_title, t.ordinal AS theme_ordinal, t.archived_at AS theme_archived_at,
           p.report_due_day, d.code AS dept_code, d.name_zh_hans, d.name_zh_hant, d.name_en,
           mm.months
      FROM initiatives i
      JOIN work_plans p ON p.id = i.plan_id
      JOIN departments d ON d.id = i.department_id
      LEFT JOIN themes t ON t.id = i.theme_id
      -- first_report_at is a timestamp holding UTC: its epoch is the instant's, whatever the session's zone.
      LEFT JOIN LATERAL (
        SELECT json_agg(json_build_array(to_char(m.period, 'YYYY-MM'), (extract(epoch FROM m.first_report_at) * 1000)::float8, m.progress)) AS months
          FROM (SELECT * FROM initiative_months m
                 WHERE m.initiative_id = i.id AND m.period = ANY(${periods.map((x) => `${x}-01`)}::date[])
                 ORDER BY m.period) m
      ) mm ON TRUE
     WHERE ${inYearSql(viewer, year, department)}
     ORDER BY d.code, i.code`;
  return raw.map((r) => ({
    id: r.id,
    code: r.code,
    title: r.title,
    departmentId: r.department_id,
    dueDate: r.due_date,
    progress: r.progress,
    health: r.health,
    closedAt: r.closed_at,
    chaseCount: r.chase_count,
    theme:
      r.theme_id === null
        ? null
        : { id: r.theme_id, code: r.theme_code ?? "", title: r.theme_title ?? "", ordinal: r.theme_ordinal ?? 0, archivedAt: r.theme_archived_at },
    plan: { reportDueDay: r.report_due_day },
    department: { id: r.department_id, code: r.dept_code, nameZhHans: r.name_zh_hans, nameZhHant: r.name_zh_hant, nameEn: r.name_en },
    months: {
      periods: (r.months ?? []).map((m) => m[0]),
      firstReportMs: (r.months ?? []).map((m) => m[1]),
      progress: (r.months ?? []).map((m) => m[2]),
    },
  }));
}

/** initiativeWhere(viewer) of `i`, its plan `p` in `year`, and department `d` when narrowed, in SQL. */
function inYearSql(viewer: Viewer, year: number, department: string | null): Prisma.Sql {
  const scope = departmentScope(viewer);
  const inScope =
    scope.kind === "ministry"
      ? Prisma.sql`TRUE`
      : Prisma.sql`(i.department_id = ${scope.departmentId} OR EXISTS (SELECT 1 FROM initiative_cooperations c WHERE c.initiative_id = i.id AND c.department_id = ${scope.departmentId}))`;
  return Prisma.sql`p.year = ${year} AND i.archived_at IS NULL AND ${inScope} AND ${department ? Prisma.sql`d.code = ${department}` : Prisma.sql`TRUE`}`;
}

const REASON_ORDER: BehindReason[] = ["PAST_DUE", "REPORT_MISSING", "REPORT_LATE", "OFF_TRACK", "AT_RISK", "REPORT_DUE_SOON"];

export async function getDashboard(
  viewer: Viewer,
  options: { year?: number; department?: string; now?: Date; behindLimit?: number } = {},
  db: Db = prisma,
): Promise<Dashboard> {
  if (!can(viewer, "dashboard.read")) throw new DomainError("not_found", "no overview for this viewer");
  const now = options.now ?? new Date();
  const currentPeriod = shanghaiPeriodOf(now);
  const years = (
    await db.workPlan.findMany({ where: planWhere(viewer), distinct: ["year"], select: { year: true }, orderBy: { year: "desc" } })
  ).map((p) => p.year);
  const year =
    options.year !== undefined && Number.isInteger(options.year)
      ? options.year
      : (currentPlanYear(years, now) ?? Number(currentPeriod.slice(0, 4)));
  const periods = yearPeriods(year, currentPeriod);
  // A department's manager sees the department's own initiatives (the ones it leads and answers
  // for): an initiative it only co-operates on belongs to the lead department's figures.
  const scope = departmentScope(viewer);
  const own =
    scope.kind === "department"
      ? await db.department.findUnique({ where: { id: scope.departmentId }, select: { code: true } })
      : null;
  const department = own ? own.code : options.department?.trim().toUpperCase() || null;
  const inYear: Prisma.InitiativeWhereInput = { AND: [initiativeWhere(viewer), { plan: { year } }] };

  const [departmentChoices, rows] = await Promise.all([
    db.department.findMany({
      where: { AND: [own ? { code: own.code } : {}, { plans: { some: { AND: [planWhere(viewer), { year }] } } }] },
      orderBy: { code: "asc" },
      select: { id: true, code: true, nameZhHans: true, nameZhHant: true, nameEn: true },
    }),
    loadRows(db, viewer, year, department, [...new Set([...periods, currentPeriod])]),
  ]);
  const ids = rows.map((r) => r.id);
  const narrowed: Prisma.InitiativeWhereInput = { AND: [inYear, department ? { department: { code: department } } : {}] };
  const [awaiting, extensions] =
    ids.length === 0
      ? [[], []]
      : await Promise.all([
          // Over the whole scope, not only the department narrowed to: a department's figure counts
          // the reports IT filed (on whatever initiative in scope), as /updates?department= does.
          db.reviewBacklog.findMany({
            where: { initiative: inYear, submitted: { gt: 0 } },
            select: { initiativeId: true, departmentId: true, submitted: true },
          }),
          db.extensionRequest.groupBy({
            by: ["initiativeId"],
            // A closed initiative's request can no longer be decided: not pending work.
            where: { status: "PENDING", initiative: { AND: [narrowed, { closedAt: null }] } },
            _count: { _all: true },
          }),
        ]);

  const nowMs = now.getTime();
  /** reportDeadline in ms, once per period and due day. */
  const deadlines = new Map<string, number>();
  const deadlineMs = (period: string, dueDay: number) => {
    const key = `${period}/${dueDay}`;
    let ms = deadlines.get(key);
    if (ms === undefined) deadlines.set(key, (ms = reportDeadline(period, dueDay).getTime()));
    return ms;
  };
  const awaitingByInitiative = new Map<string, number>();
  /** Awaiting review by the REPORTING department (the review queue's and /updates' department). */
  const awaitingByDepartment = new Map<string, number>();
  const shown = new Set(ids);
  for (const a of awaiting) {
    if (shown.has(a.initiativeId)) awaitingByInitiative.set(a.initiativeId, (awaitingByInitiative.get(a.initiativeId) ?? 0) + a.submitted);
    awaitingByDepartment.set(a.departmentId, (awaitingByDepartment.get(a.departmentId) ?? 0) + a.submitted);
  }
  const pendingExtension = new Set(extensions.map((e) => e.initiativeId));

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
    const themes = new Map<string, { theme: NonNullable<Row["theme"]>; items: Derived[] }>();
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
    .slice(0, options.behindLimit ?? BEHIND_SHOWN)
    .map((d) => ({
      id: d.row.id,
      code: d.row.code,
      title: d.row.title,
      department: d.row.department,
      progress: d.row.progress,
      health: d.row.health,
      dueDate: d.row.dueDate.toISOString().slice(0, 10),
      light: d.light,
      reasons: d.reasons,
      chaseCount: d.row.chaseCount,
      awaitingReview: d.awaitingReview,
      pendingExtension: d.pendingExtension,
    }));

  const totals = figures(derived);
  return {
    year,
    years,
    department,
    departmentChoices,
    currentPeriod,
    periods,
    totals: {
      ...totals,
      // Narrowed to a department: the reports it filed (the card links to /updates?department=).
      awaitingReview: department
        ? (awaitingByDepartment.get(departmentChoices.find((d) => d.code === department)?.id ?? "") ?? 0)
        : [...awaitingByDepartment.values()].reduce((a, b) => a + b, 0),
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
