"use client";

import { ROLES, type Role } from "@workplan/core/rules/policy";
import { useTranslations } from "next-intl";
import { Field, inputClass } from "@/components/Field";
import type { DepartmentOption } from "./CreateUserForm";
import { NONE, scopeAfterRoleChange } from "./scope";

/**
 * The role and department selects of an account, as the create and the change forms show them.
 * The department is an explicit choice: the select starts on "choose…", and "whole ministry" is an
 * option of its own for a manager (an admin's "none"; never offered to staff).
 */
export function RoleDepartmentFields({
  role,
  department,
  departments,
  onRole,
  onDepartment,
  message,
  named = false,
}: {
  role: Role;
  department: string;
  departments: DepartmentOption[];
  onRole: (role: Role) => void;
  onDepartment: (code: string) => void;
  message: (field: "role" | "department") => string | null | undefined;
  /** Give the selects their form names (the create form posts them). */
  named?: boolean;
}) {
  const t = useTranslations("adminUsers");
  const tRoles = useTranslations("roles");
  return (
    <>
      <Field id="role" label={t("role")} error={message("role")} errorTestId="error-role">
        {(control) => (
          <select
            {...control}
            name={named ? "role" : undefined}
            value={role}
            onChange={(e) => {
              const next = e.target.value as Role;
              const scope = scopeAfterRoleChange(role, next, department);
              onRole(next);
              if (scope !== department) onDepartment(scope);
            }}
            className={inputClass}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {tRoles(r)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id="department"
        label={t("department")}
        hint={t(`scope.hint.${role}`)}
        hintPlacement="after-error"
        error={message("department")}
        errorTestId="error-department"
      >
        {(control) => (
          <select
            {...control}
            name={named ? "department" : undefined}
            value={department}
            onChange={(e) => onDepartment(e.target.value)}
            className={inputClass}
            data-testid="department-select"
          >
            {role !== "ADMIN" && <option value="">{t("scope.choose")}</option>}
            {role === "MANAGER" && <option value={NONE}>{t("scope.wholeMinistry")}</option>}
            {role === "ADMIN" && <option value={NONE}>{t("scope.adminNone")}</option>}
            {departments.map((d) => (
              <option key={d.code} value={d.code}>
                {d.name}
              </option>
            ))}
          </select>
        )}
      </Field>
    </>
  );
}
