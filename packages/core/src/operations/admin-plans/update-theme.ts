import { prisma } from "@workplan/db";
import "server-only";
import { themeSchema } from "../../rules/plan-admin";
import { type Viewer } from "../../rules/policy";
import type { AdminContext } from "../admin-departments";
import { recordAudit } from "../audit";
import { DomainError } from "../errors";
import { idSchema } from "../get-initiative";
import { authorisePlans, invalid } from "./shared";
import { safeParseText } from "../../rules/text-input";

export async function updateTheme(actor: Viewer, idInput: unknown, input: unknown, context: AdminContext = {}) {
  authorisePlans(actor);
  const id = idSchema.safeParse(idInput);
  if (!id.success) throw new DomainError("not_found", "no such theme");
  const parsed = safeParseText(themeSchema, input);
  if (!parsed.success) throw invalid(parsed.error, "theme");
  return prisma.$transaction(async (tx) => {
    const before = await tx.theme.findUnique({ where: { id: id.data }, select: { id: true, planId: true, title: true, intro: true } });
    if (!before) throw new DomainError("not_found", "no such theme");
    if (before.title === parsed.data.title && before.intro === parsed.data.intro) return { id: before.id, planId: before.planId, changed: false };
    await tx.theme.update({ where: { id: before.id }, data: parsed.data });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "theme.updated",
      objectType: "Theme",
      objectId: before.id,
      before: { title: before.title, intro: before.intro },
      after: parsed.data,
      ip: context.ip ?? null,
    });
    return { id: before.id, planId: before.planId, changed: true };
  });
}
