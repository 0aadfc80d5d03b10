import type { CalendarSummaryDepartment } from "@workplan/core/operations/reporting-calendar";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { TableFrame, Th, theadClass } from "@/components/Table";
import { departmentName } from "@/lib/display";
import { ChaseDepartmentButton } from "./ChaseDepartmentButton";

/**
 * The ministry-wide reporting calendar: departments × months, each cell the number of initiatives
 * reported on time / late / missing that month, coloured by the worst of them, opening the
 * department's own calendar; then the department's current red and yellow lights.
 */
export async function CalendarSummary({ summary }: { summary: { year: number; periods: string[]; departments: CalendarSummaryDepartment[] } }) {
  const t = await getTranslations("calendar");
  const locale = await getLocale();
  const { year } = summary;
  return (
    <section aria-labelledby="calendar-summary-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="calendar-summary">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="calendar-summary-heading" className="text-lg font-semibold">
          {t("summary.heading")} <span className="text-base font-normal text-slate-500">({summary.departments.length})</span>
        </h2>
        <p className="text-xs text-slate-500">{t("summary.hint")}</p>
      </div>
      <p className="mb-2 flex flex-wrap gap-2 text-xs" aria-hidden="true">
        <span className="cal-cell cal-ON_TIME">{t("status.ON_TIME")}</span>
        <span className="cal-cell cal-LATE">{t("status.LATE")}</span>
        <span className="cal-cell cal-MISSING">{t("status.MISSING")}</span>
        <span className="text-slate-500">{t("summary.legend")}</span>
      </p>
      <TableFrame label={t("summary.caption", { year })}>
        <caption className="sr-only">{t("summary.caption", { year })}</caption>
        <thead className={theadClass()}>
          <tr>
            <Th pad="sm">{t("summary.department")}</Th>
            <Th pad="xs" align="right">
              {t("summary.initiatives")}
            </Th>
            {summary.periods.map((p) => (
              <Th key={p} pad="xs" align="center">
                {t("month", { month: Number(p.slice(5)) })}
              </Th>
            ))}
            <Th pad="sm">{t("summary.lights")}</Th>
            <Th pad="sm" align="right">
              {t("chases")}
            </Th>
            <Th pad="sm">
              <span className="sr-only">{t("actions")}</span>
            </Th>
          </tr>
        </thead>
        <tbody>
          {summary.departments.map((d) => {
            const name = departmentName(d, locale);
            const to = `/calendar?year=${year}&department=${d.code}`;
            return (
              <tr key={d.id} className="border-t border-slate-100" data-testid="calendar-summary-row" data-department={d.code}>
                <th scope="row" className="min-w-24 px-2 py-1 text-left font-medium">
                  <Link href={to} className="text-brand-700 hover:underline">{name}</Link>
                </th>
                <td className="px-1 py-1 text-right tabular-nums">{d.initiatives}</td>
                {/* 480 cells: plain links (no prefetch), one short class each, the figures as one string. */}
                {d.months.map((m) => (
                  <td key={m.period} className="cal-td">
                    <a href={to} className={`cal-cell cal-${m.worst}`}>{`${m.onTime}/${m.late}/${m.missing}`}</a>
                  </td>
                ))}
                <td className="whitespace-nowrap px-2 py-1 text-xs" data-testid="summary-lights">
                  {d.red > 0 && <span className="mr-1 rounded bg-red-100 px-1 text-red-900">{t("summary.red", { count: d.red })}</span>}
                  {d.yellow > 0 && <span className="rounded bg-amber-100 px-1 text-amber-900">{t("summary.yellow", { count: d.yellow })}</span>}
                  {d.red === 0 && d.yellow === 0 && <span className="text-emerald-800">{t("light.GREEN")}</span>}
                </td>
                <td className="px-2 py-1 text-right tabular-nums" data-testid="summary-chases">{d.chases}</td>
                <td className="px-2 py-1">{d.red + d.yellow > 0 && <ChaseDepartmentButton departmentId={d.id} year={year} name={name} />}</td>
              </tr>
            );
          })}
        </tbody>
      </TableFrame>
    </section>
  );
}
