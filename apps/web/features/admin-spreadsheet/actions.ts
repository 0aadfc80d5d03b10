"use server";

import { importPlanSpreadsheet, type ImportedPlan } from "@workplan/core/operations/import-plan-spreadsheet";
import { MAX_SPREADSHEET_BYTES, type SpreadsheetError } from "@workplan/core/rules/plan-spreadsheet";
import { revalidatePath } from "next/cache";
import { formOf } from "@/lib/action-args";
import { authedAction } from "@/lib/authed-action";

export type ImportState =
  | { status: "imported"; plans: ImportedPlan[]; counts: { plans: number; themes: number; initiatives: number; cooperations: number } }
  | { status: "invalid"; errors: SpreadsheetError[] }
  | { status: "signed-out" }
  | { status: "not-found" }
  | { status: "error" };

const fileProblem = (key: string, params?: SpreadsheetError["params"]): ImportState => ({
  status: "invalid",
  errors: [params ? { row: null, column: null, key, params } : { row: null, column: null, key }],
});

/** Check an uploaded plan workbook and import it when every row is valid (admins only). */
export async function importPlanAction(formData: FormData): Promise<ImportState> {
  return authedAction<ImportState, ImportState>(
    "admin.plans",
    "importing a plan spreadsheet",
    async ({ viewer, ip }) => {
      const file = formOf(formData).get("file");
      if (typeof file !== "object" || file === null || !("arrayBuffer" in file) || file.size === 0) return fileProblem("file.empty");
      // Refused before it is read into memory.
      if (file.size > MAX_SPREADSHEET_BYTES) return fileProblem("file.tooLarge", { max: 5 });
      const result = await importPlanSpreadsheet(viewer, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, { ip });
      if (!result.ok) return { status: "invalid", errors: result.errors };
      revalidatePath("/plan");
      return { status: "imported", plans: result.plans, counts: result.counts };
    },
    // Not an admin: the page does not exist for them, and neither does this.
    () => ({ status: "not-found" }),
  );
}
