import { requirePermission } from "@workplan/auth";
import { listAssignableDepartments } from "@workplan/core/operations/list-users";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
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
      <div>
        <h1 className="text-2xl font-semibold">{t("create.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("create.intro")}</p>
      </div>
      <CreateUserForm departments={departments} />
    </div>
  );
}
