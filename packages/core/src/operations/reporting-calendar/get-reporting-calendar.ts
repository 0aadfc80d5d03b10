import { prisma, type Prisma } from "@workplan/db";
import "server-only";
import {
    periodsUpTo,
    shanghaiPeriodOf
} from "../../rules/calendar";
import { type Viewer } from "../../rules/policy";
import { initiativeWhere } from "../scope";
import { build, CALENDAR_PAGE_SIZE, calendarSelect, firstReports, type Db, type ReportingCalendar } from "./shared";
import { planNow } from "../../infra/plan-clock";

/**
 * The reporting calendar of a plan year for the viewer's scope: per initiative (not archived), the
 * status of each month's report up to now and the current light, grouped by lead department.
 */
export async function getReportingCalendar(
  viewer: Viewer,
  options: { year: number; months?: readonly number[]; now?: Date; department?: string; page?: number; pageSize?: number },
  db: Db = prisma,
): Promise<ReportingCalendar> {
  const now = options.now ?? planNow();
  const year = Number.isInteger(options.year) ? options.year : Number(shanghaiPeriodOf(now).slice(0, 4));
  let periods = periodsUpTo(year, now);
  if (options.months && options.months.length > 0) {
    const wanted = new Set(options.months);
    periods = periods.filter((p) => wanted.has(Number(p.slice(5))));
  }
  const where: Prisma.InitiativeWhereInput = {
    AND: [initiativeWhere(viewer), { plan: { year } }, options.department ? { department: { code: options.department } } : {}],
  };
  const pageSize = options.pageSize ?? CALENDAR_PAGE_SIZE;
  const total = await db.initiative.count({ where });
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(pages, Math.max(1, Math.trunc(options.page ?? 1) || 1));
  const rows = await db.initiative.findMany({
    where,
    orderBy: [{ department: { code: "asc" } }, { code: "asc" }],
    select: calendarSelect,
    skip: (page - 1) * pageSize,
    take: pageSize,
  });
  // The light needs this month even when the calendar shows other months.
  const current = shanghaiPeriodOf(now);
  const lookup = periods.includes(current) ? periods : [...periods, current].sort();
  const reports = await firstReports(db, rows, lookup);
  const departments = new Map<string, ReportingCalendar["departments"][number]>();
  for (const row of rows) {
    let dept = departments.get(row.departmentId);
    if (!dept) {
      dept = { ...row.department, initiatives: [] };
      departments.set(row.departmentId, dept);
    }
    dept.initiatives.push(build(row, periods, reports, now));
  }
  return { year, periods, total, page, pages, departments: [...departments.values()] };
}
