import "server-only";
import { prisma } from "@workplan/db";
import { z } from "zod";
import type { Viewer } from "../rules/policy";
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
export async function getPlanOverview(viewer: Viewer, yearInput: unknown) {
  const parsed = yearSchema.safeParse(yearInput);
  if (!parsed.success) return null;
  const plans = await prisma.workPlan.findMany({
    where: { ...planWhere(viewer), year: parsed.data },
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
