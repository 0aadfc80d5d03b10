import { requirePermission } from "@workplan/auth";
import { listDepartmentOptions } from "@workplan/core/operations/admin-departments";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { PageHeader } from "@/components/PageHeader";
import { PlanForm } from "@/features/admin-plans/PlanForm";
import { departmentName } from "@/lib/display";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("adminPlans.planForm");
  return { title: t("title") };
}

export default async function NewPlanPage() {
  const viewer = await requirePermission("admin.plans");
  const t = await getTranslations("adminPlans");
  const locale = await getLocale();
  const departments = (await listDepartmentOptions(viewer)).map((d) => ({ id: d.id, label: `${d.code} · ${departmentName(d, locale)}` }));
  return (
    <div className="space-y-6">
      <Link href="/admin/plans" className="text-sm text-brand-700 hover:underline">
        ← {t("back")}
      </Link>
      <PageHeader title={t("planForm.title")} />
      <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <PlanForm departments={departments} defaultYear={new Date().getUTCFullYear() + 1} />
      </section>
    </div>
  );
}
