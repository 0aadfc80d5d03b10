import type { Role } from "@workplan/core/rules/policy";

// The account form's department select holds a department code, NONE ("no department": for a
// MANAGER the whole ministry, for an ADMIN simply none) or "" (nothing chosen yet). Nothing chosen
// is sent as nothing, so the operation refuses a MANAGER without a choice instead of defaulting
// to the whole ministry; NONE is sent as null, the explicit choice.

export const NONE = "*";

/** The value the select starts from for an existing account. */
export function initialScope(role: Role, departmentCode: string | null): string {
  if (departmentCode) return departmentCode;
  return role === "STAFF" ? "" : NONE;
}

/**
 * The choice kept when the role changes: "none" means something else for each role (nothing for
 * staff, the whole ministry for a manager, no affiliation for an admin), so it never carries over.
 */
export function scopeAfterRoleChange(from: Role, to: Role, value: string): string {
  if (value !== NONE && value !== "") return value;
  if (to === "ADMIN") return NONE;
  if (to === "MANAGER" && from === "MANAGER") return value;
  return "";
}

/** What the operation is given: a code, null for the explicit "none", undefined for no choice. */
export function departmentInput(value: unknown): string | null | undefined {
  if (typeof value !== "string" || value.trim() === "") return undefined;
  return value === NONE ? null : value;
}
