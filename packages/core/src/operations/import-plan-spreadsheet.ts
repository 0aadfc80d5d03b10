import "server-only";
import { prisma, Prisma } from "@workplan/db";
import ExcelJS from "exceljs";
import { sniffFileType } from "../rules/evidence";
import {
  columnHeader,
  columnLetter,
  matchHeader,
  MAX_PLAN_ROWS,
  MAX_SPREADSHEET_BYTES,
  nonEmptyRows,
  PLAN_COLUMN_KEYS,
  PLAN_COLUMNS,
  PLAN_HEADERS,
  validatePlanRows,
  type PlanColumnKey,
  type SheetRow,
  type SpreadsheetError,
  type ValidPlan,
} from "../rules/plan-spreadsheet";
import { can, type Viewer } from "../rules/policy";
import { recordAudit } from "./audit";
import { DomainError } from "./errors";
import { initiativeCode } from "./import-work-report";
import { refreshRollups } from "./refresh-rollups";
import { initiativeSearchText } from "../infra/search-text";

/** What the parts of an upload may unpack to: a 5 MB file of text is far below; a zip bomb is not. */
const MAX_UNPACKED_BYTES = 100 * 1024 * 1024;
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

const fileError = (key: string, params?: SpreadsheetError["params"]): { ok: false; errors: SpreadsheetError[] } => ({
  ok: false,
  errors: [params ? { row: null, column: null, key, params } : { row: null, column: null, key }],
});

// ---------------------------------------------------------------------------------------------
// Reading

/** The declared unpacked size of a zip's entries (central directory), or null when it is no zip. */
function unpackedBytes(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === 0x06054b50) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return null;
    total += view.getUint32(at + 24, true);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return total;
}

/** What a cell shows, as text: dates as YYYY-MM-DD, numbers as typed, formulas by their result. */
export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "是" : "否";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10);
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("error" in value) return String(value.error);
  if ("formula" in value || "sharedFormula" in value) return cellText(value.result);
  if ("hyperlink" in value) {
    const text: unknown = value.text;
    if (typeof text === "string") return text;
    if (text && typeof text === "object" && "richText" in text && Array.isArray(text.richText)) {
      return (text.richText as { text: string }[]).map((part) => part.text).join("");
    }
    return "";
  }
  return "";
}

function headerCells(sheet: ExcelJS.Worksheet): string[] {
  const cells: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: false }, (cell, column) => {
    cells[column - 1] = cellText(cell.value);
  });
  return Array.from(cells, (c) => c ?? "");
}

/**
 * Read an uploaded workbook into rows of cell texts: the sheet whose first row is the template's
 * header (the "计划 Plan" sheet, or the first one that has it), columns found by their header, empty
 * rows left out. Anything wrong with the file itself comes back as errors of the whole file.
 */
export async function readPlanWorkbook(
  bytes: Uint8Array,
): Promise<{ ok: true; rows: SheetRow[]; columns: Record<PlanColumnKey, number> } | { ok: false; errors: SpreadsheetError[] }> {
  if (bytes.length === 0) return fileError("file.empty");
  if (bytes.length > MAX_SPREADSHEET_BYTES) return fileError("file.tooLarge", { max: 5 });
  const type = sniffFileType(bytes);
  if (type === "application/x-ole-storage") return fileError("file.legacyXls");
  if (type !== XLSX_MIME) return fileError("file.notXlsx");
  const unpacked = unpackedBytes(bytes);
  if (unpacked === null) return fileError("file.unreadable");
  if (unpacked > MAX_UNPACKED_BYTES) return fileError("file.tooLarge", { max: 5 });

  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own Buffer type (an ArrayBuffer); Node's Buffer is what it reads.
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    return fileError("file.unreadable");
  }
  // The Plan sheet when there is one; else the first other sheet with the header. The instruction
  // sheet (where the examples are) and the department list are never read.
  const readable = workbook.worksheets.filter((s) => s.name !== INSTRUCTIONS_SHEET && s.name !== DEPARTMENTS_SHEET);
  const named = readable.find((s) => s.name === DATA_SHEET);
  const candidates = named ? [named] : readable.filter((s) => s.state === "visible");
  const first = candidates[0];
  if (!first) return fileError("file.noSheet");

  let found: { sheet: ExcelJS.Worksheet; columns: Record<PlanColumnKey, number> } | null = null;
  for (const sheet of candidates) {
    const header = matchHeader(headerCells(sheet));
    if (header.ok) {
      found = { sheet, columns: header.columns };
      break;
    }
  }
  if (!found) {
    const header = matchHeader(headerCells(first));
    return { ok: false, errors: header.ok ? [{ row: 1, column: null, key: "header.notFound" }] : header.errors };
  }

  const { sheet, columns } = found;
  // Counted before reading a cell: rows of values below the header (formatting alone does not count).
  if (sheet.actualRowCount - 1 > MAX_PLAN_ROWS) return fileError("rows.tooMany", { max: MAX_PLAN_ROWS, count: sheet.actualRowCount - 1 });
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1) return;
    const cells: SheetRow["cells"] = {};
    for (const key of PLAN_COLUMN_KEYS) cells[key] = cellText(row.getCell(columns[key] + 1).value);
    rows.push({ row: number, cells });
  });
  return { ok: true, rows: nonEmptyRows(rows), columns };
}

// ---------------------------------------------------------------------------------------------
// Importing

/** The plan's rows as text, kept as the plan's source document (what it was read from). */
function sourceDocument(fileName: string, plan: ValidPlan, rows: Map<number, SheetRow>): string {
  const lines = [`${fileName}`, PLAN_HEADERS.join("\t")];
  for (const item of plan.initiatives) {
    const row = rows.get(item.row);
    if (row) lines.push(PLAN_COLUMN_KEYS.map((key) => (row.cells[key] ?? "").replace(/[\t\r\n]+/gu, " ")).join("\t"));
  }
  return lines.join("\n");
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Import a whole plan (or several: one per department and year) from an uploaded .xlsx. Every row
 * and cell is checked first; when anything is wrong, every error is returned with its row and column
 * and nothing is written. Otherwise plans, themes, initiatives (coded like KJS-2031-1.2),
 * co-operations and roll-ups are written in one transaction with one audit event. Admins only; to
 * anyone else it does not exist.
 */
export async function importPlanSpreadsheet(
  viewer: Viewer,
  file: SpreadsheetFile,
  context: { ip?: string | null } = {},
): Promise<ImportSpreadsheetResult> {
  // Asked first, from the viewer alone: a non-admin's upload is never even opened.
  if (!can(viewer, "admin.plans")) throw new DomainError("not_found", "not found");
  const fileName = (file.name.split(/[\\/]/u).pop() ?? "").replace(/[\u0000-\u001f\u007f]/gu, "").slice(0, 200) || "plan.xlsx";

  const read = await readPlanWorkbook(file.bytes);
  if (!read.ok) return read;

  const [departments, existingPlans] = await Promise.all([
    prisma.department.findMany({
      where: { archivedAt: null },
      select: { id: true, code: true, nameZhHans: true, nameZhHant: true, nameEn: true },
    }),
    prisma.workPlan.findMany({ select: { year: true, department: { select: { code: true } } } }),
  ]);
  const validation = validatePlanRows(read.rows, {
    departmentCodes: departments.map((d) => d.code),
    existingPlans: existingPlans.map((p) => ({ departmentCode: p.department.code, year: p.year })),
  });
  if (!validation.ok) {
    const { columns } = read;
    return {
      ok: false,
      errors: validation.errors.map((e) => (e.row !== null && e.column !== null ? { ...e, cell: `${columnLetter(columns[e.column])}${e.row}` } : e)),
    };
  }

  const departmentIds = new Map(departments.map((d) => [d.code.toUpperCase(), d]));
  const rowsByNumber = new Map(read.rows.map((r) => [r.row, r]));
  const department = (code: string) => {
    const found = departmentIds.get(code);
    if (!found) throw new Error(`validated department ${code} is missing`);
    return found;
  };

  try {
    return await prisma.$transaction(
      async (tx) => {
        const imported: ImportedPlan[] = [];
        let cooperationCount = 0;
        for (const plan of validation.plans) {
          const lead = department(plan.departmentCode);
          const created = await tx.workPlan.create({
            data: {
              departmentId: lead.id,
              year: plan.year,
              status: "ACTIVE",
              heading: `${plan.year}年工作計劃`,
              preamble: "",
              sourceDocument: sourceDocument(fileName, plan, rowsByNumber),
            },
            select: { id: true },
          });
          const themes = await tx.theme.createManyAndReturn({
            data: plan.themes.map((theme) => ({
              planId: created.id,
              ordinal: theme.ordinal,
              code: `${lead.code}-${plan.year}-${theme.ordinal}`,
              title: theme.title,
              intro: "",
              sourceParagraph: theme.title,
            })),
            select: { id: true, ordinal: true },
          });
          const themeIds = new Map(themes.map((t) => [t.ordinal, t.id]));

          const initiativeIds = new Map<string, string>();
          for (const batch of chunks(plan.initiatives, 500)) {
            const rows = await tx.initiative.createManyAndReturn({
              data: batch.map(
                (item): Prisma.InitiativeCreateManyInput => ({
                  planId: created.id,
                  themeId: item.themeOrdinal === null ? null : (themeIds.get(item.themeOrdinal) ?? null),
                  departmentId: lead.id,
                  ordinal: item.ordinal,
                  code: initiativeCode(lead.code, plan.year, item.themeOrdinal, item.ordinal),
                  title: item.title,
                  originalText: item.originalText,
                  searchText: initiativeSearchText({
                    code: initiativeCode(lead.code, plan.year, item.themeOrdinal, item.ordinal),
                    title: item.title,
                    originalText: item.originalText,
                  }),
                  sourceParagraph: item.originalText,
                  targetValue: item.target ? new Prisma.Decimal(item.target.value) : null,
                  targetUnit: item.target?.unit ?? null,
                  targetApproximate: item.target?.approximate ?? false,
                  dueDate: new Date(`${item.dueDate}T00:00:00Z`),
                }),
              ),
              select: { id: true, code: true },
            });
            for (const r of rows) initiativeIds.set(r.code, r.id);
          }

          const cooperations: Prisma.InitiativeCooperationCreateManyInput[] = [];
          for (const item of plan.initiatives) {
            const initiativeId = initiativeIds.get(initiativeCode(lead.code, plan.year, item.themeOrdinal, item.ordinal));
            if (!initiativeId) throw new Error("an imported initiative is missing");
            for (const code of item.cooperatingCodes) cooperations.push({ initiativeId, departmentId: department(code).id });
          }
          for (const batch of chunks(cooperations, 1000)) await tx.initiativeCooperation.createMany({ data: batch });
          cooperationCount += cooperations.length;

          await refreshRollups(tx, created.id);
          imported.push({
            id: created.id,
            departmentCode: lead.code,
            department: { code: lead.code, nameZhHans: lead.nameZhHans, nameZhHant: lead.nameZhHant, nameEn: lead.nameEn },
            year: plan.year,
            themes: themes.length,
            initiatives: plan.initiatives.length,
          });
        }

        const counts = {
          plans: imported.length,
          themes: imported.reduce((n, p) => n + p.themes, 0),
          initiatives: imported.reduce((n, p) => n + p.initiatives, 0),
          cooperations: cooperationCount,
        };
        await recordAudit(tx, {
          actorId: viewer.id,
          action: "plan.imported_spreadsheet",
          objectType: "WorkPlan",
          objectId: imported.length === 1 ? imported[0]?.id : undefined,
          after: { fileName, ...counts, plans: imported.map((p) => ({ id: p.id, code: p.departmentCode, year: p.year, initiatives: p.initiatives })) },
          ip: context.ip ?? null,
        });
        return { ok: true as const, plans: imported, counts };
      },
      { timeout: 60_000, maxWait: 10_000 },
    );
  } catch (error) {
    // Someone made one of these plans between the check and the write: nothing was written.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return fileError("import.conflict");
    throw error;
  }
}

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
