import { requirePermission } from "@workplan/auth";
import { listAssignableDepartments } from "@workplan/core/operations/list-users";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { PageHeader } from "@/components/PageHeader";
import { CreateUserForm } from "@/features/admin-users/CreateUserForm";
import { departmentName } from "@/lib/display";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("adminUsers");
  return { title: t("create.title") };
}

export default async function NewUserPage() {
  const viewer = await requirePermission("admin.users");
  const t = await getTranslations("adminUsers");
  const locale = await getLocale();
  const departments = (await listAssignableDepartments(viewer)).map((d) => ({ code: d.code, name: departmentName(d, locale) }));
  return (
    <div className="max-w-3xl space-y-5">
      <Link href="/admin/users" className="text-sm text-brand-700 hover:underline">
        ← {t("back")}
      </Link>
      <PageHeader title={t("create.title")} description={t("create.intro")} />
      <CreateUserForm departments={departments} />
    </div>
  );
}
