import { requirePermission } from "@workplan/auth";
import { listDepartmentOptions } from "@workplan/core/operations/admin-departments";
import { listAdminPlans } from "@workplan/core/operations/admin-plans";
import { getAppSettings } from "@workplan/core/operations/digest/app-settings";
import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { Button, buttonClass } from "@/components/Button";
import { fieldLabelClass, inputClass } from "@/components/Field";
import { PageHeader } from "@/components/PageHeader";
import { DigestScheduleForm } from "@/features/admin-plans/DigestScheduleForm";
import { departmentName, readable } from "@/lib/display";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("adminPlans");
  return { title: t("title") };
}

type Search = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

export default async function AdminPlansPage({ searchParams }: { searchParams: Promise<Search> }) {
  const viewer = await requirePermission("admin.plans");
  const t = await getTranslations("adminPlans");
  const locale = await getLocale();
  const format = await getFormatter();
  const params = await searchParams;
  const [list, departments, settings] = await Promise.all([
    listAdminPlans(viewer, { year: first(params.year), departmentId: first(params.department) }),
    listDepartmentOptions(viewer),
    getAppSettings(),
  ]);

  return (
    <div className="space-y-6">
      <PageHeader
        title={t("title")}
        description={t("intro")}
        actions={
          <>
            <Link href="/admin/plans/new" className={buttonClass("primary")}>
              {t("newPlan")}
            </Link>
            <Link href="/admin/plans/import" className={buttonClass("secondary")} data-testid="import-text-link">
              {t("importText")}
            </Link>
            <Link href="/admin/plans/import-spreadsheet" className={buttonClass("secondary")}>
              {t("importSpreadsheet")}
            </Link>
          </>
        }
      />

      {/* A filter is a link: GET keeps it in the address, and there is nothing typed to lose. */}
      <form method="get" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-label={t("filters.label")}>
        <div className="w-32">
          <label htmlFor="filter-year" className={fieldLabelClass}>
            {t("filters.year")}
          </label>
          <select id="filter-year" name="year" defaultValue={list.query.year ? String(list.query.year) : ""} className={inputClass}>
            <option value="">{t("filters.all")}</option>
            {list.years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div className="min-w-48 flex-1 sm:flex-none">
          <label htmlFor="filter-department" className={fieldLabelClass}>
            {t("filters.department")}
          </label>
          <select id="filter-department" name="department" defaultValue={list.query.departmentId ?? ""} className={inputClass}>
            <option value="">{t("filters.all")}</option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.code} · {departmentName(d, locale)}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" variant="secondary">
          {t("filters.apply")}
        </Button>
      </form>

      {list.plans.length === 0 ? (
        <section className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center" data-testid="plans-empty">
          <p className="text-lg font-medium">{t("empty")}</p>
        </section>
      ) : (
        <ul className="divide-y divide-slate-100 overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm" data-testid="plan-list">
          {list.plans.map((plan) => (
            <li key={plan.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 sm:px-6" data-testid={`plan-row-${plan.department.code}-${plan.year}`}>
              <div className="min-w-0">
                <p className="font-medium">
                  <span className="mr-2 tabular-nums">{plan.year}</span>
                  {departmentName(plan.department, locale)}
                  <span className="ml-2 font-mono text-xs text-slate-600">{plan.department.code}</span>
                  <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 align-middle text-xs font-normal text-slate-700">{t(`status.${plan.status}`)}</span>
                </p>
                <p className="text-sm text-slate-600">
                  <span lang={locale === "zh-Hans" ? "zh-Hans" : "zh-Hant"}>{readable(plan.heading, locale)}</span> ·{" "}
                  {t("counts", {
                    themes: format.number(plan.themeCount),
                    initiatives: format.number(plan.initiativeCount),
                    archived: format.number(plan.archivedInitiativeCount),
                  })}
                </p>
              </div>
              <Link href={`/admin/plans/${plan.id}`} className={buttonClass("secondary", "sm")} aria-label={t("manageLabel", { year: plan.year, code: plan.department.code })}>
                {t("manage")}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <DigestScheduleForm initial={settings} />
    </div>
  );
}
