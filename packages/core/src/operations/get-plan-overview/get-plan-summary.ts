import { prisma } from "@workplan/db";
import "server-only";
import { departmentScope, type Viewer } from "../../rules/policy";
import { pastDueSql } from "../calendar-sql";
import { yearSchema, type PlanSummaryRow } from "./shared";
import { planNow } from "../../infra/plan-clock";

/**
 * One row per department plan of a year in the viewer's scope: what a ministry-wide viewer reads
 * first on /plan, each row opening that department's plan. One grouped query whatever the number of
 * departments and initiatives; the figures mean what the plan page and /initiatives mean by them.
 */
export async function getPlanSummary(viewer: Viewer, yearInput: unknown, now: Date = planNow()): Promise<PlanSummaryRow[] | null> {
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
