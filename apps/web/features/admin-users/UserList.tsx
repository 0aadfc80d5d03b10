import type { AdminUserList } from "@workplan/core/operations/list-users";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { departmentName } from "@/lib/display";
import { filtersToSearch, type UserFilterValues } from "./filters";

export async function UserList({ list, filters }: { list: AdminUserList; filters: UserFilterValues }) {
  const t = await getTranslations("adminUsers");
  const tRoles = await getTranslations("roles");
  const locale = await getLocale();
  const format = await getFormatter();
  const pages = Math.max(1, Math.ceil(list.total / list.limit));
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });

  return (
    <section aria-labelledby="user-list-heading" className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
      <h2 id="user-list-heading" className="border-b border-slate-200 bg-slate-50 px-4 py-3 text-sm font-medium text-slate-700" data-testid="user-total">
        {t("total", { total: list.total })}
      </h2>
      {list.items.length === 0 ? (
        <p className="p-8 text-center text-sm text-slate-600" data-testid="users-empty">
          {t("empty")}
        </p>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="user-list">
          {list.items.map((user) => (
            <li key={user.id} className="px-4 py-3" data-testid="user-row" data-email={user.email}>
              <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1">
                <div className="min-w-0">
                  <Link href={`/admin/users/${user.id}`} className="font-medium text-brand-700 hover:underline">
                    {user.name}
                  </Link>
                  <p className="break-all text-sm text-slate-600">{user.email}</p>
                </div>
                <div className="flex flex-wrap items-center gap-1.5 text-xs">
                  {!user.active && <span className="rounded bg-slate-200 px-1.5 py-0.5 font-medium text-slate-800">{t("inactive")}</span>}
                  {user.locked && <span className="rounded bg-amber-100 px-1.5 py-0.5 font-medium text-amber-900">{t("locked")}</span>}
                  {!user.hasPassword && user.active && (
                    <span className="rounded bg-sky-100 px-1.5 py-0.5 font-medium text-sky-900">{t("noPassword")}</span>
                  )}
                </div>
              </div>
              <p className="mt-1 text-sm text-slate-700">
                {tRoles(user.role)} · {user.department ? departmentName(user.department, locale) : user.role === "STAFF" ? t("noDepartment") : t("ministryWide")} ·{" "}
                <span className="text-slate-600">{user.lastLoginAt ? t("lastLoginAt", { date: when(user.lastLoginAt) }) : t("never")}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
      {pages > 1 && (
        <nav aria-label={t("pagination")} className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-4 py-3 text-sm">
          {list.page > 1 ? (
            <Link href={`/admin/users${filtersToSearch({ ...filters, page: list.page - 1 })}`} className="text-brand-700 underline underline-offset-2">
              ← {t("previous")}
            </Link>
          ) : (
            <span />
          )}
          <span className="text-slate-600">{t("page", { page: list.page, pages })}</span>
          {list.page < pages ? (
            <Link href={`/admin/users${filtersToSearch({ ...filters, page: list.page + 1 })}`} className="text-brand-700 underline underline-offset-2">
              {t("next")} →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      )}
    </section>
  );
}
