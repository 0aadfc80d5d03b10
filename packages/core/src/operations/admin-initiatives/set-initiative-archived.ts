import { prisma } from "@workplan/db";
import "server-only";
import type { Viewer } from "../../rules/policy";
import type { AdminContext } from "../admin-departments";
import { authorisePlans, lockAndRefreshRollups } from "../admin-plans";
import { recordAudit } from "../audit";
import { DomainError } from "../errors";
import { idSchema } from "../get-initiative";
import { editableSelect } from "./shared";

/**
 * Archive an initiative (or bring it back): archived, it leaves the plan's lists and roll-ups and
 * takes no reports; its page and history stay reachable by its id.
 */
export async function setInitiativeArchived(actor: Viewer, idInput: unknown, archived: unknown, context: AdminContext = {}) {
  // Whatever a request sent: only true and false mean something.
  if (typeof archived !== "boolean") throw new DomainError("invalid", "archived is true or false", { archived: "archived.invalid" });
  authorisePlans(actor);
  const id = idSchema.safeParse(idInput);
  if (!id.success) throw new DomainError("not_found", "no such initiative");
  return prisma.$transaction(async (tx) => {
    const before = await tx.initiative.findUnique({ where: { id: id.data }, select: { ...editableSelect, theme: { select: { archivedAt: true } } } });
    if (!before) throw new DomainError("not_found", "no such initiative");
    if ((before.archivedAt !== null) === archived) return { id: before.id, planId: before.planId, changed: false };
    if (!archived && before.theme?.archivedAt) throw new DomainError("invalid", "the theme is archived", { form: "theme.archived" });
    const archivedAt = archived ? new Date() : null;
    await tx.initiative.update({ where: { id: before.id }, data: { archivedAt } });
    await lockAndRefreshRollups(tx, before.planId);
    await recordAudit(tx, {
      actorId: actor.id,
      action: archived ? "initiative.archived" : "initiative.restored",
      objectType: "Initiative",
      objectId: before.id,
      before: { code: before.code, archivedAt: before.archivedAt ? before.archivedAt.toISOString() : null },
      after: { code: before.code, archivedAt: archivedAt ? archivedAt.toISOString() : null },
      ip: context.ip ?? null,
    });
    return { id: before.id, planId: before.planId, changed: true };
  });
}
