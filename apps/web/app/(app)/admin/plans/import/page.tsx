import { requirePermission } from "@workplan/auth";
import { listDepartmentOptions } from "@workplan/core/operations/admin-departments";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { PageHeader } from "@/components/PageHeader";
import { ImportPlanText } from "@/features/admin-plans/ImportPlanText";
import { departmentName } from "@/lib/display";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("adminPlans.import");
  return { title: t("title") };
}

export default async function ImportPlanTextPage() {
  const viewer = await requirePermission("admin.plans");
  const t = await getTranslations("adminPlans");
  const locale = await getLocale();
  const departments = (await listDepartmentOptions(viewer)).map((d) => ({ id: d.id, code: d.code, label: `${d.code} · ${departmentName(d, locale)}` }));
  return (
    <div className="space-y-6">
      <Link href="/admin/plans" className="text-sm text-brand-700 hover:underline">
        ← {t("back")}
      </Link>
      <PageHeader title={t("import.title")} description={t("import.intro")} />
      <ImportPlanText departments={departments} />
    </div>
  );
}
