import "server-only";
import ExcelJS from "exceljs";
import { sniffFileType } from "../../rules/evidence";
import { matchHeader, MAX_PLAN_ROWS, MAX_SPREADSHEET_BYTES, nonEmptyRows, PLAN_COLUMN_KEYS, type PlanColumnKey, type SheetRow, type SpreadsheetError } from "../../rules/plan-spreadsheet";
import { DATA_SHEET, DEPARTMENTS_SHEET, INSTRUCTIONS_SHEET, MAX_UNPACKED_BYTES, XLSX_MIME, fileError } from "./model";
import { isoDay } from "../../rules/dates";

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
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : isoDay(value);
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
