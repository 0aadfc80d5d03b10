import "server-only";
import type { Prisma } from "@workplan/db";
import { z } from "zod";
import { PASSWORD_MESSAGES } from "../rules/password-policy";
import { ROLES, can, type Role, type Viewer } from "../rules/policy";
import { DomainError } from "./errors";

// What the account-administration operations (list-users, invite-user, update-user,
// redeem-password-link) share: the field schemas with their message keys, the admin check, the
// department lookup and the audit snapshot of a user.

export const emailSchema = z
  .string({ error: "email.required" })
  .trim()
  .toLowerCase()
  .min(1, "email.required")
  .max(254, "email.tooLong")
  .pipe(z.email({ error: "email.invalid" }));

export const nameSchema = z.string({ error: "name.required" }).trim().min(1, "name.required").max(100, "name.tooLong");

export const roleSchema = z.enum(ROLES, { error: "role.invalid" });

/**
 * A department code (KJS), or null for none: for a MANAGER that is the whole ministry, so it is a
 * choice that must be made explicitly. Empty text is no choice at all (the same as leaving it out),
 * never "none": a form whose select was left on its placeholder must not widen anyone's scope.
 */
export const departmentCodeSchema = z
  .string({ error: "department.invalid" })
  .trim()
  .max(20, "department.invalid")
  .transform((code) => (code === "" ? undefined : code.toUpperCase()))
  .nullable()
  .describe(
    "A department's code such as KJS, or null for none. A MANAGER with none sees the whole ministry, so for a MANAGER null must be given explicitly; empty text counts as not given",
  );

/**
 * Whether an account with this role may be left without a scope choice, and what a missing choice
 * means: STAFF always need a department; a MANAGER's scope (a department or, explicitly, the whole
 * ministry) must be chosen; an ADMIN sees the whole ministry whatever their department, so theirs
 * is optional and defaults to none.
 */
export function scopeProblem(role: Role, department: string | null | undefined): "department.required" | "department.choose" | null {
  if (role === "STAFF" && (department === null || department === undefined)) return "department.required";
  if (role === "MANAGER" && department === undefined) return "department.choose";
  return null;
}

/** English wording of the message keys, for the API; the pages translate the same keys. */
export const ADMIN_USER_MESSAGES: Record<string, string> = {
  ...PASSWORD_MESSAGES,
  "email.required": "Enter the e-mail address.",
  "email.invalid": "Give a valid e-mail address.",
  "email.tooLong": "Keep the e-mail address to 254 characters.",
  "email.taken": "An account with this e-mail address already exists.",
  "name.required": "Enter the name.",
  "name.tooLong": "Keep the name to 100 characters.",
  "role.invalid": "The role is one of STAFF, MANAGER, ADMIN.",
  "role.lastAdmin": "This is the last active administrator: make another administrator first.",
  "active.invalid": "Give true or false.",
  "active.lastAdmin": "This is the last active administrator: make another administrator first.",
  "locked.invalid": "Give true or false.",
  "department.required": "Staff need a department.",
  "department.choose": "Choose the manager's department, or the whole ministry (department: null).",
  "department.invalid": "Give a department code such as KJS.",
  "department.unknown": "There is no department with this code.",
  "department.archived": "This department is archived: choose another.",
  "user.inactive": "The account is deactivated: reactivate it first.",
  "link.invalid": "This link is not valid.",
  "link.used": "This link has already been used.",
  "link.expired": "This link has expired.",
  "q.tooLong": "Keep the search to 100 characters.",
  "page.invalid": "The page is a whole number from 1.",
  "limit.range": "The limit is a whole number from 1 to 200.",
  "parameter.unknown": "Unknown parameter.",
  "form.invalid": "The body must be a JSON object with the documented fields only.",
};

/** A refusal of an account operation, its keys worded by ADMIN_USER_MESSAGES (not the API's shared table). */
export function accountError(code: "invalid" | "conflict", message: string, fields: Record<string, string>): DomainError {
  return new DomainError(code, message, fields, ADMIN_USER_MESSAGES);
}

/** Only admins administer accounts; to anyone else the operations behave as if there were nothing. */
export function requireAdmin(actor: Viewer | null | undefined): asserts actor is Viewer {
  if (!actor || !can(actor, "admin.users")) throw new DomainError("forbidden", "only admins administer accounts");
}

type Tx = Prisma.TransactionClient;

export const departmentSelect = { id: true, code: true, nameZhHans: true, nameZhHant: true, nameEn: true } as const;

/** The department of a code, for assigning a user to it: unknown and archived ones are refused. */
export async function departmentForAssignment(tx: Tx, code: string, field = "department") {
  const department = await tx.department.findUnique({ where: { code }, select: { ...departmentSelect, archivedAt: true } });
  if (!department) throw accountError("invalid", "unknown department", { [field]: "department.unknown" });
  if (department.archivedAt) throw accountError("invalid", "archived department", { [field]: "department.archived" });
  const { archivedAt: _archivedAt, ...fields } = department;
  return fields;
}

/** A user as the audit trail records it: never a password hash or a token. */
export interface UserSnapshot {
  email: string;
  name: string;
  role: Role;
  department: string | null;
  active: boolean;
}

export function snapshot(user: { email: string; name: string; role: Role; active: boolean; department: { code: string } | null }): UserSnapshot {
  return { email: user.email, name: user.name, role: user.role, department: user.department?.code ?? null, active: user.active };
}

/** The fields of a user the admin pages and the API show. */
export const adminUserSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  active: true,
  lastLoginAt: true,
  createdAt: true,
  passwordHash: true,
  department: { select: departmentSelect },
} as const satisfies Prisma.UserSelect;

export const apiAdminUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  department: z
    .object({ code: z.string(), nameZhHans: z.string(), nameZhHant: z.string(), nameEn: z.string() })
    .nullable()
    .describe("null: no department (a MANAGER without one is ministry-wide)"),
  active: z.boolean(),
  hasPassword: z.boolean().describe("false until the user has set a password from the one-time link"),
  locked: z.boolean().describe("Signing in is locked after repeated failures"),
  lockedUntil: z.iso.datetime().nullable(),
  lastLoginAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});

export type ApiAdminUser = z.infer<typeof apiAdminUserSchema>;

/** The shape shared by the pages and the API (dates as ISO strings, never the hash itself). */
export function toAdminUser(
  user: {
    id: string;
    email: string;
    name: string;
    role: Role;
    active: boolean;
    lastLoginAt: Date | null;
    createdAt: Date;
    passwordHash: string | null;
    department: { code: string; nameZhHans: string; nameZhHant: string; nameEn: string } | null;
  },
  lockedUntil: Date | null,
): ApiAdminUser {
  const d = user.department;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    department: d && { code: d.code, nameZhHans: d.nameZhHans, nameZhHant: d.nameZhHant, nameEn: d.nameEn },
    active: user.active,
    hasPassword: user.passwordHash !== null,
    locked: lockedUntil !== null,
    lockedUntil: lockedUntil?.toISOString() ?? null,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}
