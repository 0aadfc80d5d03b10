import { requirePermission } from "@workplan/auth";
import { DomainError } from "@workplan/core/operations/errors";
import { listAssignableDepartments, listUsers, type AdminUserList } from "@workplan/core/operations/list-users";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import type { UserFilterValues } from "@/features/admin-users/filters";
import { UserFilters } from "@/features/admin-users/UserFilters";
import { UserList } from "@/features/admin-users/UserList";
import { departmentName } from "@/lib/display";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("adminUsers");
  return { title: t("title") };
}

type Search = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<Search> }) {
  const viewer = await requirePermission("admin.users");
  const t = await getTranslations("adminUsers");
  const locale = await getLocale();
  const params = await searchParams;
  const filters: UserFilterValues = {
    q: first(params.q),
    role: first(params.role),
    department: first(params.department),
    active: first(params.active),
    locked: first(params.locked),
  };
  const departments = (await listAssignableDepartments(viewer)).map((d) => ({ code: d.code, name: departmentName(d, locale) }));

  let list: AdminUserList;
  let invalid = false;
  try {
    list = await listUsers(viewer, { ...filters, page: first(params.page) });
  } catch (error) {
    // A hand-edited or outdated link: say so, and show the unfiltered list.
    if (!(error instanceof DomainError) || error.code !== "invalid") throw error;
    invalid = true;
    list = await listUsers(viewer, {});
  }

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{t("title")}</h1>
          <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("intro")}</p>
        </div>
        <Link href="/admin/users/new" className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
          {t("new")}
        </Link>
      </div>
      <UserFilters key={JSON.stringify(filters)} initial={filters} departments={departments} />
      {invalid && (
        <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="status">
          {t("errors.form.invalid")}
        </p>
      )}
      <UserList list={list} filters={invalid ? { q: "", role: "", department: "", active: "", locked: "" } : filters} />
    </div>
  );
}
