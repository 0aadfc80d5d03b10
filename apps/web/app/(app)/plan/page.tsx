import { currentPlanYear } from "@workplan/core/rules/calendar";
import { requirePermission } from "@workplan/auth";
import { getPlanOverview, listPlanYears } from "@workplan/core/operations/get-plan-overview";
import { isMinistryWide } from "@workplan/core/rules/policy";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DepartmentPlan } from "@/features/plan/DepartmentPlan";
import { departmentName } from "@/lib/display";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("nav");
  return { title: t("plan") };
}

export default async function PlanPage({ searchParams }: { searchParams: Promise<{ year?: string | string[] }> }) {
  const viewer = await requirePermission("plan.read");
  const t = await getTranslations("plan");
  const locale = await getLocale();
  const years = await listPlanYears(viewer);
  const requested = (await searchParams).year;
  const year = typeof requested === "string" ? requested : currentPlanYear(years, new Date());

  const scopeLabel = isMinistryWide(viewer)
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
  const overview = await getPlanOverview(viewer, year);
  if (!overview) notFound();
  const isRecord = overview.plans.length > 0 && overview.plans.every((p) => p.status === "CLOSED");

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">
            {isRecord ? t("recordTitle", { year: overview.year }) : t("title", { year: overview.year })}
          </h1>
          <p className="mt-1 text-sm text-slate-600" data-testid="plan-scope">
            {scopeLabel}
          </p>
        </div>
        {years.length > 1 && (
          <nav aria-label={t("yearLabel")} className="flex gap-1 rounded-lg bg-slate-200 p-1">
            {years.map((y) => (
              <Link
                key={y}
                href={`/plan?year=${y}`}
                aria-current={y === overview.year ? "page" : undefined}
                className={`rounded-md px-3 py-1 text-sm font-medium ${
                  y === overview.year ? "bg-white text-slate-900 shadow-sm" : "text-slate-700 hover:bg-white/60"
                }`}
              >
                {y}
              </Link>
            ))}
          </nav>
        )}
      </div>

      {overview.plans.length === 0 ? (
        <section className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center" data-testid="plan-empty">
          <p className="text-lg font-medium">{t("empty")}</p>
          <p className="mt-2 text-sm text-slate-600">{t("emptyHint")}</p>
        </section>
      ) : (
        overview.plans.map((plan) => <DepartmentPlan key={plan.id} plan={plan} />)
      )}
    </div>
  );
}
