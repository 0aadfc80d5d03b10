// The lists as files: the columns of /initiatives and /updates in the reader's language, rows as
// CSV lines (UTF-8 with a byte-order mark) or streamed into an Excel sheet (exceljs' streaming
// writer: rows are committed as they come, so the workbook never holds the whole list).

import { once } from "node:events";
import { PassThrough, type Readable } from "node:stream";
import ExcelJS from "exceljs";
import { csvRow, UTF8_BOM } from "../rules/csv";
import { beijingDateTime, isoDay } from "../rules/dates";
import type { ApiInitiative } from "../operations/list-initiatives";
import type { UpdateListItem } from "../operations/list-updates";
import { departmentName, MONTHLY_LABELS, type DocumentLocale } from "./labels";

type Cell = string | number | Date | null;

interface ListColumn<T> {
  header: Record<DocumentLocale, string>;
  width: number;
  numFmt?: string;
  wrap?: boolean;
  value: (row: T, locale: DocumentLocale) => Cell;
}

const day = (iso: string) => new Date(`${iso.slice(0, 10)}T00:00:00Z`);
const health = (h: string | null, locale: DocumentLocale) => MONTHLY_LABELS[locale].healthNames[(h ?? "NONE") as keyof (typeof MONTHLY_LABELS)["en"]["healthNames"]];
const STATUS: Record<DocumentLocale, Record<string, string>> = {
  "zh-Hans": { SUBMITTED: "待审核", APPROVED: "已通过", RETURNED: "已退回" },
  "zh-Hant": { SUBMITTED: "待審核", APPROVED: "已通過", RETURNED: "已退回" },
  en: { SUBMITTED: "Awaiting review", APPROVED: "Approved", RETURNED: "Returned" },
};

export const INITIATIVE_COLUMNS: ListColumn<ApiInitiative>[] = [
  { header: { "zh-Hans": "编号", "zh-Hant": "編號", en: "Code" }, width: 16, value: (r) => r.code },
  { header: { "zh-Hans": "牵头司局", "zh-Hant": "牽頭司局", en: "Lead department" }, width: 14, value: (r, l) => departmentName(r.department, l) },
  { header: { "zh-Hans": "主题", "zh-Hant": "主題", en: "Theme" }, width: 30, wrap: true, value: (r) => r.theme?.title ?? null },
  { header: { "zh-Hans": "任务", "zh-Hant": "任務", en: "Title" }, width: 30, wrap: true, value: (r) => r.title },
  { header: { "zh-Hans": "原文", "zh-Hant": "原文", en: "Original wording" }, width: 60, wrap: true, value: (r) => r.originalText },
  { header: { "zh-Hans": "目标值", "zh-Hant": "目標值", en: "Target" }, width: 10, value: (r) => r.target?.value ?? null },
  { header: { "zh-Hans": "单位", "zh-Hant": "單位", en: "Unit" }, width: 8, value: (r) => r.target?.unit ?? null },
  { header: { "zh-Hans": "实际完成", "zh-Hant": "實際完成", en: "Measured" }, width: 10, value: (r) => r.measuredValue },
  { header: { "zh-Hans": "进度", "zh-Hant": "進度", en: "Progress" }, width: 8, numFmt: "0%", value: (r) => r.progress / 100 },
  { header: { "zh-Hans": "状态", "zh-Hant": "狀態", en: "Health" }, width: 12, value: (r, l) => health(r.health, l) },
  { header: { "zh-Hans": "完成时限", "zh-Hant": "完成時限", en: "Due" }, width: 12, numFmt: "yyyy-mm-dd", value: (r) => day(r.dueDate) },
  { header: { "zh-Hans": "最近报告", "zh-Hant": "最近報告", en: "Last report" }, width: 18, numFmt: "yyyy-mm-dd hh:mm", value: (r) => (r.lastUpdateAt ? beijingWall(r.lastUpdateAt) : null) },
];

export const UPDATE_COLUMNS: ListColumn<UpdateListItem>[] = [
  { header: { "zh-Hans": "报告期", "zh-Hant": "報告期", en: "Period" }, width: 10, value: (r) => r.period },
  { header: { "zh-Hans": "任务编号", "zh-Hant": "任務編號", en: "Initiative" }, width: 16, value: (r) => r.initiative.code },
  { header: { "zh-Hans": "任务", "zh-Hant": "任務", en: "Title" }, width: 30, wrap: true, value: (r) => r.initiative.title },
  { header: { "zh-Hans": "报送司局", "zh-Hant": "報送司局", en: "Reporting department" }, width: 14, value: (r, l) => departmentName(r.department, l) },
  { header: { "zh-Hans": "报送人", "zh-Hant": "報送人", en: "Reported by" }, width: 12, value: (r) => r.author.name },
  { header: { "zh-Hans": "进度", "zh-Hant": "進度", en: "Progress" }, width: 8, numFmt: "0%", value: (r) => r.progress / 100 },
  { header: { "zh-Hans": "状态", "zh-Hant": "狀態", en: "Health" }, width: 12, value: (r, l) => health(r.health, l) },
  { header: { "zh-Hans": "审核", "zh-Hant": "審核", en: "Review" }, width: 10, value: (r, l) => STATUS[l][r.status] ?? r.status },
  { header: { "zh-Hans": "本月工作", "zh-Hant": "本月工作", en: "Work done" }, width: 50, wrap: true, value: (r) => r.workDone },
  { header: { "zh-Hans": "存在问题", "zh-Hant": "存在問題", en: "Problems" }, width: 36, wrap: true, value: (r) => r.problems },
  { header: { "zh-Hans": "下一步计划", "zh-Hant": "下一步計劃", en: "Next steps" }, width: 36, wrap: true, value: (r) => r.nextSteps },
  { header: { "zh-Hans": "报送时间", "zh-Hant": "報送時間", en: "Filed" }, width: 18, numFmt: "yyyy-mm-dd hh:mm", value: (r) => beijingWall(r.createdAt) },
];

/** An instant as Beijing wall-clock time for a spreadsheet (which has no time zones). */
function beijingWall(at: Date | string): Date {
  return new Date(`${beijingDateTime(new Date(at)).replace(" ", "T")}Z`);
}

function csvValue(cell: Cell, numFmt: string | undefined): string | number | null {
  // The cells hold Beijing wall-clock time already (beijingWall): written as they read.
  if (cell instanceof Date) return numFmt === "yyyy-mm-dd" ? isoDay(cell) : `${isoDay(cell)} ${cell.toISOString().slice(11, 16)}`;
  if (typeof cell === "number" && numFmt === "0%") return Math.round(cell * 100);
  return cell;
}

/** The list as CSV text, a chunk per page of rows (the first chunk carries the BOM and the header). */
export async function* listCsv<T>(columns: readonly ListColumn<T>[], batches: AsyncIterable<T[]>, locale: DocumentLocale): AsyncGenerator<string> {
  yield UTF8_BOM + csvRow(columns.map((c) => c.header[locale]));
  for await (const batch of batches) {
    yield batch.map((row) => csvRow(columns.map((c) => csvValue(c.value(row, locale), c.numFmt)))).join("");
  }
}

/** The list as an Excel workbook streamed out as it is written: one sheet, header frozen, filters on. */
export function listXlsx<T>(columns: readonly ListColumn<T>[], batches: AsyncIterable<T[]>, locale: DocumentLocale, sheetName: string): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({
    key: String(i),
    width: c.width,
    style: { ...(c.numFmt ? { numFmt: c.numFmt } : {}), alignment: { vertical: "top", wrapText: c.wrap === true } },
  }));
  void (async () => {
    try {
      const header = sheet.addRow(columns.map((c) => c.header[locale]));
      header.font = { bold: true };
      header.commit();
      for await (const batch of batches) {
        for (const row of batch) sheet.addRow(columns.map((c) => c.value(row, locale))).commit();
        // Back-pressure: the next page is read only once the client has taken most of this one.
        if (out.writableNeedDrain) await once(out, "drain");
      }
      sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      out.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  })();
  return out;
}
