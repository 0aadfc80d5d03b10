import { prisma, Prisma } from "@workplan/db";
import "server-only";
import { createPlanSchema } from "../../rules/plan-admin";
import { type Viewer } from "../../rules/policy";
import type { AdminContext } from "../admin-departments";
import { recordAudit } from "../audit";
import { DomainError } from "../errors";
import { idSchema } from "../get-initiative";
import { authorisePlans, invalid, planSnapshot } from "./shared";
import { safeParseText } from "../../rules/text-input";

/** A department's plan for a year: one per department and year. */
export async function createPlan(actor: Viewer, input: unknown, context: AdminContext = {}) {
  authorisePlans(actor);
  const parsed = safeParseText(createPlanSchema, input);
  if (!parsed.success) throw invalid(parsed.error, "plan");
  const data = parsed.data;
  const departmentId = idSchema.safeParse(data.departmentId);
  if (!departmentId.success) throw new DomainError("invalid", "unknown department", { departmentId: "departmentId.unknown" });
  try {
    return await prisma.$transaction(async (tx) => {
      const department = await tx.department.findUnique({ where: { id: departmentId.data }, select: { id: true, code: true, archivedAt: true } });
      if (!department) throw new DomainError("invalid", "unknown department", { departmentId: "departmentId.unknown" });
      if (department.archivedAt) throw new DomainError("invalid", "archived department", { departmentId: "departmentId.archived" });
      const taken = await tx.workPlan.findUnique({
        where: { departmentId_year: { departmentId: department.id, year: data.year } },
        select: { id: true },
      });
      if (taken) throw new DomainError("conflict", "the department has a plan for that year", { year: "plan.exists" });
      const plan = await tx.workPlan.create({
        data: {
          departmentId: department.id,
          year: data.year,
          status: "ACTIVE",
          heading: data.heading,
          preamble: data.preamble,
          reportDueDay: data.reportDueDay,
          reminderDaysBefore: data.reminderDaysBefore,
          sourceDocument: "",
        },
        select: { id: true },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "plan.created",
        objectType: "WorkPlan",
        objectId: plan.id,
        after: { department: department.code, year: data.year, ...planSnapshot(data) },
        ip: context.ip ?? null,
      });
      return plan;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new DomainError("conflict", "the department has a plan for that year", { year: "plan.exists" });
    }
    throw error;
  }
}
