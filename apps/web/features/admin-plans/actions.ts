"use server";

import { getSession } from "@workplan/auth";
import { clientIp } from "@workplan/auth/options";
import {
  createDepartment,
  deleteDepartment,
  setDepartmentArchived,
  updateDepartment,
} from "@workplan/core/operations/admin-departments";
import { addInitiative, setInitiativeArchived, updateInitiative } from "@workplan/core/operations/admin-initiatives";
import { addTheme, archiveTheme, createPlan, updatePlan, updateTheme } from "@workplan/core/operations/admin-plans";
import { DomainError } from "@workplan/core/operations/errors";
import {
  commitPlanText,
  PlanTextError,
  previewPlanText,
  type PlanTextPreview,
  type TextProblem,
} from "@workplan/core/operations/import-plan-text";
import { PlanExistsError } from "@workplan/core/operations/import-work-report";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";

// The transport of the admin's department and plan forms: parse, call the operation, map its
// refusals to field messages (keys the form translates). What may be done is the operations' call.

export type AdminResult<T extends object = object> =
  | ({ status: "saved" } & T)
  | { status: "invalid"; fields: Record<string, string> }
  | { status: "signed-out" }
  | { status: "error" };

async function context() {
  const h = await headers();
  return { ip: clientIp(Object.fromEntries(h.entries())) };
}

function toResult(error: unknown): { status: "invalid"; fields: Record<string, string> } | { status: "error" } {
  if (error instanceof DomainError) {
    if (error.code === "invalid" || error.code === "conflict") return { status: "invalid", fields: error.fields ?? { form: "failed" } };
    if (error.code === "forbidden") return { status: "invalid", fields: { form: "forbidden" } };
    return { status: "invalid", fields: { form: "notFound" } };
  }
  console.error("admin action failed", error);
  return { status: "error" };
}

/** Run an operation as the signed-in admin; revalidate what it changed. */
async function run<T extends object>(write: (viewer: NonNullable<Awaited<ReturnType<typeof getSession>>>) => Promise<T>, paths: string[]): Promise<AdminResult<T>> {
  const viewer = await getSession();
  if (!viewer) return { status: "signed-out" };
  try {
    const result = await write(viewer);
    for (const path of paths) revalidatePath(path);
    return { status: "saved", ...result };
  } catch (error) {
    return toResult(error);
  }
}

export interface DepartmentFields {
  code: string;
  nameZhHans: string;
  nameZhHant: string;
  nameEn: string;
}

export async function createDepartmentAction(input: DepartmentFields) {
  return run(async (viewer) => createDepartment(viewer, input, await context()), ["/admin/departments"]);
}

export async function updateDepartmentAction(id: string, input: DepartmentFields) {
  return run(async (viewer) => updateDepartment(viewer, id, input, await context()), ["/admin/departments", `/admin/departments/${id}`]);
}

export async function setDepartmentArchivedAction(id: string, archived: boolean) {
  return run(async (viewer) => setDepartmentArchived(viewer, id, archived, await context()), ["/admin/departments", `/admin/departments/${id}`]);
}

export async function deleteDepartmentAction(id: string) {
  return run(async (viewer) => deleteDepartment(viewer, id, await context()), ["/admin/departments"]);
}

export interface PlanFields {
  heading: string;
  preamble: string;
  reportDueDay: string;
}

export async function createPlanAction(input: PlanFields & { departmentId: string; year: string }) {
  return run(async (viewer) => createPlan(viewer, input, await context()), ["/admin/plans"]);
}

export async function updatePlanAction(planId: string, input: PlanFields) {
  return run(async (viewer) => updatePlan(viewer, planId, input, await context()), ["/admin/plans", `/admin/plans/${planId}`]);
}

export interface ThemeFields {
  title: string;
  intro: string;
}

export async function addThemeAction(planId: string, input: ThemeFields) {
  return run(async (viewer) => addTheme(viewer, planId, input, await context()), [`/admin/plans/${planId}`]);
}

export async function updateThemeAction(planId: string, themeId: string, input: ThemeFields) {
  return run(async (viewer) => updateTheme(viewer, themeId, input, await context()), [`/admin/plans/${planId}`]);
}

export async function archiveThemeAction(planId: string, themeId: string) {
  return run(async (viewer) => archiveTheme(viewer, themeId, await context()), ["/admin/plans", `/admin/plans/${planId}`]);
}

export interface InitiativeFields {
  title: string;
  originalText: string;
  targetValue: string;
  targetUnit: string;
  targetApproximate: boolean;
  dueDate: string;
  leadDepartmentId: string;
  cooperatingDepartmentIds: string[];
}

export async function addInitiativeAction(planId: string, themeId: string | null, input: InitiativeFields) {
  return run(async (viewer) => addInitiative(viewer, planId, { ...input, themeId: themeId ?? "" }, await context()), ["/admin/plans", `/admin/plans/${planId}`]);
}

export async function updateInitiativeAction(planId: string, initiativeId: string, input: InitiativeFields) {
  return run(
    async (viewer) => updateInitiative(viewer, initiativeId, input, await context()),
    ["/admin/plans", `/admin/plans/${planId}`, `/initiatives/${initiativeId}`],
  );
}

export async function setInitiativeArchivedAction(planId: string, initiativeId: string, archived: boolean) {
  return run(
    async (viewer) => setInitiativeArchived(viewer, initiativeId, archived, await context()),
    ["/admin/plans", `/admin/plans/${planId}`, `/initiatives/${initiativeId}`],
  );
}

export type DepartmentChoice =
  | { kind: "existing"; departmentId: string }
  | { kind: "new"; code: string; nameZhHans: string; nameZhHant: string; nameEn: string };

export interface ItemRow {
  title: string;
  targetValue: string;
  targetUnit: string;
  targetApproximate: boolean;
  dueDate: string;
  drop: boolean;
}

export interface ThemeRow {
  title: string;
  drop: boolean;
}

export type ImportResult =
  | { status: "preview"; preview: PlanTextPreview }
  | { status: "committed"; planId: string | null; year: number | null; departmentCode: string }
  | { status: "exists"; years: number[] }
  | { status: "invalid"; fields: Record<string, string>; text: TextProblem | null }
  | { status: "signed-out" }
  | { status: "error" };

function importRefusal(error: unknown): ImportResult {
  if (error instanceof PlanExistsError) return { status: "exists", years: error.years };
  if (error instanceof PlanTextError) return { status: "invalid", fields: error.fields ?? {}, text: error.text };
  const result = toResult(error);
  return result.status === "invalid" ? { ...result, text: null } : result;
}

/** What the text would import. Writes nothing. */
export async function previewPlanTextAction(input: { text: string; department: DepartmentChoice }): Promise<ImportResult> {
  const viewer = await getSession();
  if (!viewer) return { status: "signed-out" };
  try {
    return { status: "preview", preview: await previewPlanText(viewer, input) };
  } catch (error) {
    return importRefusal(error);
  }
}

export async function commitPlanTextAction(input: {
  text: string;
  department: DepartmentChoice;
  corrections: { items: Record<string, ItemRow>; themes: Record<string, ThemeRow>; skipRecord: boolean };
}): Promise<ImportResult> {
  const viewer = await getSession();
  if (!viewer) return { status: "signed-out" };
  try {
    const result = await commitPlanText(viewer, input, await context());
    revalidatePath("/admin/plans");
    revalidatePath("/admin/departments");
    return { status: "committed", planId: result.planId, year: result.year, departmentCode: result.departmentCode };
  } catch (error) {
    return importRefusal(error);
  }
}
