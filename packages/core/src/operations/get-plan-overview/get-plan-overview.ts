import { prisma } from "@workplan/db";
import "server-only";
import { type Viewer } from "../../rules/policy";
import { planWhere } from "../scope";
import { initiativeListSelect, toListItem, yearSchema } from "./shared";

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
