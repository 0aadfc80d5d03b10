"use client";

import type { Role } from "@workplan/core/rules/policy";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/Button";
import { useActionForm } from "@/lib/use-action-form";
import { useHydrated } from "@/lib/use-hydrated";
import { updateRoleAction } from "./actions";
import type { DepartmentOption } from "./CreateUserForm";
import { RoleDepartmentFields } from "./RoleDepartmentFields";
import { errorMessage } from "./messages";
import { Outcome } from "./Outcome";

export function RoleForm({ userId, role, department, departments }: { userId: string; role: Role; department: string; departments: DepartmentOption[] }) {
  const t = useTranslations("adminUsers");
  const [values, setValues] = useState({ role, department });
  const { pending, result, errors, submit } = useActionForm(() => updateRoleAction(userId, values));
  // Usable once hydrated: what is typed earlier would be lost (see useHydrated).
  const hydrated = useHydrated();

  const message = (field: string) => errorMessage(t, field, errors[field]);

  return (
    <form onSubmit={submit} method="post" noValidate data-testid="role-form">
      <fieldset disabled={!hydrated} className="m-0 min-w-0 space-y-4 border-0 p-0">
        <p className="text-sm text-slate-600">{t("roleForm.hint")}</p>
        <div className="grid gap-4 sm:grid-cols-2">
          <RoleDepartmentFields
            role={values.role}
            department={values.department}
            departments={departments}
            onRole={(role) => setValues((v) => ({ ...v, role }))}
            onDepartment={(department) => setValues((v) => ({ ...v, department }))}
            message={message}
          />
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={pending}>
            {pending ? t("roleForm.saving") : t("roleForm.save")}
          </Button>
          <Outcome result={result} done={t("roleForm.saved")} testId="role-result" />
        </div>
      </fieldset>
    </form>
  );
}
