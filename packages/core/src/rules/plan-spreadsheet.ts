// A whole year's plan typed into a spreadsheet (one row per initiative): the template's columns,
// the header check, and the check of every row and every cell. Pure: no I/O, usable in the browser.
//
// Examples live on the template's instruction sheet, never among the data rows, so every non-empty
// row of the data sheet is a real row: nothing is skipped silently.

import { isoDay } from "./dates";

export const PLAN_COLUMNS = [
  { key: "departmentCode", zh: "部门代码", zhHant: "部門代碼", en: "Department code", hint: "", width: 14 },
  { key: "year", zh: "年度", zhHant: "年度", en: "Year", hint: "", width: 10 },
  { key: "themeNo", zh: "主题序号", zhHant: "主題序號", en: "Theme no.", hint: "", width: 11 },
  { key: "theme", zh: "主题", zhHant: "主題", en: "Theme", hint: "", width: 30 },
  { key: "itemNo", zh: "序号", zhHant: "序號", en: "No.", hint: "", width: 8 },
  { key: "title", zh: "简称", zhHant: "簡稱", en: "Short title", hint: "", width: 28 },
  { key: "originalText", zh: "原文", zhHant: "原文", en: "Original wording", hint: "", width: 60 },
  { key: "target", zh: "目标值", zhHant: "目標值", en: "Target", hint: "", width: 10 },
  { key: "unit", zh: "单位", zhHant: "單位", en: "Unit", hint: "", width: 8 },
  { key: "approximate", zh: "约数", zhHant: "約數", en: "Approximate", hint: "是/否", width: 14 },
  { key: "dueDate", zh: "截止日期", zhHant: "截止日期", en: "Due date", hint: "YYYY-MM-DD", width: 16 },
  {
    key: "cooperating",
    zh: "协办司局",
    zhHant: "協辦司局",
    en: "Co-operating departments",
    hint: "codes, comma-separated",
    width: 24,
  },
] as const;

export type PlanColumnKey = (typeof PLAN_COLUMNS)[number]["key"];
export const PLAN_COLUMN_KEYS: readonly PlanColumnKey[] = PLAN_COLUMNS.map((c) => c.key);

/** The header cell as the template writes it, e.g. `约数 Approximate (是/否)`. */
export function columnHeader(column: (typeof PLAN_COLUMNS)[number]): string {
  return `${column.zh} ${column.en}${column.hint ? ` (${column.hint})` : ""}`;
}

export const PLAN_HEADERS: readonly string[] = PLAN_COLUMNS.map(columnHeader);

/** The largest upload accepted. */
export const MAX_SPREADSHEET_BYTES = 5 * 1024 * 1024;

/** Data rows a file may hold (the header not counted). */
export const MAX_PLAN_ROWS = 2000;

export const LIMITS = {
  departmentCode: 20,
  theme: 200,
  title: 200,
  originalText: 5000,
  unit: 20,
  ordinal: 999,
  /** Decimal(14, 2): below 10^12 */
  target: 1e12,
} as const;

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export interface SpreadsheetError {
  /** Row number as the spreadsheet shows it (the header is row 1); null for the whole file */
  row: number | null;
  /** The column concerned; null for a whole row or the whole file */
  column: PlanColumnKey | null;
  /** Message key, translated by the interface, e.g. `department.unknown` */
  key: string;
  /** Values the message names (a code, a row, a limit) */
  params?: Record<string, string | number>;
  /** Where it is in the file, e.g. K5 (added by the reader, which knows the columns' places) */
  cell?: string;
}

export interface SheetRow {
  /** Row number as the spreadsheet shows it */
  row: number;
  cells: Partial<Record<PlanColumnKey, string | null>>;
}

export interface ValidInitiative {
  row: number;
  themeOrdinal: number | null;
  ordinal: number;
  title: string;
  originalText: string;
  target: { value: number; unit: string; approximate: boolean } | null;
  /** YYYY-MM-DD */
  dueDate: string;
  cooperatingCodes: string[];
}

export interface ValidPlan {
  departmentCode: string;
  year: number;
  /** The first row of the plan in the sheet */
  row: number;
  themes: { ordinal: number; title: string }[];
  initiatives: ValidInitiative[];
}

export type ValidationResult = { ok: true; plans: ValidPlan[] } | { ok: false; errors: SpreadsheetError[] };

// ---------------------------------------------------------------------------------------------
// The header row

/** Full-width to half-width, lower case, no spaces, no hint in brackets. */
function headerKey(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/\([^)]*\)/gu, "")
    .replace(/\s+/gu, "");
}

const HEADER_ALIASES = new Map<string, PlanColumnKey>();
for (const column of PLAN_COLUMNS) {
  for (const text of [columnHeader(column), `${column.zh} ${column.en}`, `${column.zhHant} ${column.en}`, column.zh, column.zhHant, column.en]) {
    HEADER_ALIASES.set(headerKey(text), column.key);
  }
}

export type HeaderResult =
  | { ok: true; columns: Record<PlanColumnKey, number> }
  | { ok: false; errors: SpreadsheetError[] };

/**
 * Find the columns in the header row (cells by position, from 0). The order is free; every column
 * of the template must be there once, and nothing else: a misspelt header would otherwise lose a
 * whole column without a word. A header in Chinese only, in English only, or in Traditional
 * characters is recognised too.
 */
export function matchHeader(cells: readonly (string | null | undefined)[], headerRow = 1): HeaderResult {
  const found = new Map<PlanColumnKey, number>();
  const errors: SpreadsheetError[] = [];
  let recognised = 0;
  cells.forEach((cell, index) => {
    const text = (cell ?? "").trim();
    if (text === "") return;
    const key = HEADER_ALIASES.get(headerKey(text));
    if (key === undefined) {
      errors.push({ row: headerRow, column: null, key: "header.unknown", params: { text: text.slice(0, 60), cell: columnLetter(index) } });
      return;
    }
    recognised += 1;
    if (found.has(key)) {
      errors.push({ row: headerRow, column: key, key: "header.duplicate", params: { cell: columnLetter(index) } });
      return;
    }
    found.set(key, index);
  });
  // Fewer than half the columns recognised: this is not the template's header row at all (data in
  // row 1, another file), and one clear message beats a dozen.
  if (recognised * 2 < PLAN_COLUMNS.length) return { ok: false, errors: [{ row: headerRow, column: null, key: "header.notFound" }] };
  for (const key of PLAN_COLUMN_KEYS) {
    if (!found.has(key)) errors.push({ row: headerRow, column: key, key: "header.missing" });
  }
  if (errors.length > 0) return { ok: false, errors };
  const columns = Object.fromEntries(found) as Record<PlanColumnKey, number>;
  return { ok: true, columns };
}

/** A, B, …, Z, AA, … for a column position from 0. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

// ---------------------------------------------------------------------------------------------
// Cells

function clean(value: string | null | undefined): string {
  return (value ?? "").replace(/\u00a0/gu, " ").trim();
}

/** Digits typed full-width or with thousands separators are still numbers. */
function numeric(text: string): string {
  return text.normalize("NFKC").replace(/[,\s]/gu, "");
}

function parseOrdinal(text: string): number | null {
  const t = numeric(text).replace(/\.0+$/u, "");
  if (!/^\d{1,3}$/u.test(t)) return null;
  const n = Number(t);
  return n >= 1 && n <= LIMITS.ordinal ? n : null;
}

/** 2031, "2031", "2031年" */
export function parseYear(text: string): number | null {
  const t = numeric(text).replace(/年$/u, "").replace(/\.0+$/u, "");
  return /^\d{4}$/u.test(t) ? Number(t) : null;
}

const YES = new Set(["是", "y", "yes", "true", "1", "约", "約", "√"]);
const NO = new Set(["否", "n", "no", "false", "0", "×"]);

export function parseYesNo(text: string): boolean | null {
  const t = text.normalize("NFKC").trim().toLowerCase();
  if (t === "") return false;
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  return null;
}

/** Days from 1899-12-30 (Excel's day 0) to 1970-01-01. */
const EXCEL_EPOCH_OFFSET = 25569;

function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  // 2031-02-30 rolls over to March: not a real date.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return isoDay(date);
}

/**
 * A real calendar date as YYYY-MM-DD: 2031-06-30, 2031/6/30, 2031.6.30, 2031年6月30日, or an Excel
 * day number (47299) from a cell formatted as a number. Null when it is none of these.
 */
export function parseDate(text: string): string | null {
  const t = text.normalize("NFKC").trim();
  const parts = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/u.exec(t);
  if (parts) return isoDate(Number(parts[1]), Number(parts[2]), Number(parts[3]));
  // An ISO timestamp at midnight, as some tools write a date cell.
  const stamp = /^(\d{4})-(\d{2})-(\d{2})T00:00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00)?$/u.exec(t);
  if (stamp) return isoDate(Number(stamp[1]), Number(stamp[2]), Number(stamp[3]));
  if (/^\d{5}(?:\.0+)?$/u.test(t)) {
    const days = Math.trunc(Number(t)) - EXCEL_EPOCH_OFFSET;
    return isoDay(new Date(days * 86_400_000));
  }
  return null;
}

/** A quantity for Decimal(14, 2): not negative, at most two decimals. */
export function parseTargetValue(text: string): number | null {
  const t = numeric(text);
  if (!/^\d+(?:\.\d{1,2})?$/u.test(t)) {
    // A computed cell may carry floating-point noise (0.1 + 0.2); accept it when it rounds cleanly.
    if (!/^\d+\.\d+$/u.test(t)) return null;
    const n = Number(t);
    const rounded = Math.round(n * 100) / 100;
    if (Math.abs(n - rounded) > 1e-9) return null;
    return rounded < LIMITS.target ? rounded : null;
  }
  const n = Number(t);
  return Number.isFinite(n) && n < LIMITS.target ? n : null;
}

/** KJS, CYZCS: separated by commas (, ，), 、, semicolons or spaces. */
export function splitCodes(text: string): string[] {
  return text
    .normalize("NFKC")
    .split(/[,、;\s]+/u)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
}

// ---------------------------------------------------------------------------------------------
// Rows

export interface ValidationContext {
  /** Codes of the departments that exist and are not archived */
  departmentCodes: readonly string[];
  /** Plans already in the database */
  existingPlans: readonly { departmentCode: string; year: number }[];
}

function isEmptyRow(row: SheetRow): boolean {
  return PLAN_COLUMN_KEYS.every((key) => clean(row.cells[key]) === "");
}

/** Only the rows that hold something (a row of blanks between rows is not an error). */
export function nonEmptyRows(rows: readonly SheetRow[]): SheetRow[] {
  return rows.filter((row) => !isEmptyRow(row));
}

const COLUMN_ORDER = new Map(PLAN_COLUMN_KEYS.map((key, index) => [key, index]));

function byPosition(a: SpreadsheetError, b: SpreadsheetError): number {
  return (
    (a.row ?? 0) - (b.row ?? 0) ||
    (a.column === null ? -1 : (COLUMN_ORDER.get(a.column) ?? 0)) - (b.column === null ? -1 : (COLUMN_ORDER.get(b.column) ?? 0))
  );
}

interface PlanDraft {
  departmentCode: string;
  year: number;
  row: number;
  /** theme ordinal → its title and the row that first gave it */
  themes: Map<number, { title: string; row: number }>;
  /** theme title → the ordinal first given to it */
  themeTitles: Map<string, { ordinal: number; row: number }>;
  /** "theme ordinal/item ordinal" → the row that first used it */
  items: Map<string, number>;
  initiatives: ValidInitiative[];
}

/**
 * Check every row and every cell; the plans they make when all is well, else every error found
 * (with its row and column), in sheet order. Empty rows are skipped; rows of one department and
 * year make one plan, whatever their order.
 */
export function validatePlanRows(rows: readonly SheetRow[], context: ValidationContext): ValidationResult {
  const departments = new Set(context.departmentCodes.map((c) => c.toUpperCase()));
  const existing = new Set(context.existingPlans.map((p) => `${p.departmentCode.toUpperCase()}/${p.year}`));
  const errors: SpreadsheetError[] = [];
  const plans = new Map<string, PlanDraft>();
  const data = nonEmptyRows(rows);

  if (data.length === 0) return { ok: false, errors: [{ row: null, column: null, key: "rows.none" }] };
  if (data.length > MAX_PLAN_ROWS) {
    return { ok: false, errors: [{ row: null, column: null, key: "rows.tooMany", params: { max: MAX_PLAN_ROWS, count: data.length } }] };
  }

  for (const sheetRow of data) {
    const { row } = sheetRow;
    const fail = (column: PlanColumnKey, key: string, params?: SpreadsheetError["params"]) => {
      errors.push(params ? { row, column, key, params } : { row, column, key });
    };
    const cell = (key: PlanColumnKey) => clean(sheetRow.cells[key]);
    const text = (key: "theme" | "title" | "originalText" | "unit", max: number, required: boolean): string | null => {
      const value = cell(key);
      if (value === "") {
        if (required) fail(key, "required");
        return null;
      }
      if (value.length > max) {
        fail(key, "text.tooLong", { max });
        return null;
      }
      return value;
    };

    // Department and year: which plan the row belongs to.
    const codeText = cell("departmentCode").normalize("NFKC").toUpperCase();
    let departmentCode: string | null = null;
    if (codeText === "") fail("departmentCode", "required");
    else if (!departments.has(codeText)) fail("departmentCode", "department.unknown", { code: codeText.slice(0, LIMITS.departmentCode) });
    else departmentCode = codeText;

    const yearText = cell("year");
    let year: number | null = null;
    if (yearText === "") fail("year", "required");
    else {
      const parsed = parseYear(yearText);
      if (parsed === null) fail("year", "year.invalid");
      else if (parsed < MIN_YEAR || parsed > MAX_YEAR) fail("year", "year.range", { min: MIN_YEAR, max: MAX_YEAR });
      else year = parsed;
    }

    // Theme: both its number and its title, or neither.
    const themeNoText = cell("themeNo");
    const themeTitle = text("theme", LIMITS.theme, false);
    let themeOrdinal: number | null = null;
    let themeOk = true;
    if (themeNoText !== "") {
      themeOrdinal = parseOrdinal(themeNoText);
      if (themeOrdinal === null) {
        fail("themeNo", "ordinal.invalid", { max: LIMITS.ordinal });
        themeOk = false;
      } else if (themeTitle === null && cell("theme") === "") {
        fail("theme", "theme.titleRequired");
        themeOk = false;
      }
    } else if (cell("theme") !== "") {
      fail("themeNo", "theme.numberRequired");
      themeOk = false;
    }
    if (cell("theme") !== "" && themeTitle === null) themeOk = false;

    const itemNoText = cell("itemNo");
    let ordinal: number | null = null;
    if (itemNoText === "") fail("itemNo", "required");
    else {
      ordinal = parseOrdinal(itemNoText);
      if (ordinal === null) fail("itemNo", "ordinal.invalid", { max: LIMITS.ordinal });
    }

    const title = text("title", LIMITS.title, true);
    const originalText = text("originalText", LIMITS.originalText, true);

    // Target: a number and its unit together; "approximate" only with a number.
    const targetText = cell("target");
    const unit = text("unit", LIMITS.unit, false);
    let targetValue: number | null = null;
    let targetOk = true;
    if (targetText !== "") {
      targetValue = parseTargetValue(targetText);
      if (targetValue === null) {
        fail("target", "target.invalid");
        targetOk = false;
      } else if (unit === null && cell("unit") === "") {
        fail("unit", "unit.required");
        targetOk = false;
      }
    } else if (cell("unit") !== "") {
      fail("target", "target.required");
      targetOk = false;
    }
    const approximate = parseYesNo(cell("approximate"));
    if (approximate === null) fail("approximate", "approximate.invalid");
    else if (approximate && targetText === "") fail("approximate", "approximate.withoutTarget");

    // Due date: a real date, not before the plan's year; the year's end when left empty.
    const dueText = cell("dueDate");
    let dueDate: string | null = null;
    if (dueText === "") {
      if (year !== null) dueDate = `${year}-12-31`;
    } else {
      const parsed = parseDate(dueText);
      if (parsed === null) fail("dueDate", "dueDate.invalid");
      else if (Number(parsed.slice(0, 4)) > MAX_YEAR) fail("dueDate", "dueDate.tooLate", { max: MAX_YEAR });
      else if (year !== null && Number(parsed.slice(0, 4)) < year) fail("dueDate", "dueDate.beforeYear", { year });
      else dueDate = parsed;
    }

    // Co-operating departments: known, and not the lead itself.
    const cooperatingCodes: string[] = [];
    for (const code of splitCodes(cell("cooperating"))) {
      if (!departments.has(code)) fail("cooperating", "cooperating.unknown", { code: code.slice(0, LIMITS.departmentCode) });
      else if (code === departmentCode) fail("cooperating", "cooperating.lead", { code });
      else if (!cooperatingCodes.includes(code)) cooperatingCodes.push(code);
    }

    if (departmentCode === null || year === null) continue;
    const planKey = `${departmentCode}/${year}`;
    let plan = plans.get(planKey);
    if (!plan) {
      plan = { departmentCode, year, row, themes: new Map(), themeTitles: new Map(), items: new Map(), initiatives: [] };
      plans.set(planKey, plan);
      if (existing.has(planKey)) fail("year", "plan.exists", { code: departmentCode, year });
    }

    // One number, one title, within a plan.
    if (themeOk && themeOrdinal !== null && themeTitle !== null) {
      const byNumber = plan.themes.get(themeOrdinal);
      const byTitle = plan.themeTitles.get(themeTitle);
      if (byNumber && byNumber.title !== themeTitle) {
        fail("theme", "theme.inconsistent", { no: themeOrdinal, firstRow: byNumber.row });
        themeOk = false;
      } else if (byTitle && byTitle.ordinal !== themeOrdinal) {
        fail("themeNo", "theme.duplicateTitle", { no: byTitle.ordinal, firstRow: byTitle.row });
        themeOk = false;
      } else if (!byNumber) {
        plan.themes.set(themeOrdinal, { title: themeTitle, row });
        plan.themeTitles.set(themeTitle, { ordinal: themeOrdinal, row });
      }
    }

    if (ordinal !== null && themeOk) {
      const itemKey = `${themeOrdinal ?? "-"}/${ordinal}`;
      const first = plan.items.get(itemKey);
      if (first !== undefined) fail("itemNo", "item.duplicate", { no: ordinal, firstRow: first });
      else plan.items.set(itemKey, row);
    }

    if (ordinal !== null && themeOk && title !== null && originalText !== null && targetOk && approximate !== null && dueDate !== null) {
      plan.initiatives.push({
        row,
        themeOrdinal,
        ordinal,
        title,
        originalText,
        target: targetValue === null || unit === null ? null : { value: targetValue, unit, approximate },
        dueDate,
        cooperatingCodes,
      });
    }
  }

  if (errors.length > 0) return { ok: false, errors: errors.sort(byPosition) };
  return {
    ok: true,
    plans: [...plans.values()].map((p) => ({
      departmentCode: p.departmentCode,
      year: p.year,
      row: p.row,
      themes: [...p.themes.entries()].map(([ordinal, t]) => ({ ordinal, title: t.title })).sort((a, b) => a.ordinal - b.ordinal),
      initiatives: p.initiatives,
    })),
  };
}
