import { currentPlanYear } from "@workplan/core/rules/calendar";
import { requirePermission } from "@workplan/auth";
import { getPlanOverview, getPlanSummary, listPlanYears } from "@workplan/core/operations/get-plan-overview";
import { isMinistryWide } from "@workplan/core/rules/policy";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/PageHeader";
import { DepartmentPlan } from "@/features/plan/DepartmentPlan";
import { PlanSummary } from "@/features/plan/PlanSummary";
import { departmentName } from "@/lib/display";
import { planNow } from "@workplan/core/infra/plan-clock";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("nav");
  return { title: t("plan") };
}

type Search = { year?: string | string[]; department?: string | string[] };

export default async function PlanPage({ searchParams }: { searchParams: Promise<Search> }) {
  const viewer = await requirePermission("plan.read");
  const t = await getTranslations("plan");
  const locale = await getLocale();
  const years = await listPlanYears(viewer);
  const params = await searchParams;
  const requested = params.year;
  const year = typeof requested === "string" ? requested : currentPlanYear(years, planNow());
  // A ministry-wide viewer first sees one row per department and opens one department's plan from
  // there; a department's own people see their plan directly.
  const ministryWide = isMinistryWide(viewer);
  const askedDepartment = typeof params.department === "string" ? params.department.trim().toUpperCase() : "";
  const department = ministryWide && /^[A-Z][A-Z0-9]{0,19}$/.test(askedDepartment) ? askedDepartment : undefined;

  const scopeLabel = ministryWide
    ? t("scopeAll")
    : t("scopeDepartment", { department: viewer.department ? departmentName(viewer.department, locale) : "—" });

  if (year === undefined) {
    return (
      <section className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center" data-testid="plan-empty">
        <p className="text-lg font-medium">{t("empty")}</p>
        <p className="mt-2 text-sm text-slate-600">{t("emptyHint")}</p>
      </section>
    );
  }
  const summary = ministryWide && !department ? await getPlanSummary(viewer, year) : null;
  const overview = summary ? null : await getPlanOverview(viewer, year, { department });
  if (!summary && !overview) notFound();
  const shownYear = Number(year);
  const plans = summary ?? overview?.plans ?? [];
  const isRecord = plans.length > 0 && plans.every((p) => p.status === "CLOSED");
  const yearHref = (y: number) => (department ? `/plan?year=${y}&department=${department}` : `/plan?year=${y}`);

  return (
    <div className="space-y-6">
      <PageHeader
        title={isRecord ? t("recordTitle", { year: shownYear }) : t("title", { year: shownYear })}
        description={scopeLabel}
        descriptionTestId="plan-scope"
        actions={
          years.length > 1 && (
            <nav aria-label={t("yearLabel")} className="flex gap-1 rounded-lg bg-slate-200 p-1">
              {years.map((y) => (
                <Link
                  key={y}
                  href={yearHref(y)}
                  aria-current={y === shownYear ? "page" : undefined}
                  className={`rounded-md px-3 py-1 text-sm font-medium ${
                    y === shownYear ? "bg-white text-slate-900 shadow-sm" : "text-slate-700 hover:bg-white/60"
                  }`}
                >
                  {y}
                </Link>
              ))}
            </nav>
          )
        }
      >
        {department && (
          <p className="text-sm">
            <Link href={`/plan?year=${shownYear}`} className="text-brand-700 hover:underline" data-testid="plan-all-departments">
              {t("allDepartments")}
            </Link>
          </p>
        )}
      </PageHeader>

      {plans.length === 0 ? (
        <section className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center" data-testid="plan-empty">
          <p className="text-lg font-medium">{t("empty")}</p>
          <p className="mt-2 text-sm text-slate-600">{t("emptyHint")}</p>
        </section>
      ) : summary ? (
        <PlanSummary year={shownYear} rows={summary} />
      ) : (
        overview?.plans.map((plan) => <DepartmentPlan key={plan.id} plan={plan} />)
      )}
    </div>
  );
}
