import { requirePermission } from "@workplan/auth";
import { getDashboard } from "@workplan/core/operations/dashboard";
import { BEIJING_TIME_ZONE } from "@workplan/core/rules/dates";
import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { Button } from "@/components/Button";
import { filterInputClass } from "@/components/Field";
import { PageHeader } from "@/components/PageHeader";
import { BehindSection, ChartsSection, DepartmentsSection, KeyFigures, LeagueSection, type SectionProps } from "@/features/dashboard/sections";
import { departmentName } from "@/lib/display";
import { planNow } from "@workplan/core/infra/plan-clock";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dashboard"))("title") };
}

type Props = { searchParams: Promise<{ year?: string | string[]; department?: string | string[]; league?: string | string[] }> };

export default async function DashboardPage({ searchParams }: Props) {
  const viewer = await requirePermission("dashboard.read");
  const params = await searchParams;
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const asked = Number(first(params.year));
  const askedDepartment = first(params.department)?.trim();
  const dashboard = await getDashboard(viewer, {
    year: Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : undefined,
    department: askedDepartment && /^[A-Za-z][A-Za-z0-9]{0,19}$/.test(askedDepartment) ? askedDepartment : undefined,
  });
  const t = await getTranslations("dashboard");
  const locale = await getLocale();
  const format = await getFormatter();
  const { year } = dashboard;
  /** The department the whole page is narrowed to: every link keeps it. */
  const only = dashboard.department ?? undefined;
  const section: SectionProps = { dashboard, only, locale };

  return (
    <div className="space-y-6" data-testid="dashboard">
      <PageHeader
        title={t("title")}
        description={t("subtitle", { year, date: format.dateTime(planNow(), { dateStyle: "long", timeZone: BEIJING_TIME_ZONE }) })}
        actions={
          <>
            {dashboard.departmentChoices.length > 1 && (
              <form action="/dashboard" className="flex items-end gap-2 text-sm" data-testid="dashboard-department">
                <input type="hidden" name="year" value={year} />
                <label className="flex flex-col">
                  <span className="text-xs text-slate-600">{t("departmentFilter")}</span>
                  <select name="department" defaultValue={only ?? ""} className={filterInputClass}>
                    <option value="">{t("allDepartments")}</option>
                    {dashboard.departmentChoices.map((d) => (
                      <option key={d.code} value={d.code}>
                        {departmentName(d, locale)}
                      </option>
                    ))}
                  </select>
                </label>
                <Button type="submit" variant="secondary" size="sm">
                  {t("show")}
                </Button>
              </form>
            )}
            {dashboard.years.length > 1 && (
              <nav aria-label={t("years")} className="flex flex-wrap gap-1 text-sm">
                {dashboard.years.map((y) => (
                  <Link
                    key={y}
                    href={only ? `/dashboard?year=${y}&department=${only}` : `/dashboard?year=${y}`}
                    aria-current={y === year ? "page" : undefined}
                    className={`rounded border px-2.5 py-1 ${y === year ? "border-brand-700 bg-brand-700 text-white" : "border-slate-300 bg-white hover:border-brand-600"}`}
                  >
                    {t("year", { year: y })}
                  </Link>
                ))}
              </nav>
            )}
          </>
        }
      />

      {dashboard.departments.length === 0 ? (
        <section className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center" data-testid="dashboard-empty">
          <p className="text-lg font-medium">{t("empty", { year })}</p>
          <p className="mt-1 text-sm text-slate-600">{t("emptyHint")}</p>
        </section>
      ) : (
        <>
          <KeyFigures {...section} />
          <BehindSection {...section} />
          <DepartmentsSection {...section} />
          <ChartsSection {...section} />
          <LeagueSection {...section} whole={first(params.league) === "all"} />
        </>
      )}
    </div>
  );
}
