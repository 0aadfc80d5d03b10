import { prisma } from "@workplan/db";
import "server-only";
import { type Viewer } from "../../rules/policy";
import { idSchema } from "../get-initiative";
import { initiativeRecordWhere } from "../scope";
import { calendarSelect, lightOf, type Db } from "./shared";
import { planNow } from "../../infra/plan-clock";

/** One initiative's current light (its page), or null when not visible. */
export async function getInitiativeLight(viewer: Viewer, idInput: unknown, now: Date = planNow(), db: Db = prisma) {
  const id = idSchema.safeParse(idInput);
  if (!id.success) return null;
  const row = await db.initiative.findFirst({
    where: { AND: [{ id: id.data }, initiativeRecordWhere(viewer)] },
    select: calendarSelect,
  });
  if (!row) return null;
  return lightOf(db, row, now);
}
