import { requirePermission } from "@workplan/auth";
import { getDepartment } from "@workplan/core/operations/admin-departments";
import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/PageHeader";
import { ConfirmButton } from "@/features/admin-plans/ConfirmButton";
import { DepartmentForm } from "@/features/admin-plans/DepartmentForm";
import { deleteDepartmentAction, setDepartmentArchivedAction } from "@/features/admin-plans/actions";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const viewer = await requirePermission("admin.departments");
  const t = await getTranslations("adminDepartments");
  const department = await getDepartment(viewer, (await params).id);
  return { title: department ? t("editTitle", { code: department.code }) : t("title") };
}

export default async function AdminDepartmentPage({ params }: Props) {
  const viewer = await requirePermission("admin.departments");
  const department = await getDepartment(viewer, (await params).id);
  if (!department) notFound();
  const t = await getTranslations("adminDepartments");
  const format = await getFormatter();
  const archived = department.archivedAt !== null;

  return (
    <div className="space-y-6">
      <Link href="/admin/departments" className="text-sm text-brand-700 hover:underline">
        ← {t("back")}
      </Link>
      <PageHeader
        title={t("editTitle", { code: department.code })}
        description={department.archivedAt ? t("archivedOn", { date: format.dateTime(department.archivedAt, { dateStyle: "medium" }) }) : undefined}
        descriptionTestId="department-archived"
      />

      <section aria-labelledby="department-names" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="department-names" className="mb-4 text-base font-semibold">
          {t("namesTitle")}
        </h2>
        <DepartmentForm
          department={{ id: department.id, code: department.code, nameZhHans: department.nameZhHans, nameZhHant: department.nameZhHant, nameEn: department.nameEn }}
        />
      </section>

      <section aria-labelledby="department-status" className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="department-status" className="text-base font-semibold">
          {t("statusTitle")}
        </h2>
        <p className="text-sm text-slate-700">
          {t("counts", {
            users: format.number(department.counts.users),
            initiatives: format.number(department.counts.initiatives),
            plans: format.number(department.counts.plans),
          })}
        </p>
        <p className="text-sm text-slate-600">{department.deletable ? t("deletableHint") : t("inUseHint")}</p>
        <div className="flex flex-wrap gap-3">
          <ConfirmButton
            label={archived ? t("restore") : t("archive")}
            pendingLabel={t("working")}
            confirm={archived ? undefined : t("archiveConfirm", { code: department.code })}
            run={setDepartmentArchivedAction.bind(null, department.id, !archived)}
            testId={archived ? "restore-department" : "archive-department"}
          />
          {department.deletable && (
            <ConfirmButton
              label={t("delete")}
              pendingLabel={t("working")}
              confirm={t("deleteConfirm", { code: department.code })}
              run={deleteDepartmentAction.bind(null, department.id)}
              then="/admin/departments"
              danger
              testId="delete-department"
            />
          )}
        </div>
      </section>
    </div>
  );
}
