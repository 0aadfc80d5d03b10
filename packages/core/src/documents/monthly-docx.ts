// The monthly report as a Word document (A4): a cover (title, scope, period, basis), a table of
// contents, the summary table, then per department (a new page) and theme each initiative with its
// figures and the month's report quoted, or "no report" said plainly. Real heading styles (the
// contents are built from them), table header rows repeated on every page, page numbers in the footer.

import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { beijingDateTime, isoDay } from "../rules/dates";
import type { MonthlyEntry, MonthlyReport } from "../rules/monthly-report";
import { departmentName, MONTHLY_LABELS, quantity, scopeName, simplifiedRendering, type DocumentLocale, type MonthlyLabels } from "./labels";
import { healthName, reportStatusText, summaryColumns, summaryRows } from "./monthly-table";

const A4 = { width: 11906, height: 16838 };
const MARGIN = 1247; // 2.2 cm
const TEXT_WIDTH = A4.width - 2 * MARGIN;

function cell(text: string, options: { bold?: boolean; shade?: boolean; width?: number; align?: "left" | "right" } = {}): TableCell {
  return new TableCell({
    children: text.split("\n").map(
      (line) => new Paragraph({ alignment: options.align === "right" ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [new TextRun({ text: line, bold: options.bold })] }),
    ),
    ...(options.shade ? { shading: { type: ShadingType.CLEAR, fill: "E2E8F0", color: "auto" } } : {}),
    ...(options.width ? { width: { size: options.width, type: WidthType.DXA } } : {}),
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
  });
}

function summaryTable(report: MonthlyReport, locale: DocumentLocale, labels: MonthlyLabels): Table {
  const columns = summaryColumns(labels);
  const first = Math.round(TEXT_WIDTH * 0.2);
  const rest = Math.floor((TEXT_WIDTH - first) / (columns.length - 1));
  const widths = columns.map((_, i) => (i === 0 ? first : rest));
  const rows = summaryRows(report, locale, labels);
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, children: columns.map((c, i) => cell(c.header, { bold: true, shade: true, width: widths[i] })) }),
      ...rows.map(
        (row, r) =>
          new TableRow({
            cantSplit: true,
            children: row.map((value, i) => cell(String(value ?? ""), { bold: r === rows.length - 1, width: widths[i], align: i === 0 ? "left" : "right" })),
          }),
      ),
    ],
  });
}

/** One initiative: its figures and the month's report, as a two-column table of label and value. */
function entryTable(entry: MonthlyEntry, locale: DocumentLocale, labels: MonthlyLabels): Table {
  const labelWidth = Math.round(TEXT_WIDTH * 0.18);
  const due = isoDay(entry.dueDate) + (entry.originalDueDate ? labels.extendedFrom(isoDay(entry.originalDueDate)) : "");
  const simplified = simplifiedRendering(entry.originalText, locale);
  const lines: [string, string][] = [
    [labels.originalText, entry.originalText],
    ...(simplified ? [[labels.simplified, simplified] as [string, string]] : []),
    [labels.target, quantity(entry.targetValue, entry.targetUnit, entry.targetApproximate, labels)],
    [labels.measured, entry.measuredValue === null ? labels.none : quantity(entry.measuredValue, entry.targetUnit, false, labels)],
    [labels.progress, `${entry.progress}%`],
    [labels.health, healthName(entry, labels)],
    [labels.dueDate, due],
    [labels.reportStatus, reportStatusText(entry, labels)],
    ...(entry.report
      ? ([
          [labels.workDone, entry.report.workDone],
          [labels.problems, entry.report.problems ?? labels.none],
          [labels.nextSteps, entry.report.nextSteps ?? labels.none],
          [labels.reporter, `${entry.report.author}（${beijingDateTime(entry.report.filedAt).slice(0, 16)}）`],
        ] as [string, string][])
      : ([[labels.workDone, labels.noReport]] as [string, string][])),
  ];
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [labelWidth, TEXT_WIDTH - labelWidth],
    rows: lines.map(
      ([label, value]) => new TableRow({ children: [cell(label, { bold: true, shade: true, width: labelWidth }), cell(value, { width: TEXT_WIDTH - labelWidth })] }),
    ),
  });
}

export async function monthlyReportDocx(report: MonthlyReport, locale: DocumentLocale): Promise<Buffer> {
  const labels = MONTHLY_LABELS[locale];
  const [year, month] = report.period.split("-").map(Number) as [number, number];
  const scope = scopeName(report.department, locale);

  const cover = [
    new Paragraph({ text: labels.title, heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, spacing: { before: 2400, after: 600 } }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: `${labels.scopeLine}：${scope}`, size: 32 })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 600 }, children: [new TextRun({ text: `${labels.periodLine}：${labels.period(year, month)}`, size: 32 })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: report.includeSubmitted ? labels.basisWithSubmitted : labels.basisApproved })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: `${labels.generatedLine}：${beijingDateTime(report.generatedAt).slice(0, 16)}` })] }),
    // Not a heading: the contents do not list themselves.
    new Paragraph({ pageBreakBefore: true, spacing: { after: 240 }, children: [new TextRun({ text: labels.contents, bold: true, size: 32 })] }),
    new TableOfContents(labels.contents, { hyperlink: true, headingStyleRange: "1-2" }),
    new Paragraph({ text: labels.summaryHeading, heading: HeadingLevel.HEADING_1, pageBreakBefore: true }),
    report.departments.length > 0 ? summaryTable(report, locale, labels) : new Paragraph({ text: labels.empty }),
  ];

  const body = report.departments.flatMap((department) => [
    new Paragraph({ text: departmentName(department.department, locale), heading: HeadingLevel.HEADING_1, pageBreakBefore: true }),
    ...department.themes.flatMap((theme) => [
      new Paragraph({ text: theme.title ?? labels.noTheme, heading: HeadingLevel.HEADING_2 }),
      ...theme.entries.flatMap((entry) => [
        new Paragraph({ text: `${entry.code}　${entry.title}`, heading: HeadingLevel.HEADING_3, keepNext: true }),
        entryTable(entry, locale, labels),
        new Paragraph({ text: "" }),
      ]),
    ]),
  ]);

  const document = new Document({
    creator: "Workplan",
    title: `${labels.title} ${scope} ${report.period}`,
    features: { updateFields: true },
    styles: {
      default: {
        document: { run: { font: { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "SimSun" }, size: 22 } },
        heading1: { run: { font: { eastAsia: "SimHei" }, size: 32, bold: true }, paragraph: { spacing: { before: 240, after: 160 } } },
        heading2: { run: { font: { eastAsia: "SimHei" }, size: 28, bold: true }, paragraph: { spacing: { before: 200, after: 120 } } },
        heading3: { run: { size: 24, bold: true }, paragraph: { spacing: { before: 160, after: 80 } } },
        title: { run: { font: { eastAsia: "SimHei" }, size: 48, bold: true } },
      },
    },
    sections: [
      {
        properties: { page: { size: A4, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: pageLine(labels) })],
              }),
            ],
          }),
        },
        children: [...cover, ...body],
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(document));
}

/** "第 N 页，共 M 页" with the page fields where the numbers go. */
function pageLine(labels: MonthlyLabels): (string | (typeof PageNumber)[keyof typeof PageNumber])[] {
  const sample = labels.page(1, 2);
  const [before, middle, after] = [sample.slice(0, sample.indexOf("1")), sample.slice(sample.indexOf("1") + 1, sample.indexOf("2")), sample.slice(sample.indexOf("2") + 1)];
  return [before, PageNumber.CURRENT, middle, PageNumber.TOTAL_PAGES, after];
}
