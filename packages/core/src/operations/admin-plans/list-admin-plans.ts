import { prisma } from "@workplan/db";
import "server-only";
import { type Viewer } from "../../rules/policy";
import { authorisePlans, listQuerySchema } from "./shared";

/** Plans by year and department, newest first, with their stored initiative counts (archived ones left out). */
export async function listAdminPlans(actor: Viewer, queryInput: { year?: unknown; departmentId?: unknown } = {}) {
  authorisePlans(actor);
  const clean = Object.fromEntries(Object.entries(queryInput).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = listQuerySchema.safeParse(clean);
  const query = parsed.success ? parsed.data : {};
  const [plans, years] = await Promise.all([
    prisma.workPlan.findMany({
      where: { year: query.year, departmentId: query.departmentId },
      orderBy: [{ year: "desc" }, { department: { code: "asc" } }],
      select: {
        id: true,
        year: true,
        status: true,
        heading: true,
        initiativeCount: true,
        progress: true,
        reportDueDay: true,
      reminderDaysBefore: true,
        department: { select: { id: true, code: true, nameZhHans: true, nameZhHant: true, nameEn: true, archivedAt: true } },
        _count: { select: { themes: { where: { archivedAt: null } }, initiatives: { where: { archivedAt: { not: null } } } } },
      },
    }),
    prisma.workPlan.findMany({ distinct: ["year"], select: { year: true }, orderBy: { year: "desc" } }),
  ]);
  return {
    query,
    years: years.map((y) => y.year),
    plans: plans.map(({ _count, ...p }) => ({ ...p, themeCount: _count.themes, archivedInitiativeCount: _count.initiatives })),
  };
}
