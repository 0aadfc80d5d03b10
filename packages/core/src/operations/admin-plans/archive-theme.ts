import { prisma } from "@workplan/db";
import "server-only";
import { type Viewer } from "../../rules/policy";
import type { AdminContext } from "../admin-departments";
import { recordAudit } from "../audit";
import { DomainError } from "../errors";
import { idSchema } from "../get-initiative";
import { authorisePlans, lockAndRefreshRollups } from "./shared";

/**
 * Archive a theme and, with it, its initiatives: they leave the plan's lists and roll-ups and keep
 * their history. The plan's roll-ups are refreshed in the same transaction.
 */
export async function archiveTheme(actor: Viewer, idInput: unknown, context: AdminContext = {}) {
  authorisePlans(actor);
  const id = idSchema.safeParse(idInput);
  if (!id.success) throw new DomainError("not_found", "no such theme");
  return prisma.$transaction(async (tx) => {
    const theme = await tx.theme.findUnique({ where: { id: id.data }, select: { id: true, planId: true, code: true, archivedAt: true } });
    if (!theme) throw new DomainError("not_found", "no such theme");
    if (theme.archivedAt) return { id: theme.id, planId: theme.planId, changed: false };
    const now = new Date();
    const initiatives = await tx.initiative.findMany({ where: { themeId: theme.id, archivedAt: null }, select: { id: true, code: true } });
    await tx.initiative.updateMany({ where: { themeId: theme.id, archivedAt: null }, data: { archivedAt: now } });
    await tx.theme.update({ where: { id: theme.id }, data: { archivedAt: now } });
    await lockAndRefreshRollups(tx, theme.planId);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "theme.archived",
      objectType: "Theme",
      objectId: theme.id,
      before: { archivedAt: null },
      after: { archivedAt: now.toISOString(), initiativesArchived: initiatives.map((i) => i.code) },
      ip: context.ip ?? null,
    });
    return { id: theme.id, planId: theme.planId, changed: true };
  });
}
