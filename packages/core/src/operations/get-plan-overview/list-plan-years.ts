import { prisma } from "@workplan/db";
import "server-only";
import { type Viewer } from "../../rules/policy";
import { planWhere } from "../scope";

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
