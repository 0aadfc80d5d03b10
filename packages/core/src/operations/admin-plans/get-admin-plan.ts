import { prisma } from "@workplan/db";
import "server-only";
import { type Viewer } from "../../rules/policy";
import { idSchema } from "../get-initiative";
import { authorisePlans } from "./shared";

/** A plan with every theme and initiative, archived ones included and marked, for its admin page. */
export async function getAdminPlan(actor: Viewer, idInput: unknown) {
  authorisePlans(actor);
  const id = idSchema.safeParse(idInput);
  if (!id.success) return null;
  const plan = await prisma.workPlan.findUnique({
    where: { id: id.data },
    select: {
      id: true,
      year: true,
      status: true,
      heading: true,
      preamble: true,
      reportDueDay: true,
      reminderDaysBefore: true,
      initiativeCount: true,
      progress: true,
      department: { select: { id: true, code: true, nameZhHans: true, nameZhHant: true, nameEn: true, archivedAt: true } },
      themes: {
        orderBy: { ordinal: "asc" },
        select: { id: true, code: true, ordinal: true, title: true, intro: true, initiativeCount: true, progress: true, archivedAt: true },
      },
      initiatives: {
        orderBy: [{ ordinal: "asc" }],
        select: {
          id: true,
          code: true,
          themeId: true,
          ordinal: true,
          title: true,
          progress: true,
          health: true,
          dueDate: true,
          archivedAt: true,
          targetValue: true,
          targetUnit: true,
          targetApproximate: true,
          department: { select: { id: true, code: true } },
          _count: { select: { updates: true } },
        },
      },
    },
  });
  if (!plan) return null;
  const initiatives = plan.initiatives.map(({ targetValue, targetUnit, targetApproximate, _count, ...i }) => ({
    ...i,
    updateCount: _count.updates,
    target: targetValue === null ? null : { value: targetValue.toNumber(), unit: targetUnit ?? "", approximate: targetApproximate },
  }));
  return {
    ...plan,
    themes: plan.themes.map((theme) => ({ ...theme, initiatives: initiatives.filter((i) => i.themeId === theme.id) })),
    initiatives: initiatives.filter((i) => i.themeId === null),
  };
}
