import { currentPlanYear } from "@workplan/core/rules/calendar";
import { requirePermission } from "@workplan/auth";
import { listPlanYears } from "@workplan/core/operations/get-plan-overview";
import { getCalendarSummary, getReportingCalendar } from "@workplan/core/operations/reporting-calendar";
import { isMinistryWide } from "@workplan/core/rules/policy";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { PageHeader } from "@/components/PageHeader";
import { Pager } from "@/components/Pager";
import { TableFrame, Th, theadClass } from "@/components/Table";
import { CalendarRows } from "@/features/calendar/CalendarRows";
import { CalendarSummary } from "@/features/calendar/CalendarSummary";
import { ChaseDepartmentButton } from "@/features/calendar/ChaseDepartmentButton";
import { STATUS_LETTER } from "@/features/calendar/status-letters";
import { departmentName, readable } from "@/lib/display";
import { planNow } from "@workplan/core/infra/plan-clock";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("calendar"))("title") };
}

type Props = { searchParams: Promise<{ year?: string | string[]; department?: string | string[]; page?: string | string[] }> };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function CalendarPage({ searchParams }: Props) {
  const viewer = await requirePermission("initiative.chase");
  const params = await searchParams;
  const asked = Number(first(params.year));
  const years = await listPlanYears(viewer);
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : (currentPlanYear(years, planNow()) ?? planNow().getUTCFullYear());
  const t = await getTranslations("calendar");
  // A ministry-wide viewer sees departments × months first and opens one department from there;
  // a department's manager sees the department's calendar, 50 initiatives a page.
  const askedDepartment = first(params.department)?.trim().toUpperCase() ?? "";
  const department = isMinistryWide(viewer) && /^[A-Z][A-Z0-9]{0,19}$/.test(askedDepartment) ? askedDepartment : undefined;
  const header = (
    <PageHeader title={t("title")} description={t("subtitle", { year })}>
      {department && (
        <p className="text-sm">
          <Link href={`/calendar?year=${year}`} className="text-brand-700 hover:underline" data-testid="calendar-all-departments">
            {t("allDepartments")}
          </Link>
        </p>
      )}
    </PageHeader>
  );
  if (isMinistryWide(viewer) && !department) {
    const summary = await getCalendarSummary(viewer, { year });
    return (
      <div className="space-y-5">
        {header}
        {summary.departments.length === 0 || summary.periods.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center" data-testid="calendar-empty">
            {t("empty")}
          </p>
        ) : (
          <CalendarSummary summary={summary} />
        )}
      </div>
    );
  }
  // 550 cells: one lookup of each word, short classes (globals.css .cal-*), no component per cell.
  const statusLabel = { ON_TIME: t("status.ON_TIME"), LATE: t("status.LATE"), MISSING: t("status.MISSING"), NOT_DUE: t("status.NOT_DUE") };
  const lightLabel = { RED: t("light.RED"), YELLOW: t("light.YELLOW"), GREEN: t("light.GREEN") };
  const askedPage = Number(first(params.page));
  const calendar = await getReportingCalendar(viewer, { year, department, page: Number.isInteger(askedPage) ? askedPage : 1 });
  const locale = await getLocale();
  const pageHref = (page: number) =>
    `/calendar?${new URLSearchParams({ year: String(year), ...(department ? { department } : {}), page: String(page) }).toString()}`;
  return (
    <div className="space-y-5">
      {header}
      {calendar.departments.length === 0 || calendar.periods.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center" data-testid="calendar-empty">
          {t("empty")}
        </p>
      ) : (
        calendar.departments.map((dept) => {
          const name = departmentName(dept, locale);
          const hasLate = dept.initiatives.some((i) => i.light !== "GREEN");
          return (
            <section key={dept.id} aria-labelledby={`dept-${dept.id}`} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="calendar-department" data-department={dept.code}>
              <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
                <h2 id={`dept-${dept.id}`} className="text-base font-semibold">{name}</h2>
                {hasLate && <ChaseDepartmentButton departmentId={dept.id} year={year} name={name} />}
              </div>
              <TableFrame label={t("caption", { name, year })}>
                <caption className="sr-only">{t("caption", { name, year })}</caption>
                <thead className={theadClass()}>
                  <tr>
                    <Th pad="sm">{t("initiative")}</Th>
                    {calendar.periods.map((p) => (
                      <Th key={p} pad="xs" align="center">
                        {t("month", { month: Number(p.slice(5)) })}
                      </Th>
                    ))}
                    <Th pad="sm">{t("lightHeading")}</Th>
                    <Th pad="sm">{t("chases")}</Th>
                    <Th pad="sm">
                      <span className="sr-only">{t("actions")}</span>
                    </Th>
                  </tr>
                </thead>
                <CalendarRows
                  status={statusLabel}
                  light={lightLabel}
                  rows={dept.initiatives.map((i) => ({
                    id: i.id,
                    code: i.code,
                    title: readable(i.title, locale),
                    months: i.months.map((m) => STATUS_LETTER[m.status]).join(""),
                    light: i.light,
                    chaseCount: i.chaseCount,
                  }))}
                />
              </TableFrame>
            </section>
          );
        })
      )}
      {calendar.pages > 1 && (
        <Pager
          info={t("pageInfo", { total: calendar.total, page: calendar.page, pages: calendar.pages })}
          previous={calendar.page > 1 ? pageHref(calendar.page - 1) : undefined}
          next={calendar.page < calendar.pages ? pageHref(calendar.page + 1) : undefined}
          labels={{ previous: t("previous"), next: t("next"), nav: t("pagination") }}
        />
      )}
    </div>
  );
}
