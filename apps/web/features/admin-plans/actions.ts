"use server";

import type { SessionViewer } from "@workplan/auth";
import {
  createDepartment,
  deleteDepartment,
  setDepartmentArchived,
  updateDepartment,
} from "@workplan/core/operations/admin-departments";
import { addInitiative, setInitiativeArchived, updateInitiative } from "@workplan/core/operations/admin-initiatives";
import { addTheme, archiveTheme, createPlan, updatePlan, updateTheme } from "@workplan/core/operations/admin-plans";
import { updateAppSettings } from "@workplan/core/operations/digest/app-settings";
import type { DomainError } from "@workplan/core/operations/errors";
import {
  commitPlanText,
  PlanTextError,
  previewPlanText,
  type PlanTextPreview,
  type TextProblem,
} from "@workplan/core/operations/import-plan-text";
import { PlanExistsError } from "@workplan/core/operations/import-work-report";
import { revalidatePath } from "next/cache";
import { fieldsOf, path } from "@/lib/action-args";
import { authedAction, type Invalid } from "@/lib/authed-action";

// The transport of the admin's department and plan forms: parse, call the operation, map its
// refusals to field messages (keys the form translates). What may be done is the operations' call.

export type AdminResult<T extends object = object> =
  | ({ status: "saved" } & T)
  | { status: "invalid"; fields: Record<string, string> }
  | { status: "signed-out" }
  | { status: "error" };

function refused(error: DomainError): Invalid {
  if (error.code === "invalid" || error.code === "conflict") return { status: "invalid", fields: error.fields ?? { form: "failed" } };
  if (error.code === "forbidden") return { status: "invalid", fields: { form: "forbidden" } };
  return { status: "invalid", fields: { form: "notFound" } };
}

/** Run an operation as the signed-in admin; revalidate what it changed. */
async function run<T extends object>(
  permission: "admin.plans" | "admin.departments",
  write: (viewer: SessionViewer, context: { ip: string | null }) => Promise<T>,
  paths: string[],
): Promise<AdminResult<T>> {
  return authedAction<AdminResult<T>, Invalid>(
    permission,
    "admin action",
    async ({ viewer, ip }) => {
      const result = await write(viewer, { ip });
      for (const page of paths) revalidatePath(page);
      return { status: "saved", ...result };
    },
    refused,
  );
}

export interface DepartmentFields {
  code: string;
  nameZhHans: string;
  nameZhHant: string;
  nameEn: string;
}

export async function createDepartmentAction(input: DepartmentFields) {
  return run("admin.departments", async (viewer, context) => createDepartment(viewer, input, context), ["/admin/departments"]);
}

export async function updateDepartmentAction(id: string, input: DepartmentFields) {
  return run("admin.departments", async (viewer, context) => updateDepartment(viewer, id, input, context), ["/admin/departments", path`/admin/departments/${id}`]);
}

export async function setDepartmentArchivedAction(id: string, archived: boolean) {
  return run("admin.departments", async (viewer, context) => setDepartmentArchived(viewer, id, archived, context), ["/admin/departments", path`/admin/departments/${id}`]);
}

export async function deleteDepartmentAction(id: string) {
  return run("admin.departments", async (viewer, context) => deleteDepartment(viewer, id, context), ["/admin/departments"]);
}

export interface PlanFields {
  heading: string;
  preamble: string;
  reportDueDay: string;
  reminderDaysBefore: string;
}

export async function createPlanAction(input: PlanFields & { departmentId: string; year: string }) {
  return run("admin.plans", async (viewer, context) => createPlan(viewer, input, context), ["/admin/plans"]);
}

export async function updatePlanAction(planId: string, input: PlanFields) {
  return run("admin.plans", async (viewer, context) => updatePlan(viewer, planId, input, context), ["/admin/plans", path`/admin/plans/${planId}`]);
}

export interface ThemeFields {
  title: string;
  intro: string;
}

export async function addThemeAction(planId: string, input: ThemeFields) {
  return run("admin.plans", async (viewer, context) => addTheme(viewer, planId, input, context), [path`/admin/plans/${planId}`]);
}

export async function updateThemeAction(planId: string, themeId: string, input: ThemeFields) {
  return run("admin.plans", async (viewer, context) => updateTheme(viewer, themeId, input, context), [path`/admin/plans/${planId}`]);
}

export async function archiveThemeAction(planId: string, themeId: string) {
  return run("admin.plans", async (viewer, context) => archiveTheme(viewer, themeId, context), ["/admin/plans", path`/admin/plans/${planId}`]);
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
  return run("admin.plans", async (viewer, context) => addInitiative(viewer, planId, { ...input, themeId: themeId ?? "" }, context), ["/admin/plans", path`/admin/plans/${planId}`]);
}

export async function updateInitiativeAction(planId: string, initiativeId: string, input: InitiativeFields) {
  return run(
    "admin.plans",
    async (viewer, context) => updateInitiative(viewer, initiativeId, input, context),
    ["/admin/plans", path`/admin/plans/${planId}`, path`/initiatives/${initiativeId}`],
  );
}

export async function setInitiativeArchivedAction(planId: string, initiativeId: string, archived: boolean) {
  return run(
    "admin.plans",
    async (viewer, context) => setInitiativeArchived(viewer, initiativeId, archived, context),
    ["/admin/plans", path`/admin/plans/${planId}`, path`/initiatives/${initiativeId}`],
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

function importRefusal(error: DomainError): ImportResult {
  if (error instanceof PlanExistsError) return { status: "exists", years: error.years };
  if (error instanceof PlanTextError) return { status: "invalid", fields: error.fields ?? {}, text: error.text };
  return { ...refused(error), text: null };
}

/** What the text would import. Writes nothing. */
export async function previewPlanTextAction(input: { text: string; department: DepartmentChoice }): Promise<ImportResult> {
  return authedAction<ImportResult, ImportResult>(
    "admin.plans",
    "plan text preview",
    async ({ viewer }) => ({ status: "preview", preview: await previewPlanText(viewer, fieldsOf(input) as typeof input) }),
    importRefusal,
  );
}

export async function commitPlanTextAction(input: {
  text: string;
  department: DepartmentChoice;
  corrections: { items: Record<string, ItemRow>; themes: Record<string, ThemeRow>; skipRecord: boolean };
}): Promise<ImportResult> {
  return authedAction<ImportResult, ImportResult>(
    "admin.plans",
    "plan text import",
    async ({ viewer, ip }) => {
      const result = await commitPlanText(viewer, fieldsOf(input) as typeof input, { ip });
      revalidatePath("/admin/plans");
      revalidatePath("/admin/departments");
      return { status: "committed", planId: result.planId, year: result.year, departmentCode: result.departmentCode };
    },
    importRefusal,
  );
}

/** When the weekly digest goes out, for the whole installation (Beijing time). */
export async function updateDigestScheduleAction(input: { digestWeekday: string; digestHour: string }) {
  return run("admin.plans", async (viewer, context) => updateAppSettings(viewer, fieldsOf(input), context), ["/admin/plans"]);
}
