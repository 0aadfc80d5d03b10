import { prisma } from "@workplan/db";
import "server-only";
import type { Viewer } from "../../rules/policy";
import type { AdminContext } from "../admin-departments";
import { authorisePlans } from "../admin-plans";
import {
    importWorkReport
} from "../import-work-report";
import { corrections, parseText, PlanTextError, previewOf, resolveDepartment, type CommitInput } from "./shared";

/**
 * Import the text as corrected: the department (new, or an existing one), its record and plan with
 * their themes and initiatives, in one transaction with its audit event. Refused, with nothing
 * written, when the department already has a plan for one of the years (PlanExistsError).
 */
export async function commitPlanText(actor: Viewer, input: CommitInput, context: AdminContext = {}) {
  authorisePlans(actor);
  const fields: Record<string, string> = {};
  const { report, problem } = parseText(input.text, fields);
  const department = await resolveDepartment(input.department, fields);
  if (!report || !department) throw new PlanTextError(fields, problem);
  const plans = previewOf(report);
  const fixes = corrections(plans, input.corrections, fields);
  if (Object.keys(fields).length > 0) throw new PlanTextError(fields, null);

  const result = await importWorkReport(prisma, report, department.names, { actorId: actor.id, ip: context.ip ?? null }, {
    corrections: fixes,
    department: department.kind === "new" ? "create" : "existing",
    refuseExistingPlans: true,
  });
  const plan = plans.find((p) => p.kind === "plan");
  return {
    departmentId: result.departmentId,
    departmentCode: department.names.code,
    year: plan?.year ?? null,
    planId: plan ? (result.planIds[plan.year] ?? null) : null,
    createdInitiatives: result.createdInitiatives,
  };
}
