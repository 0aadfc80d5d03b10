"use client";

import { ROLES } from "@workplan/core/rules/policy";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/Button";
import { Field, filterInputClass } from "@/components/Field";
import { useHydrated } from "@/lib/use-hydrated";
import type { DepartmentOption } from "./CreateUserForm";
import { filtersToSearch, type UserFilterValues } from "./filters";

export function UserFilters({ initial, departments }: { initial: UserFilterValues; departments: DepartmentOption[] }) {
  const t = useTranslations("adminUsers");
  const tRoles = useTranslations("roles");
  const router = useRouter();
  const [values, setValues] = useState(initial);
  const [pending, startTransition] = useTransition();
  // Usable once hydrated: what is typed earlier would be ignored when applying (see useHydrated).
  const hydrated = useHydrated();
  const set = (key: keyof UserFilterValues, value: string) => setValues((v) => ({ ...v, [key]: value }));

  function apply(next: UserFilterValues) {
    startTransition(() => router.push(`/admin/users${filtersToSearch(next)}`));
  }

  return (
    <form
      role="search"
      aria-label={t("filters")}
      onSubmit={(e) => {
        e.preventDefault();
        apply(values);
      }}
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      data-testid="user-filters"
    >
      <fieldset disabled={!hydrated} className="m-0 grid min-w-0 gap-3 border-0 p-0 sm:grid-cols-2 lg:grid-cols-6">
        <Field id="filter-q" className="sm:col-span-2" label={t("search")}>
          {({ id }) => (
            <input
              id={id}
              type="search"
              value={values.q}
              maxLength={100}
              placeholder={t("searchPlaceholder")}
              onChange={(e) => set("q", e.target.value)}
              className={filterInputClass}
            />
          )}
        </Field>
        <Field id="filter-role" label={t("role")}>
          {({ id }) => (
            <select id={id} value={values.role} onChange={(e) => set("role", e.target.value)} className={filterInputClass}>
              <option value="">{t("allRoles")}</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {tRoles(r)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="filter-department" label={t("department")}>
          {({ id }) => (
            <select id={id} value={values.department} onChange={(e) => set("department", e.target.value)} className={filterInputClass}>
              <option value="">{t("allDepartments")}</option>
              {departments.map((d) => (
                <option key={d.code} value={d.code}>
                  {d.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="filter-active" label={t("status")}>
          {({ id }) => (
            <select id={id} value={values.active} onChange={(e) => set("active", e.target.value)} className={filterInputClass}>
              <option value="">{t("statusAll")}</option>
              <option value="true">{t("statusActive")}</option>
              <option value="false">{t("statusInactive")}</option>
            </select>
          )}
        </Field>
        <Field id="filter-locked" label={t("lock")}>
          {({ id }) => (
            <select id={id} value={values.locked} onChange={(e) => set("locked", e.target.value)} className={filterInputClass}>
              <option value="">{t("lockAll")}</option>
              <option value="true">{t("lockLocked")}</option>
              <option value="false">{t("lockUnlocked")}</option>
            </select>
          )}
        </Field>
        <div className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-6">
          <Button type="submit" disabled={pending}>
            {t("apply")}
          </Button>
          <Button
            variant="link"
            onClick={() => {
              const cleared = { q: "", role: "", department: "", active: "", locked: "" };
              setValues(cleared);
              apply(cleared);
            }}
          >
            {t("clear")}
          </Button>
        </div>
      </fieldset>
    </form>
  );
}
