import "server-only";
import type { Viewer } from "../../rules/policy";
import { authorisePlans } from "../admin-plans";
import { existingYears, nameMatches, parseText, PlanTextError, previewOf, resolveDepartment, type ImportInput, type PlanTextPreview } from "./shared";

/**
 * What the text would import, for the admin to check and correct. Reads only: nothing is written.
 * The department's problems and the text's come back together (PlanTextError).
 */
export async function previewPlanText(actor: Viewer, input: ImportInput): Promise<PlanTextPreview> {
  authorisePlans(actor);
  const fields: Record<string, string> = {};
  const { report, problem } = parseText(input.text, fields);
  const department = await resolveDepartment(input.department, fields);
  if (!report) throw new PlanTextError(fields, problem);
  const plans = previewOf(report);
  // The department's problems are shown next to its fields; the preview itself is still useful.
  const code = department?.names.code ?? null;
  return {
    departmentName: report.departmentName,
    departmentCode: code,
    nameMismatch: department?.kind === "existing" && !nameMatches(department.names, report.departmentName),
    existingYears: await existingYears(department, plans),
    plans,
    ...(Object.keys(fields).length > 0 ? { problems: fields } : {}),
  };
}
