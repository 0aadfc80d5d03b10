import "server-only";
import { prisma, type Prisma } from "@workplan/db";
import { departmentScope, type Viewer } from "../rules/policy";
import { listPlanYears } from "./get-plan-overview";
import { initiativeWhere } from "./scope";

// What the lists' filter bars offer (/initiatives, /updates): the plan years, departments and themes
// the viewer can see. Three queries, whatever the number of rows.

export interface ListChoices {
  /** Newest first; the first is the default year of the lists. */
  years: number[];
  departments: { code: string; nameZhHans: string; nameZhHant: string; nameEn: string }[];
  themes: { code: string; title: string; departmentCode: string }[];
}

/**
 * The years with a plan in scope; the departments that lead (or, the viewer's own, report on) an
 * initiative in scope that year; the themes of that year's initiatives in scope.
 */
export async function listChoices(viewer: Viewer, year: number | undefined): Promise<ListChoices> {
  const inScope: Prisma.InitiativeWhereInput = { AND: [initiativeWhere(viewer), year === undefined ? {} : { plan: { year } }] };
  const scope = departmentScope(viewer);
  const [years, departments, themes] = await Promise.all([
    listPlanYears(viewer),
    prisma.department.findMany({
      where: { OR: [{ initiatives: { some: inScope } }, ...(scope.kind === "department" ? [{ id: scope.departmentId }] : [])] },
      orderBy: { code: "asc" },
      select: { code: true, nameZhHans: true, nameZhHant: true, nameEn: true },
    }),
    prisma.theme.findMany({
      where: { archivedAt: null, initiatives: { some: inScope } },
      orderBy: { code: "asc" },
      select: { code: true, title: true, plan: { select: { department: { select: { code: true } } } } },
    }),
  ]);
  return {
    years,
    departments,
    themes: themes.map((t) => ({ code: t.code, title: t.title, departmentCode: t.plan.department.code })),
  };
}
