import "server-only";
import { type SpreadsheetError } from "../../rules/plan-spreadsheet";

/** What the parts of an upload may unpack to: a 5 MB file of text is far below; a zip bomb is not. */
export const MAX_UNPACKED_BYTES = 100 * 1024 * 1024;
export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const TEMPLATE_FILE_NAME = "年度工作计划导入模板.xlsx";
export const DATA_SHEET = "计划 Plan";
export const INSTRUCTIONS_SHEET = "说明 Instructions";
export const DEPARTMENTS_SHEET = "部门代码 Departments";

export type SpreadsheetFile = { name: string; bytes: Uint8Array };

export interface ImportedPlan {
  id: string;
  departmentCode: string;
  department: { code: string; nameZhHans: string; nameZhHant: string; nameEn: string };
  year: number;
  themes: number;
  initiatives: number;
}

export type ImportSpreadsheetResult =
  | { ok: true; plans: ImportedPlan[]; counts: { plans: number; themes: number; initiatives: number; cooperations: number } }
  | { ok: false; errors: SpreadsheetError[] };

export const fileError = (key: string, params?: SpreadsheetError["params"]): { ok: false; errors: SpreadsheetError[] } => ({
  ok: false,
  errors: [params ? { row: null, column: null, key, params } : { row: null, column: null, key }],
});
