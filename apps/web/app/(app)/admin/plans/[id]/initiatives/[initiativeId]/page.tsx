import { requirePermission } from "@workplan/auth";
import { listDepartments } from "@workplan/core/operations/admin-departments";
import { getAdminInitiative } from "@workplan/core/operations/admin-initiatives";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ConfirmButton } from "@/features/admin-plans/ConfirmButton";
import { InitiativeForm } from "@/features/admin-plans/InitiativeForm";
import { setInitiativeArchivedAction } from "@/features/admin-plans/actions";
import { departmentName } from "@/lib/display";
import { isoDay } from "@workplan/core/rules/dates";
import { Alert } from "@/components/Alert";
import { PageHeader } from "@/components/PageHeader";

type Props = { params: Promise<{ id: string; initiativeId: string }> };

const load = cache(async (id: string) => getAdminInitiative(await requirePermission("admin.plans"), id));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const initiative = await load((await params).initiativeId);
  const t = await getTranslations("adminPlans.initiativeForm");
  return { title: initiative ? t("editTitle", { code: initiative.code }) : t("newTitle") };
}

export default async function EditInitiativePage({ params }: Props) {
  const { id, initiativeId } = await params;
  const initiative = await load(initiativeId);
  if (!initiative || initiative.planId !== id) notFound();
  const viewer = await requirePermission("admin.plans");
  const t = await getTranslations("adminPlans");
  const locale = await getLocale();
  // Departments taking new work, and any archived one the initiative already names.
  const current = new Set([initiative.department.id, ...initiative.cooperatingDepartmentIds]);
  const departments = (await listDepartments(viewer))
    .filter((d) => !d.archivedAt || current.has(d.id))
    .map((d) => ({ id: d.id, label: `${d.code} · ${departmentName(d, locale)}${d.archivedAt ? ` (${t("archived")})` : ""}` }));
  const archived = initiative.archivedAt !== null;

  return (
    <div className="space-y-6">
      <Link href={`/admin/plans/${initiative.plan.id}`} className="text-sm text-brand-700 hover:underline">
        ← {t("plan.title", { department: departmentName(initiative.plan.department, locale), year: initiative.plan.year })}
      </Link>
      <PageHeader
        title={t("initiativeForm.editTitle", { code: initiative.code })}
        description={initiative.updateCount > 0 ? t("initiativeForm.reportedNote", { count: initiative.updateCount, progress: initiative.progress }) : t("initiativeForm.noReports")}
        actions={
          <Link href={`/initiatives/${initiative.id}`} className="text-sm font-medium text-brand-700 hover:underline">
            {t("initiativeForm.viewPage")}
          </Link>
        }
      />
      {archived ? (
        <Alert kind="info" role={null} testId="initiative-archived">
          {t("initiativeForm.archivedNote")}
        </Alert>
      ) : (
        <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <InitiativeForm
            planId={initiative.plan.id}
            initiativeId={initiative.id}
            departments={departments}
            initial={{
              title: initiative.title,
              originalText: initiative.originalText,
              targetValue: initiative.target ? String(initiative.target.value) : "",
              targetUnit: initiative.target?.unit ?? "",
              targetApproximate: initiative.target?.approximate ?? false,
              dueDate: isoDay(initiative.dueDate),
              leadDepartmentId: initiative.department.id,
              cooperatingDepartmentIds: initiative.cooperatingDepartmentIds,
            }}
          />
        </section>
      )}
      <ConfirmButton
        label={archived ? t("restore") : t("archive")}
        pendingLabel={t("working")}
        confirm={archived ? undefined : t("plan.archiveInitiativeConfirm", { code: initiative.code })}
        run={setInitiativeArchivedAction.bind(null, initiative.plan.id, initiative.id, !archived)}
        testId={archived ? "restore-initiative" : "archive-initiative"}
      />
    </div>
  );
}
