import { requirePermission } from "@workplan/auth";
import { listDepartmentOptions } from "@workplan/core/operations/admin-departments";
import { getAdminPlan } from "@workplan/core/operations/admin-plans";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/PageHeader";
import { InitiativeForm } from "@/features/admin-plans/InitiativeForm";
import { departmentName, readable } from "@/lib/display";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ theme?: string | string[] }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("adminPlans.initiativeForm");
  return { title: t("newTitle") };
}

export default async function NewInitiativePage({ params, searchParams }: Props) {
  const viewer = await requirePermission("admin.plans");
  const plan = await getAdminPlan(viewer, (await params).id);
  if (!plan || plan.status === "CLOSED") notFound();
  const requested = (await searchParams).theme;
  const theme = typeof requested === "string" ? plan.themes.find((th) => th.id === requested && !th.archivedAt) : undefined;
  if (typeof requested === "string" && !theme) notFound();
  const t = await getTranslations("adminPlans");
  const locale = await getLocale();
  const departments = (await listDepartmentOptions(viewer)).map((d) => ({ id: d.id, label: `${d.code} · ${departmentName(d, locale)}` }));
  const lead = departments.some((d) => d.id === plan.department.id) ? plan.department.id : (departments[0]?.id ?? "");

  return (
    <div className="space-y-6">
      <Link href={`/admin/plans/${plan.id}`} className="text-sm text-brand-700 hover:underline">
        ← {t("plan.title", { department: departmentName(plan.department, locale), year: plan.year })}
      </Link>
      <PageHeader
        title={t("initiativeForm.newTitle")}
        description={
          theme ? (
            <>
              {t("initiativeForm.inTheme")} <span className="font-mono text-xs">{theme.code}</span>{" "}
              <span lang={locale === "zh-Hans" ? "zh-Hans" : "zh-Hant"}>{readable(theme.title, locale)}</span>
            </>
          ) : (
            t("initiativeForm.noTheme")
          )
        }
      />
      <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <InitiativeForm
          planId={plan.id}
          themeId={theme?.id ?? null}
          departments={departments}
          initial={{
            title: "",
            originalText: "",
            targetValue: "",
            targetUnit: "",
            targetApproximate: false,
            dueDate: `${plan.year}-12-31`,
            leadDepartmentId: lead,
            cooperatingDepartmentIds: [],
          }}
        />
      </section>
    </div>
  );
}
