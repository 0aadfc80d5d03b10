import { prisma, Prisma } from "@workplan/db";
import "server-only";
import { themeSchema } from "../../rules/plan-admin";
import { type Viewer } from "../../rules/policy";
import type { AdminContext } from "../admin-departments";
import { recordAudit } from "../audit";
import { DomainError } from "../errors";
import { idSchema } from "../get-initiative";
import { authorisePlans, invalid } from "./shared";
import { safeParseText } from "../../rules/text-input";

/** A new theme at the end of the plan, coded like the seed's (`KJS-2018-4`). */
export async function addTheme(actor: Viewer, planIdInput: unknown, input: unknown, context: AdminContext = {}) {
  authorisePlans(actor);
  const planId = idSchema.safeParse(planIdInput);
  if (!planId.success) throw new DomainError("not_found", "no such plan");
  const parsed = safeParseText(themeSchema, input);
  if (!parsed.success) throw invalid(parsed.error, "theme");
  try {
    return await prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM work_plans WHERE id = ${planId.data} FOR UPDATE`;
      const plan = await tx.workPlan.findUnique({
        where: { id: planId.data },
        select: { id: true, year: true, department: { select: { code: true } }, themes: { select: { ordinal: true }, orderBy: { ordinal: "desc" }, take: 1 } },
      });
      if (!plan) throw new DomainError("not_found", "no such plan");
      // Ordinals are never reused, archived themes included: a code always means one theme.
      const ordinal = (plan.themes[0]?.ordinal ?? 0) + 1;
      const code = `${plan.department.code}-${plan.year}-${ordinal}`;
      const theme = await tx.theme.create({
        data: { planId: plan.id, ordinal, code, title: parsed.data.title, intro: parsed.data.intro, sourceParagraph: "" },
        select: { id: true, code: true },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "theme.created",
        objectType: "Theme",
        objectId: theme.id,
        after: { planId: plan.id, code, ...parsed.data },
        ip: context.ip ?? null,
      });
      return theme;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new DomainError("conflict", "the theme code is in use", { form: "code.clash" });
    }
    throw error;
  }
}
