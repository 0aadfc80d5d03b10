import "server-only";
import { prisma } from "@workplan/db";
import ExcelJS from "exceljs";
import { columnHeader, columnLetter, MAX_PLAN_ROWS, PLAN_COLUMN_KEYS, PLAN_COLUMNS, PLAN_HEADERS, type PlanColumnKey } from "../../rules/plan-spreadsheet";
import { can, type Viewer } from "../../rules/policy";
import { DomainError } from "../errors";
import { DATA_SHEET, DEPARTMENTS_SHEET, INSTRUCTIONS_SHEET, TEMPLATE_FILE_NAME } from "./model";

// ---------------------------------------------------------------------------------------------
// The template

export interface TemplateDepartment {
  code: string;
  nameZhHans: string;
  nameZhHant: string;
  nameEn: string;
}

const COLUMN_HELP: Record<PlanColumnKey, { required: boolean; zh: string; en: string }> = {
  departmentCode: { required: true, zh: "牵头司局的代码，见“部门代码”页，如 KJS。", en: "Code of the lead department (see the Departments sheet), e.g. KJS." },
  year: { required: true, zh: "计划年度，2000–2100。同一司局同一年度的各行组成一份计划；已有的计划不能再导入。", en: "Plan year, 2000–2100. Rows of one department and year make one plan; a plan that exists already cannot be imported again." },
  themeNo: { required: false, zh: "主题的序号（1、2、3…）。与“主题”同填或同空；同一序号的主题名称须一致。", en: "Theme number (1, 2, 3…). Fill in together with Theme, or leave both empty; one number, one title." },
  theme: { required: false, zh: "主题标题，如“著力推进中国制造向中国创造转变”。", en: "Theme heading as written." },
  itemNo: { required: true, zh: "该项工作在主题内（无主题时在计划内）的序号，不能重复。编号由此生成，如 KJS-2031-1.2。", en: "Number of the item within its theme (or within the plan when it has no theme); unique. The code is made from it, e.g. KJS-2031-1.2." },
  title: { required: true, zh: "简短标题，最多 200 字。", en: "Short title, at most 200 characters." },
  originalText: { required: true, zh: "计划原文，按原样填写。", en: "The wording as written in the plan." },
  target: { required: false, zh: "可量化的目标值（数字，最多两位小数）。填写目标值时须填单位。", en: "A quantified target (a number, at most two decimals). A target needs its unit." },
  unit: { required: false, zh: "目标值的单位，如 家、项、%。", en: "Unit of the target, e.g. 家, 项, %." },
  approximate: { required: false, zh: "目标值是否为约数（“左右”“约”）：是 / 否，空为否。", en: "Whether the target is approximate: 是 (yes) / 否 (no); empty means no." },
  dueDate: { required: false, zh: "截止日期，格式 YYYY-MM-DD，不早于计划年度；空则为当年 12 月 31 日。", en: "Due date, YYYY-MM-DD, not before the plan year; empty means 31 December of the plan year." },
  cooperating: { required: false, zh: "协办司局的代码，多个用逗号分隔；不能填牵头司局本身。", en: "Codes of co-operating departments, comma-separated; not the lead department itself." },
};

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDCE6F2" } };
const EXAMPLE_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };

/** A check on a whole range at once (exceljs has it, its types do not declare it). */
function validations(sheet: ExcelJS.Worksheet): { add(range: string, validation: ExcelJS.DataValidation): void } {
  return (sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations;
}

function styleHeader(row: ExcelJS.Row) {
  row.font = { bold: true };
  row.alignment = { vertical: "middle", wrapText: true };
  row.height = 36;
  row.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.border = { bottom: { style: "thin", color: { argb: "FF7F8FA6" } } };
  });
}

/**
 * The template an admin fills: a "计划 Plan" sheet with the header row alone (frozen, column widths,
 * yes/no and year checks, a date format), a "说明 Instructions" sheet in Chinese and English that
 * ends with two example rows, and, when given, the department codes. The examples are on the
 * instruction sheet on purpose: that sheet is never read, and every non-empty row of the Plan sheet
 * is imported, so no example can slip into a plan and no real row is ever skipped as one.
 */
export async function buildPlanTemplate(options: { departments?: readonly TemplateDepartment[]; exampleYear?: number } = {}): Promise<Buffer> {
  const departments = options.departments ?? [];
  const year = options.exampleYear ?? new Date().getUTCFullYear() + 1;
  const lead = departments[0]?.code ?? "KJS";
  const partner = departments.find((d) => d.code !== lead)?.code ?? "CYZCS";

  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Workplan";
  workbook.created = new Date();

  const plan = workbook.addWorksheet(DATA_SHEET, { views: [{ state: "frozen", xSplit: 0, ySplit: 1, topLeftCell: "A2" }] });
  plan.columns = PLAN_COLUMNS.map((c) => ({ header: columnHeader(c), key: c.key, width: c.width }));
  styleHeader(plan.getRow(1));
  const letter = (key: PlanColumnKey) => columnLetter(PLAN_COLUMN_KEYS.indexOf(key));
  const last = MAX_PLAN_ROWS + 1;
  plan.getColumn(PLAN_COLUMN_KEYS.indexOf("dueDate") + 1).numFmt = "yyyy-mm-dd";
  plan.getColumn(PLAN_COLUMN_KEYS.indexOf("originalText") + 1).alignment = { wrapText: true, vertical: "top" };
  validations(plan).add(`${letter("approximate")}2:${letter("approximate")}${last}`, {
    type: "list",
    allowBlank: true,
    formulae: ['"是,否"'],
    showErrorMessage: true,
    errorTitle: "约数 Approximate",
    error: "请填写“是”或“否”。 Enter 是 (yes) or 否 (no).",
  });
  validations(plan).add(`${letter("year")}2:${letter("year")}${last}`, {
    type: "whole",
    operator: "between",
    allowBlank: true,
    formulae: [2000, 2100],
    showErrorMessage: true,
    errorTitle: "年度 Year",
    error: "年度应在 2000 到 2100 之间。 The year is between 2000 and 2100.",
  });

  const help = workbook.addWorksheet(INSTRUCTIONS_SHEET);
  // A–D hold the instructions (merged in pairs); the example table below reuses the Plan widths after D.
  help.columns = [{ width: 34 }, { width: 12 }, { width: 60 }, { width: 60 }, ...PLAN_COLUMNS.slice(4).map((c) => ({ width: c.width }))];
  help.addRow(["年度工作计划导入模板 · Annual work plan import template"]).font = { bold: true, size: 14 };
  help.addRow([]);
  const lines: [string, string][] = [
    ["在“计划 Plan”页填写，每行一项重点工作；第 1 行标题行不要修改。", "Fill in the “计划 Plan” sheet, one initiative per row; do not change the header row (row 1)."],
    ["同一司局、同一年度的各行组成一份计划；一个文件可以包含多份计划。", "Rows of one department and year make one plan; one file may hold several plans."],
    ["上传时逐行逐格检查：只要有一处错误，就列出全部错误（行号和列），什么也不导入。", "Every row and cell is checked on upload: if anything is wrong, every error is listed (row and column) and nothing is imported."],
    [`最多 ${MAX_PLAN_ROWS} 行，文件不超过 5 MB，格式为 .xlsx。空行会被忽略。`, `At most ${MAX_PLAN_ROWS} rows, a file of at most 5 MB, in .xlsx format. Empty rows are ignored.`],
    ["下面的示例仅供参考，不在本页导入；可照样填写到“计划 Plan”页。", "The examples below are for reference only and are not imported from this sheet; copy their pattern into the “计划 Plan” sheet."],
  ];
  for (const [zh, en] of lines) {
    const row = help.addRow([zh, "", en]);
    help.mergeCells(`A${row.number}:B${row.number}`);
    help.mergeCells(`C${row.number}:D${row.number}`);
    row.alignment = { wrapText: true, vertical: "top" };
    row.height = 32;
  }
  help.addRow([]);
  styleHeader(help.addRow(["列 Column", "必填 Required", "说明", "Description"]));
  for (const column of PLAN_COLUMNS) {
    const h = COLUMN_HELP[column.key];
    const row = help.addRow([columnHeader(column), h.required ? "是 Yes" : "否 No", h.zh, h.en]);
    row.alignment = { wrapText: true, vertical: "top" };
  }
  help.addRow([]);
  // The examples: on this sheet, which is never imported, under a label that says so.
  const label = help.addRow(["示例（仅供参考，本页不会导入） Examples (for reference only; this sheet is never imported)"]);
  label.font = { bold: true };
  help.mergeCells(`A${label.number}:D${label.number}`);
  const exampleHeader = help.addRow(PLAN_HEADERS);
  styleHeader(exampleHeader);
  const exampleRows: (string | number | Date)[][] = [
    [lead, year, 1, "著力推进中国制造向中国创造转变", 1, "建设制造业创新中心", "建设3家左右国家制造业创新中心。", 3, "家", "是", new Date(Date.UTC(year, 11, 31)), partner],
    [lead, year, 1, "著力推进中国制造向中国创造转变", 2, "发布重点领域技术路线图", "发布重点领域技术路线图。", "", "", "否", new Date(Date.UTC(year, 5, 30)), ""],
  ];
  for (const values of exampleRows) {
    const row = help.addRow(values);
    row.alignment = { wrapText: true, vertical: "top" };
    row.eachCell((cell) => (cell.fill = EXAMPLE_FILL));
    row.getCell(PLAN_COLUMN_KEYS.indexOf("dueDate") + 1).numFmt = "yyyy-mm-dd";
  }

  if (departments.length > 0) {
    const list = workbook.addWorksheet(DEPARTMENTS_SHEET, { views: [{ state: "frozen", ySplit: 1 }] });
    list.columns = [
      { header: "代码 Code", width: 12 },
      { header: "简体名称", width: 24 },
      { header: "繁體名稱", width: 24 },
      { header: "Name", width: 44 },
    ];
    styleHeader(list.getRow(1));
    for (const d of departments) list.addRow([d.code, d.nameZhHans, d.nameZhHant, d.nameEn]);
  }

  workbook.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: "visible" }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The template with today's department codes; admins only, to anyone else it does not exist. */
export async function planTemplateFor(viewer: Viewer): Promise<{ fileName: string; bytes: Buffer }> {
  if (!can(viewer, "admin.plans")) throw new DomainError("not_found", "not found");
  const departments = await prisma.department.findMany({
    where: { archivedAt: null },
    orderBy: { code: "asc" },
    select: { code: true, nameZhHans: true, nameZhHant: true, nameEn: true },
  });
  return { fileName: TEMPLATE_FILE_NAME, bytes: await buildPlanTemplate({ departments }) };
}
