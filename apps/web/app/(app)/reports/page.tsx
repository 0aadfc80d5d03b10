import { requirePermission } from "@workplan/auth";
import { isDocumentLocale, MONTHLY_LABELS } from "@workplan/core/documents/labels";
import { listPlanYears } from "@workplan/core/operations/get-plan-overview";
import { DomainError } from "@workplan/core/operations/errors";
import { getMonthlyReport } from "@workplan/core/operations/monthly-report";
import { shanghaiPeriodOf } from "@workplan/core/rules/calendar";
import { isMinistryWide } from "@workplan/core/rules/policy";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { Alert } from "@/components/Alert";
import { buttonClass } from "@/components/Button";
import { Field, filterInputClass } from "@/components/Field";
import { PageHeader } from "@/components/PageHeader";
import { TableFrame, Th, theadClass } from "@/components/Table";
import { departmentName } from "@/lib/display";
import { listChoices } from "@workplan/core/operations/list-choices";
import { planNow } from "@workplan/core/infra/plan-clock";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reports"))("title") };
}

type Search = Record<string, string | string[] | undefined>;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

/** The months a report can be asked for: those of the plan years, up to this month, newest first. */
function monthsOf(years: readonly number[], current: string): string[] {
  return years
    .flatMap((y) => Array.from({ length: 12 }, (_, m) => `${y}-${String(m + 1).padStart(2, "0")}`))
    .filter((p) => p <= current)
    .sort()
    .reverse();
}

/** The month a monthly report is usually about: the one just ended (else the latest one there is). */
function defaultMonth(months: readonly string[], current: string): string | undefined {
  const [y, m] = current.split("-").map(Number) as [number, number];
  const previous = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
  return months.includes(previous) ? previous : months[0];
}

export default async function ReportsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const viewer = await requirePermission("report.export");
  const t = await getTranslations("reports");
  const locale = await getLocale();
  const lang = isDocumentLocale(locale) ? locale : "zh-Hans";
  const labels = MONTHLY_LABELS[lang];
  const search = await searchParams;
  const now = planNow();
  const current = shanghaiPeriodOf(now);
  const years = await listPlanYears(viewer);
  const months = monthsOf(years, current);
  const period = one(search.period) || defaultMonth(months, current) || "";
  // A department's reader sees their own department's report unless they ask for everything they see.
  const department = "department" in search ? one(search.department) : isMinistryWide(viewer) ? "" : (viewer.department?.code ?? "");
  const includeSubmitted = one(search.includeSubmitted) === "1";

  // A ministry-wide reader picks any department with a plan; a department's reader, their own.
  const departments = isMinistryWide(viewer)
    ? (await listChoices(viewer, Number(period.slice(0, 4)) || undefined)).departments
    : viewer.department
      ? [viewer.department]
      : [];

  let report = null;
  let error: string | null = null;
  let errorField: string | null = null;
  if (period) {
    try {
      report = await getMonthlyReport(viewer, { period, department: department || undefined, includeSubmitted: includeSubmitted ? "1" : undefined }, { now });
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      errorField = e.code === "invalid" ? (Object.keys(e.fields ?? {})[0] ?? "period") : "department";
      error = errorField === "department" ? t("errors.department") : t("errors.period");
    }
  }

  const query = new URLSearchParams({ period, lang, ...(department ? { department } : {}), ...(includeSubmitted ? { includeSubmitted: "1" } : {}) });
  const href = (format: string) => `/api/v1/reports/monthly?${query.toString()}&format=${format}`;

  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("intro")} />

      <form method="get" action="/reports" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="report-form">
        <h2 className="text-lg font-semibold">{labels.title}</h2>
        <div className="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <Field id="report-period" label={t("period")} error={errorField === "period" ? error : null}>
            {(control) => (
              <select {...control} name="period" defaultValue={period} className={filterInputClass}>
                {!months.includes(period) && period && <option value={period}>{period}</option>}
                {months.map((p) => (
                  <option key={p} value={p}>
                    {labels.period(Number(p.slice(0, 4)), Number(p.slice(5)))}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="report-department" label={t("scope")} error={errorField === "department" ? error : null}>
            {(control) => (
              <select {...control} name="department" defaultValue={department} className={filterInputClass}>
                <option value="">{t("wholeScope")}</option>
                {departments.map((d) => (
                  <option key={d.code} value={d.code}>
                    {departmentName(d, locale)}
                  </option>
                ))}
                {department && !departments.some((d) => d.code === department) && <option value={department}>{department}</option>}
              </select>
            )}
          </Field>
          <div className="flex items-end">
            <label className="flex items-center gap-2 text-sm text-slate-800">
              <input type="checkbox" name="includeSubmitted" value="1" defaultChecked={includeSubmitted} className="h-4 w-4" />
              {t("includeSubmitted")}
            </label>
          </div>
        </div>
        <div className="mt-4">
          <button type="submit" className={buttonClass("primary")}>
            {t("show")}
          </button>
        </div>
      </form>

      {months.length === 0 && <Alert kind="info">{t("noPlans")}</Alert>}
      {error && errorField !== "period" && errorField !== "department" && <Alert kind="error">{error}</Alert>}

      {report && (
        <section aria-labelledby="report-preview" className="space-y-4" data-testid="report-preview">
          <div className="flex flex-wrap items-baseline justify-between gap-3">
            <h2 id="report-preview" className="text-lg font-semibold">
              {labels.title}（{report.department ? departmentName(report.department, locale) : t("wholeScope")} · {labels.period(Number(period.slice(0, 4)), Number(period.slice(5)))}）
            </h2>
            <p className="text-sm text-slate-600">{report.includeSubmitted ? labels.basisWithSubmitted : labels.basisApproved}</p>
          </div>
          <div className="flex flex-wrap gap-2" data-testid="report-downloads">
            <a href={`${href("html")}&view=print`} target="_blank" rel="noopener" className={buttonClass("primary", "sm")} data-testid="report-print">
              {t("formats.print")}
            </a>
            <a href={href("docx")} download className={buttonClass("outline", "sm")} data-testid="report-docx">
              {t("formats.docx")}
            </a>
            <a href={href("xlsx")} download className={buttonClass("outline", "sm")} data-testid="report-xlsx">
              {t("formats.xlsx")}
            </a>
            <a href={href("csv")} download className={buttonClass("outline", "sm")} data-testid="report-csv">
              {t("formats.csv")}
            </a>
          </div>
          {report.departments.length === 0 ? (
            <Alert kind="info">{labels.empty}</Alert>
          ) : (
            <TableFrame label={labels.summaryHeading} testId="report-summary" boxed>
              <thead className={theadClass(true)}>
                <tr>
                  <Th>{labels.departmentColumn}</Th>
                  {(["initiatives", "onTrack", "atRisk", "offTrack", "done", "noReport", "late", "missing", "awaitingReview"] as const).map((k) => (
                    <Th key={k} align="right">
                      {labels.counts[k]}
                    </Th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {[...report.departments.map((d) => ({ name: departmentName(d.department, locale), counts: d.counts, total: false })), { name: labels.totalRow, counts: report.totals, total: true }].map(
                  (row) => (
                    <tr key={row.name} className={row.total ? "font-semibold" : undefined}>
                      <th scope="row" className="px-3 py-2 text-left font-medium whitespace-nowrap">
                        {row.name}
                      </th>
                      {(["initiatives", "onTrack", "atRisk", "offTrack", "done", "noReport", "late", "missing", "awaitingReview"] as const).map((k) => (
                        <td key={k} className="px-3 py-2 text-right tabular-nums">
                          {row.counts[k]}
                        </td>
                      ))}
                    </tr>
                  ),
                )}
              </tbody>
            </TableFrame>
          )}
        </section>
      )}

      {years.length > 0 && departments.length > 0 && (
        // A plain GET form: the browser downloads the file and stays on this page.
        <form method="get" action="/api/v1/reports/annual" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="annual-form">
          <h2 className="text-lg font-semibold">{t("annual.title")}</h2>
          <p className="mt-1 text-sm text-slate-600">{t("annual.intro")}</p>
          <div className="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            <Field id="annual-year" label={t("annual.year")}>
              {(control) => (
                <select {...control} name="year" defaultValue={String(years[0])} className={filterInputClass}>
                  {years.map((y) => (
                    <option key={y} value={y}>
                      {y}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id="annual-department" label={t("annual.department")}>
              {(control) => (
                <select {...control} name="department" defaultValue={department || departments[0]?.code} className={filterInputClass}>
                  {departments.map((d) => (
                    <option key={d.code} value={d.code}>
                      {departmentName(d, locale)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <div className="mt-4 flex flex-wrap gap-2">
            <button type="submit" name="format" value="docx" className={buttonClass("outline", "sm")} data-testid="annual-docx">
              {t("annual.docx")}
            </button>
            <button type="submit" name="format" value="txt" className={buttonClass("outline", "sm")} data-testid="annual-txt">
              {t("annual.txt")}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
