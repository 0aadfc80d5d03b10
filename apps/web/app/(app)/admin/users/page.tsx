import { requirePermission } from "@workplan/auth";
import { DomainError } from "@workplan/core/operations/errors";
import { listAssignableDepartments, listUsers, type AdminUserList } from "@workplan/core/operations/list-users";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { Alert } from "@/components/Alert";
import { buttonClass } from "@/components/Button";
import { PageHeader } from "@/components/PageHeader";
import { UserFilters } from "@/features/admin-users/UserFilters";
import { UserList } from "@/features/admin-users/UserList";
import type { UserFilterValues } from "@/features/admin-users/filters";
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
      <PageHeader
        title={t("title")}
        description={t("intro")}
        actions={
          <Link href="/admin/users/new" className={buttonClass("primary")}>
            {t("new")}
          </Link>
        }
      />
      <UserFilters key={JSON.stringify(filters)} initial={filters} departments={departments} />
      {invalid && (
        <Alert kind="warn" role="status">
          {t("errors.form.invalid")}
        </Alert>
      )}
      <UserList list={list} filters={invalid ? { q: "", role: "", department: "", active: "", locked: "" } : filters} />
    </div>
  );
}
