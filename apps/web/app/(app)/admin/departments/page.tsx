import { requirePermission } from "@workplan/auth";
import { listDepartments } from "@workplan/core/operations/admin-departments";
import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { buttonClass } from "@/components/Button";
import { PageHeader } from "@/components/PageHeader";
import { DepartmentForm } from "@/features/admin-plans/DepartmentForm";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("adminDepartments");
  return { title: t("title") };
}

export default async function AdminDepartmentsPage() {
  const viewer = await requirePermission("admin.departments");
  const t = await getTranslations("adminDepartments");
  const format = await getFormatter();
  const departments = await listDepartments(viewer);

  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("intro")} />

      <section aria-labelledby="departments-list" className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
        <h2 id="departments-list" className="sr-only">
          {t("listTitle")}
        </h2>
        <ul className="divide-y divide-slate-100" data-testid="department-list">
          {departments.map((d) => (
            <li key={d.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 sm:px-6" data-testid={`department-row-${d.code}`}>
              <div className="min-w-0">
                <p className="font-medium">
                  <span className="mr-2 font-mono text-sm text-slate-600">{d.code}</span>
                  <span lang="zh-Hans">{d.nameZhHans}</span>
                  <span className="mx-1 text-slate-400" aria-hidden>
                    ·
                  </span>
                  <span lang="zh-Hant">{d.nameZhHant}</span>
                  {d.archivedAt && (
                    <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 align-middle text-xs font-normal text-slate-700">{t("archived")}</span>
                  )}
                </p>
                <p className="text-sm text-slate-600" lang="en">
                  {d.nameEn}
                </p>
                <p className="mt-0.5 text-xs text-slate-600">
                  {t("counts", {
                    users: format.number(d.counts.users),
                    initiatives: format.number(d.counts.initiatives),
                    plans: format.number(d.counts.plans),
                  })}
                </p>
              </div>
              <Link
                href={`/admin/departments/${d.id}`}
                className={buttonClass("secondary", "sm")}
                aria-label={t("editLabel", { code: d.code })}
              >
                {t("edit")}
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="new-department" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="new-department" className="mb-4 text-base font-semibold">
          {t("new")}
        </h2>
        <DepartmentForm />
      </section>
    </div>
  );
}
