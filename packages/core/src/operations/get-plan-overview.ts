import "server-only";
import { prisma } from "@workplan/db";
import { z } from "zod";
import { departmentScope, type Viewer } from "../rules/policy";
import { pastDueSql } from "./calendar-sql";
import { planWhere } from "./scope";

const yearSchema = z.coerce.number().int().min(2000).max(2100);

const initiativeListSelect = {
  id: true,
  code: true,
  title: true,
  themeId: true,
  ordinal: true,
  progress: true,
  health: true,
  dueDate: true,
  lastUpdateAt: true,
  targetValue: true,
  targetUnit: true,
  targetApproximate: true,
} as const;

/** The years that have a plan the viewer may see, newest first. */
export async function listPlanYears(viewer: Viewer): Promise<number[]> {
  const rows = await prisma.workPlan.findMany({
    where: planWhere(viewer),
    distinct: ["year"],
    select: { year: true },
    orderBy: { year: "desc" },
  });
  return rows.map((r) => r.year);
}

/**
 * The plans of one year in the viewer's scope, grouped by department and theme, with the stored
 * roll-ups. Archived themes and initiatives are left out (the roll-ups leave them out too).
 * A fixed number of queries (one per relation level), whatever the number of rows.
 */
export async function getPlanOverview(viewer: Viewer, yearInput: unknown, options: { department?: string } = {}) {
  const parsed = yearSchema.safeParse(yearInput);
  if (!parsed.success) return null;
  const plans = await prisma.workPlan.findMany({
    where: { ...planWhere(viewer), year: parsed.data, ...(options.department ? { department: { code: options.department } } : {}) },
    orderBy: { department: { code: "asc" } },
    select: {
      id: true,
      year: true,
      status: true,
      heading: true,
      preamble: true,
      initiativeCount: true,
      progress: true,
      department: { select: { id: true, code: true, nameZhHans: true, nameZhHant: true, nameEn: true } },
      themes: {
        where: { archivedAt: null },
        orderBy: { ordinal: "asc" },
        select: { id: true, code: true, ordinal: true, title: true, initiativeCount: true, progress: true },
      },
      initiatives: { where: { archivedAt: null }, orderBy: [{ ordinal: "asc" }], select: initiativeListSelect },
    },
  });
  return {
    year: parsed.data,
    plans: plans.map(({ initiatives, themes, ...plan }) => ({
      ...plan,
      themes: themes.map((theme) => ({
        ...theme,
        initiatives: initiatives.filter((i) => i.themeId === theme.id).map(toListItem),
      })),
      initiatives: initiatives.filter((i) => i.themeId === null).map(toListItem),
    })),
  };
}

function toListItem(i: {
  id: string;
  code: string;
  title: string;
  progress: number;
  health: "ON_TRACK" | "AT_RISK" | "OFF_TRACK" | "DONE" | null;
  dueDate: Date;
  lastUpdateAt: Date | null;
  targetValue: { toNumber(): number } | null;
  targetUnit: string | null;
  targetApproximate: boolean;
}) {
  return {
    id: i.id,
    code: i.code,
    title: i.title,
    progress: i.progress,
    health: i.health,
    dueDate: i.dueDate,
    lastUpdateAt: i.lastUpdateAt,
    target: i.targetValue === null ? null : { value: i.targetValue.toNumber(), unit: i.targetUnit ?? "", approximate: i.targetApproximate },
  };
}

export type PlanOverview = NonNullable<Awaited<ReturnType<typeof getPlanOverview>>>;

export interface PlanSummaryRow {
  planId: string;
  status: "ACTIVE" | "CLOSED";
  department: { id: string; code: string; nameZhHans: string; nameZhHant: string; nameEn: string };
  initiatives: number;
  /** The plan's stored roll-up: average progress of its initiatives (archived ones left out). */
  progress: number;
  health: { ON_TRACK: number; AT_RISK: number; OFF_TRACK: number; DONE: number; NONE: number };
  /** Past its own due date (Beijing time) and not done: as /initiatives?overdue=1 counts. */
  overdue: number;
}

/**
 * One row per department plan of a year in the viewer's scope: what a ministry-wide viewer reads
 * first on /plan, each row opening that department's plan. One grouped query whatever the number of
 * departments and initiatives; the figures mean what the plan page and /initiatives mean by them.
 */
export async function getPlanSummary(viewer: Viewer, yearInput: unknown, now: Date = new Date()): Promise<PlanSummaryRow[] | null> {
  const parsed = yearSchema.safeParse(yearInput);
  if (!parsed.success) return null;
  const scope = departmentScope(viewer);
  const rows = await prisma.$queryRaw<
    {
      plan_id: string;
      status: "ACTIVE" | "CLOSED";
      progress: number;
      department_id: string;
      code: string;
      name_zh_hans: string;
      name_zh_hant: string;
      name_en: string;
      initiatives: number;
      on_track: number;
      at_risk: number;
      off_track: number;
      done: number;
      none: number;
      overdue: number;
    }[]
  >`
    SELECT p.id AS plan_id, p.status::text AS status, p.progress, d.id AS department_id, d.code,
           d.name_zh_hans, d.name_zh_hant, d.name_en,
           count(i.id)::int AS initiatives,
           count(i.id) FILTER (WHERE i.health = 'ON_TRACK')::int AS on_track,
           count(i.id) FILTER (WHERE i.health = 'AT_RISK')::int AS at_risk,
           count(i.id) FILTER (WHERE i.health = 'OFF_TRACK')::int AS off_track,
           count(i.id) FILTER (WHERE i.health = 'DONE')::int AS done,
           count(i.id) FILTER (WHERE i.health IS NULL)::int AS none,
           count(i.id) FILTER (
             WHERE ${pastDueSql("i", now)}
               AND i.health IS DISTINCT FROM 'DONE' AND i.progress < 100 AND i.closed_at IS NULL
           )::int AS overdue
    FROM work_plans p
    JOIN departments d ON d.id = p.department_id
    LEFT JOIN initiatives i ON i.plan_id = p.id AND i.archived_at IS NULL
    WHERE p.year = ${parsed.data}
      AND (${scope.kind === "ministry"} OR p.department_id = ${scope.kind === "department" ? scope.departmentId : ""})
    GROUP BY p.id, d.id
    ORDER BY d.code`;
  return rows.map((r) => ({
    planId: r.plan_id,
    status: r.status,
    department: { id: r.department_id, code: r.code, nameZhHans: r.name_zh_hans, nameZhHant: r.name_zh_hant, nameEn: r.name_en },
    initiatives: r.initiatives,
    progress: r.progress,
    health: { ON_TRACK: r.on_track, AT_RISK: r.at_risk, OFF_TRACK: r.off_track, DONE: r.done, NONE: r.none },
    overdue: r.overdue,
  }));
}
