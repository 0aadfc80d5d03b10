import "server-only";
import { prisma, Prisma } from "@workplan/db";
import { currentPlanYear, shanghaiPeriodOf } from "../rules/calendar";
import type { Health } from "../rules/health";
import {
  summariseOverview,
  yearPeriods,
  type BehindInitiative,
  type DashboardDepartment,
  type DashboardFigures,
  type DepartmentNames,
  type OverviewRow,
} from "../rules/overview";
import { can, departmentScope, type Viewer } from "../rules/policy";
import { DomainError } from "./errors";
import { initiativeWhere, planWhere } from "./scope";

// The supervisor's one screen (督查督辦總覽): for the viewer's scope and a plan year, per department
// and theme the figures a manager acts on, progress over time, the health distribution, a league
// table, and the initiatives that are behind with the reasons why.
//
// Reads, whatever the number of reports: the scope's initiatives (a ministry has a few thousand)
// each with its monthly roll-ups (initiative_months, kept by a trigger) as one JSON column, the
// review backlog per initiative (review_backlog, kept by a trigger) and one grouped count of pending
// extension requests. The arithmetic is rules/overview.ts (pure, unit-tested).

type Db = Prisma.TransactionClient | typeof prisma;

export type {
  BehindInitiative,
  BehindReason,
  DashboardDepartment,
  DashboardFigures,
  DashboardTheme,
  DepartmentNames,
} from "../rules/overview";
import { planNow } from "../infra/plan-clock";
export { BEHIND_SHOWN } from "../rules/overview";

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
  departments: (DashboardDepartment & { canChase: boolean })[];
  /** Departments ranked by on-time reporting, then average progress. */
  league: { rank: number; departmentId: string }[];
  /** The most serious `behindLimit` (default 20) of the initiatives behind… */
  behind: (BehindInitiative & { canChase: boolean })[];
  /** …and how many are behind in all. */
  behindCount: number;
}

/**
 * The scope's initiatives of the year (narrowed to a department), with what the overview needs of
 * their theme, plan and department, in ONE joined statement: at 1,162 initiatives the ORM's
 * relation stitching cost more than the query.
 */
async function loadRows(db: Db, viewer: Viewer, year: number, department: string | null, periods: string[]): Promise<OverviewRow[]> {
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

export async function getDashboard(
  viewer: Viewer,
  options: { year?: number; department?: string; now?: Date; behindLimit?: number } = {},
  db: Db = prisma,
): Promise<Dashboard> {
  if (!can(viewer, "dashboard.read")) throw new DomainError("not_found", "no overview for this viewer");
  const now = options.now ?? planNow();
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

  const awaitingByInitiative = new Map<string, number>();
  /** Awaiting review by the REPORTING department (the review queue's and /updates' department). */
  const awaitingByDepartment = new Map<string, number>();
  const shown = new Set(ids);
  for (const a of awaiting) {
    if (shown.has(a.initiativeId)) awaitingByInitiative.set(a.initiativeId, (awaitingByInitiative.get(a.initiativeId) ?? 0) + a.submitted);
    awaitingByDepartment.set(a.departmentId, (awaitingByDepartment.get(a.departmentId) ?? 0) + a.submitted);
  }
  const pendingExtension = new Set(extensions.map((e) => e.initiativeId));

  const summary = summariseOverview({
    rows,
    now,
    currentPeriod,
    periods,
    awaitingByInitiative,
    awaitingByDepartment,
    pendingExtension,
    behindLimit: options.behindLimit,
  });
  return {
    year,
    years,
    department,
    departmentChoices,
    currentPeriod,
    periods,
    totals: {
      ...summary.totals,
      // Narrowed to a department: the reports it filed (the card links to /updates?department=).
      awaitingReview: department
        ? (awaitingByDepartment.get(departmentChoices.find((d) => d.code === department)?.id ?? "") ?? 0)
        : summary.totals.awaitingReview,
    },
    // What the viewer may do from here (rules/policy.ts): chase an initiative, or a department's late ones.
    departments: summary.departments.map((d) => ({ ...d, canChase: can(viewer, "initiative.chase", { departmentId: d.department.id }) })),
    league: summary.league,
    behind: summary.behind.map((b) => ({ ...b, canChase: can(viewer, "initiative.chase", { departmentId: b.department.id }) })),
    behindCount: summary.behindCount,
  };
}
