// The wording of the documents leadership reads (the monthly report in every format), in the three
// interface languages: one table, so that the print view, Word, Excel and CSV say the same. The
// source wording of the plan is never translated: it is quoted as written (Traditional characters),
// with its Simplified rendering beside it in the Simplified interface.

import type { ReportStatus } from "../rules/calendar";
import { toSimplified } from "../rules/chinese";
import type { Health } from "../rules/health";
import type { DepartmentNames } from "../rules/overview";

export const DOCUMENT_LOCALES = ["zh-Hans", "zh-Hant", "en"] as const;
export type DocumentLocale = (typeof DOCUMENT_LOCALES)[number];

export interface MonthlyLabels {
  title: string;
  /** The scope of a report of everything the requester sees. */
  wholeScope: string;
  period: (year: number, month: number) => string;
  scopeLine: string;
  periodLine: string;
  generatedLine: string;
  basisApproved: string;
  basisWithSubmitted: string;
  contents: string;
  summaryHeading: string;
  departmentColumn: string;
  totalRow: string;
  counts: { initiatives: string; onTrack: string; atRisk: string; offTrack: string; done: string; noReport: string; late: string; missing: string; awaitingReview: string };
  noTheme: string;
  code: string;
  originalText: string;
  simplified: string;
  target: string;
  measured: string;
  progress: string;
  health: string;
  dueDate: string;
  extendedFrom: (date: string) => string;
  reportStatus: string;
  workDone: string;
  problems: string;
  nextSteps: string;
  reporter: string;
  noReport: string;
  awaitingReviewMark: string;
  none: string;
  healthNames: Record<Health | "NONE", string>;
  statusNames: Record<ReportStatus, string>;
  page: (n: number, of: number) => string;
  approximately: string;
  empty: string;
  /** The print view's screen-only bar. */
  printButton: string;
  backLink: string;
}

const zhHans: MonthlyLabels = {
  title: "工作进展月报",
  wholeScope: "全部",
  period: (y, m) => `${y}年${m}月`,
  scopeLine: "范围",
  periodLine: "报告期",
  generatedLine: "生成时间",
  basisApproved: "依据：已审核通过的进展报告。",
  basisWithSubmitted: "依据：已审核通过的进展报告，以及待审核的报告（已标明）。",
  contents: "目录",
  summaryHeading: "总体情况",
  departmentColumn: "司局",
  totalRow: "合计",
  counts: { initiatives: "任务数", onTrack: "正常推进", atRisk: "存在风险", offTrack: "严重滞后", done: "已完成", noReport: "尚未报告", late: "逾期报送", missing: "未报送", awaitingReview: "待审核" },
  noTheme: "其他任务",
  code: "编号",
  originalText: "原文",
  simplified: "简体",
  target: "目标",
  measured: "实际完成",
  progress: "进度",
  health: "状态",
  dueDate: "完成时限",
  extendedFrom: (d) => `（延期，原定${d}）`,
  reportStatus: "本月报送",
  workDone: "本月工作",
  problems: "存在问题",
  nextSteps: "下一步计划",
  reporter: "报送人",
  noReport: "本月无进展报告",
  awaitingReviewMark: "（待审核）",
  none: "—",
  healthNames: { ON_TRACK: "正常推进", AT_RISK: "存在风险", OFF_TRACK: "严重滞后", DONE: "已完成", NONE: "尚未报告" },
  statusNames: { ON_TIME: "按时报送", LATE: "逾期报送", MISSING: "未报送", NOT_DUE: "未到报送期" },
  page: (n, of) => `第 ${n} 页，共 ${of} 页`,
  approximately: "约",
  empty: "该报告期内没有可报告的任务。",
  printButton: "打印",
  backLink: "返回工作报告",
};

const zhHant: MonthlyLabels = {
  ...zhHans,
  title: "工作進展月報",
  wholeScope: "全部",
  scopeLine: "範圍",
  periodLine: "報告期",
  generatedLine: "生成時間",
  basisApproved: "依據：已審核通過的進展報告。",
  basisWithSubmitted: "依據：已審核通過的進展報告，以及待審核的報告（已標明）。",
  contents: "目錄",
  summaryHeading: "總體情況",
  departmentColumn: "司局",
  totalRow: "合計",
  counts: { initiatives: "任務數", onTrack: "正常推進", atRisk: "存在風險", offTrack: "嚴重滯後", done: "已完成", noReport: "尚未報告", late: "逾期報送", missing: "未報送", awaitingReview: "待審核" },
  noTheme: "其他任務",
  code: "編號",
  originalText: "原文",
  simplified: "簡體",
  target: "目標",
  measured: "實際完成",
  progress: "進度",
  health: "狀態",
  dueDate: "完成時限",
  extendedFrom: (d) => `（延期，原定${d}）`,
  reportStatus: "本月報送",
  workDone: "本月工作",
  problems: "存在問題",
  nextSteps: "下一步計劃",
  reporter: "報送人",
  noReport: "本月無進展報告",
  awaitingReviewMark: "（待審核）",
  healthNames: { ON_TRACK: "正常推進", AT_RISK: "存在風險", OFF_TRACK: "嚴重滯後", DONE: "已完成", NONE: "尚未報告" },
  statusNames: { ON_TIME: "按時報送", LATE: "逾期報送", MISSING: "未報送", NOT_DUE: "未到報送期" },
  page: (n, of) => `第 ${n} 頁，共 ${of} 頁`,
  empty: "該報告期內沒有可報告的任務。",
  printButton: "列印",
  backLink: "返回工作報告",
};

const en: MonthlyLabels = {
  title: "Monthly progress report",
  wholeScope: "All",
  period: (y, m) => `${new Date(Date.UTC(y, m - 1, 1)).toLocaleString("en-GB", { month: "long", timeZone: "UTC" })} ${y}`,
  scopeLine: "Scope",
  periodLine: "Period",
  generatedLine: "Generated",
  basisApproved: "Based on approved progress reports.",
  basisWithSubmitted: "Based on approved progress reports and those awaiting review (marked).",
  contents: "Contents",
  summaryHeading: "Summary",
  departmentColumn: "Department",
  totalRow: "Total",
  counts: { initiatives: "Initiatives", onTrack: "On track", atRisk: "At risk", offTrack: "Off track", done: "Done", noReport: "Not reported", late: "Reported late", missing: "Not reported this month", awaitingReview: "Awaiting review" },
  noTheme: "Other initiatives",
  code: "Code",
  originalText: "Original wording",
  simplified: "Simplified",
  target: "Target",
  measured: "Measured",
  progress: "Progress",
  health: "Health",
  dueDate: "Due",
  extendedFrom: (d) => ` (extended from ${d})`,
  reportStatus: "This month's report",
  workDone: "Work done",
  problems: "Problems",
  nextSteps: "Next steps",
  reporter: "Reported by",
  noReport: "No progress report this month",
  awaitingReviewMark: " (awaiting review)",
  none: "—",
  healthNames: { ON_TRACK: "On track", AT_RISK: "At risk", OFF_TRACK: "Off track", DONE: "Done", NONE: "Not reported" },
  statusNames: { ON_TIME: "On time", LATE: "Late", MISSING: "Missing", NOT_DUE: "Not due" },
  page: (n, of) => `Page ${n} of ${of}`,
  approximately: "about ",
  empty: "There is nothing to report for this period.",
  printButton: "Print",
  backLink: "Back to reports",
};

export const MONTHLY_LABELS: Record<DocumentLocale, MonthlyLabels> = { "zh-Hans": zhHans, "zh-Hant": zhHant, en };

export function isDocumentLocale(value: unknown): value is DocumentLocale {
  return typeof value === "string" && (DOCUMENT_LOCALES as readonly string[]).includes(value);
}

/** A department's name in the reader's language (its Traditional name in the Traditional interface). */
export function departmentName(d: Pick<DepartmentNames, "nameZhHans" | "nameZhHant" | "nameEn">, locale: DocumentLocale): string {
  return locale === "en" ? d.nameEn : locale === "zh-Hant" ? d.nameZhHant : d.nameZhHans;
}

/** The Simplified rendering of source wording, where the reader reads Simplified and it differs; else null. */
export function simplifiedRendering(text: string, locale: DocumentLocale): string | null {
  if (locale !== "zh-Hans") return null;
  const simplified = toSimplified(text);
  return simplified === text ? null : simplified;
}

/** "约 3 个" / "about 3 centres": a target or measured value with its unit. */
export function quantity(value: number | null, unit: string | null, approximate: boolean, labels: MonthlyLabels): string {
  if (value === null) return labels.none;
  return `${approximate ? labels.approximately : ""}${value.toLocaleString("en-US")}${unit ? ` ${unit}` : ""}`.trim();
}

/** The scope's name for the title page and the file name: the department, or "all". */
export function scopeName(department: DepartmentNames | null, locale: DocumentLocale): string {
  return department ? departmentName(department, locale) : MONTHLY_LABELS[locale].wholeScope;
}
