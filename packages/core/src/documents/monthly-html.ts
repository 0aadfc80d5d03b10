// The monthly report as one HTML document made for print (A4): the cover, the summary, then each
// department on a new page; table headers repeat on every page, pages are numbered, and nothing of
// the app's navigation is in it. The print view and the API's format=html are this document.

import { beijingDateTime, isoDay } from "../rules/dates";
import type { MonthlyEntry, MonthlyReport } from "../rules/monthly-report";
import { departmentName, MONTHLY_LABELS, quantity, scopeName, simplifiedRendering, type DocumentLocale, type MonthlyLabels } from "./labels";
import { healthName, reportStatusText, summaryColumns, summaryRows } from "./monthly-table";

function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const STYLE = `
@page { size: A4; margin: 18mm 16mm 20mm; @bottom-center { content: counter(page) " / " counter(pages); font-size: 9pt; color: #475569; } }
* { box-sizing: border-box; }
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", serif; color: #0f172a; margin: 0; line-height: 1.6; font-size: 11pt; }
main { max-width: 190mm; margin: 0 auto; padding: 12mm 0; }
h1, h2, h3 { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "SimHei", "PingFang SC", sans-serif; }
.cover { text-align: center; padding: 40mm 0 20mm; }
.cover h1 { font-size: 26pt; margin: 0 0 12mm; }
.cover p { margin: 2mm 0; font-size: 14pt; }
.cover .basis { font-size: 10.5pt; color: #334155; margin-top: 10mm; }
section.department { break-before: page; }
h2 { font-size: 16pt; border-bottom: 2px solid #0f172a; padding-bottom: 2mm; }
h3 { font-size: 13pt; margin: 6mm 0 2mm; }
h4 { font-size: 11.5pt; margin: 4mm 0 1.5mm; break-after: avoid; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0 4mm; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 1px solid #94a3b8; padding: 1.5mm 2mm; vertical-align: top; text-align: left; }
th { background: #e2e8f0; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: 700; }
table.entry th { width: 18%; }
.none { color: #b91c1c; font-weight: 600; }
.waiting { color: #92400e; }
.toolbar { position: sticky; top: 0; background: #f1f5f9; border-bottom: 1px solid #cbd5e1; padding: 8px 16px; font-family: sans-serif; font-size: 14px; display: flex; gap: 12px; flex-wrap: wrap; align-items: center; }
.toolbar a, .toolbar button { color: #0f172a; font: inherit; }
@media print { .toolbar { display: none; } main { padding: 0; } }
@media screen and (max-width: 640px) { main { padding: 4mm; } .cover { padding: 12mm 0; } }
`;

function summary(report: MonthlyReport, locale: DocumentLocale, labels: MonthlyLabels): string {
  const columns = summaryColumns(labels);
  const rows = summaryRows(report, locale, labels);
  const head = `<thead><tr>${columns.map((c) => `<th scope="col">${esc(c.header)}</th>`).join("")}</tr></thead>`;
  const body = rows
    .map(
      (row, r) =>
        `<tr${r === rows.length - 1 ? ' class="total"' : ""}>${row.map((v, i) => (i === 0 ? `<th scope="row">${esc(String(v))}</th>` : `<td class="num">${esc(String(v ?? ""))}</td>`)).join("")}</tr>`,
    )
    .join("");
  return `<table class="summary" data-testid="report-summary">${head}<tbody>${body}</tbody></table>`;
}

function entry(e: MonthlyEntry, locale: DocumentLocale, labels: MonthlyLabels): string {
  const simplified = simplifiedRendering(e.originalText, locale);
  const due = isoDay(e.dueDate) + (e.originalDueDate ? labels.extendedFrom(isoDay(e.originalDueDate)) : "");
  const row = (label: string, value: string, attrs = "") => `<tr><th scope="row">${esc(label)}</th><td${attrs}>${value}</td></tr>`;
  const report = e.report;
  const status = esc(reportStatusText(e, labels));
  return `<article data-code="${esc(e.code)}"><h4>${esc(e.code)}　<span lang="zh-Hant">${esc(e.title)}</span></h4><table class="entry"><tbody>
${row(labels.originalText, `<span lang="zh-Hant">${esc(e.originalText)}</span>`)}
${simplified ? row(labels.simplified, `<span lang="zh-Hans">${esc(simplified)}</span>`) : ""}
${row(labels.target, esc(quantity(e.targetValue, e.targetUnit, e.targetApproximate, labels)))}
${row(labels.measured, esc(e.measuredValue === null ? labels.none : quantity(e.measuredValue, e.targetUnit, false, labels)))}
${row(labels.progress, `${e.progress}%`)}
${row(labels.health, esc(healthName(e, labels)))}
${row(labels.dueDate, esc(due))}
${row(labels.reportStatus, report?.status === "SUBMITTED" ? `<span class="waiting">${status}</span>` : status)}
${
  report
    ? [
        row(labels.workDone, esc(report.workDone)),
        row(labels.problems, esc(report.problems ?? labels.none)),
        row(labels.nextSteps, esc(report.nextSteps ?? labels.none)),
        row(labels.reporter, esc(`${report.author}（${beijingDateTime(report.filedAt).slice(0, 16)}）`)),
      ].join("\n")
    : row(labels.workDone, `<span class="none">${esc(labels.noReport)}</span>`)
}
</tbody></table></article>`;
}

/** The print view's bar (not printed): back to the page it came from, and a print button. */
export function printToolbar(locale: DocumentLocale, backHref: string): string {
  const labels = MONTHLY_LABELS[locale];
  return `<nav class="toolbar" aria-label="${esc(labels.title)}"><a href="${esc(backHref)}">← ${esc(labels.backLink)}</a><button type="button" onclick="window.print()">${esc(labels.printButton)}</button></nav>`;
}

/** The whole document; `toolbar` is the screen-only bar of the print view (printToolbar). */
export function monthlyReportHtml(report: MonthlyReport, locale: DocumentLocale, options: { toolbar?: string } = {}): string {
  const labels = MONTHLY_LABELS[locale];
  const [year, month] = report.period.split("-").map(Number) as [number, number];
  const scope = scopeName(report.department, locale);
  const title = `${labels.title}（${scope} · ${labels.period(year, month)}）`;
  const departments = report.departments
    .map(
      (d) => `<section class="department" data-department="${esc(d.department.code)}"><h2>${esc(departmentName(d.department, locale))}</h2>
${d.themes.map((t) => `<h3${t.title ? ' lang="zh-Hant"' : ""}>${esc(t.title ?? labels.noTheme)}</h3>\n${t.entries.map((e) => entry(e, locale, labels)).join("\n")}`).join("\n")}
</section>`,
    )
    .join("\n");
  return `<!DOCTYPE html>
<html lang="${locale === "en" ? "en" : locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title><style>${STYLE}</style></head>
<body>${options.toolbar ?? ""}<main>
<section class="cover"><h1>${esc(labels.title)}</h1><p>${esc(labels.scopeLine)}：${esc(scope)}</p><p>${esc(labels.periodLine)}：${esc(labels.period(year, month))}</p>
<p class="basis">${esc(report.includeSubmitted ? labels.basisWithSubmitted : labels.basisApproved)}<br>${esc(labels.generatedLine)}：${esc(beijingDateTime(report.generatedAt).slice(0, 16))}</p></section>
<section class="department"><h2>${esc(labels.summaryHeading)}</h2>${report.departments.length > 0 ? summary(report, locale, labels) : `<p>${esc(labels.empty)}</p>`}</section>
${departments}
</main></body></html>`;
}
