"use server";

import type { DomainError } from "@workplan/core/operations/errors";
import { inviteUser } from "@workplan/core/operations/invite-user";
import { forcePasswordReset, unlockUser, updateUser } from "@workplan/core/operations/update-user";
import { revalidatePath } from "next/cache";
import { fieldsOf, path } from "@/lib/action-args";
import { authedAction } from "@/lib/authed-action";
import { setPasswordUrl } from "@/lib/set-password-url";
import { departmentInput } from "./scope";

// The admin pages' actions: each parses what the form sent, calls the operation, and answers with
// a result the form shows (field errors as message keys, translated in the browser's language).

export type OneTimeLink = { url: string; expiresAt: string; purpose: "INVITE" | "RESET" };

export type AdminActionResult =
  | { status: "done"; unlocked?: boolean }
  | { status: "created"; userId: string; name: string; email: string; link: OneTimeLink }
  | { status: "link"; link: OneTimeLink }
  | { status: "invalid"; fields: Record<string, string> }
  | { status: "signed-out" }
  | { status: "not-found" }
  | { status: "error" };

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function refused(error: DomainError): AdminActionResult {
  if (error.code === "invalid" || error.code === "conflict") return { status: "invalid", fields: error.fields ?? { form: "form.invalid" } };
  return { status: "not-found" };
}

/** Create an account; the one-time link travels back to the form once and is never readable again. */
export async function createUserAction(input: { name: unknown; email: unknown; role: unknown; department: unknown }): Promise<AdminActionResult> {
  return authedAction<AdminActionResult, AdminActionResult>(
    "admin.users",
    "account administration",
    async ({ viewer, ip }) => {
      const created = await inviteUser(
        viewer,
        { name: text(fieldsOf(input).name), email: text(fieldsOf(input).email), role: text(fieldsOf(input).role) || undefined, department: departmentInput(fieldsOf(input).department) },
        { ip: ip },
      );
      revalidatePath("/admin/users");
      return {
        status: "created",
        userId: created.user.id,
        name: created.user.name,
        email: created.user.email,
        link: { url: await setPasswordUrl(created.token), expiresAt: created.expiresAt.toISOString(), purpose: "INVITE" },
      };
    },
    refused,
  );
}

export async function updateRoleAction(userId: string, input: { role: unknown; department: unknown }): Promise<AdminActionResult> {
  return authedAction<AdminActionResult, AdminActionResult>(
    "admin.users",
    "account administration",
    async ({ viewer, ip }) => {
      const sent = fieldsOf(input);
      await updateUser(viewer, userId, { role: text(sent.role) || undefined, department: departmentInput(sent.department) }, { ip: ip });
      revalidatePath(path`/admin/users/${userId}`);
      revalidatePath("/admin/users");
      return { status: "done" };
    },
    refused,
  );
}

export async function setActiveAction(userId: string, active: boolean): Promise<AdminActionResult> {
  return authedAction<AdminActionResult, AdminActionResult>(
    "admin.users",
    "account administration",
    async ({ viewer, ip }) => {
      await updateUser(viewer, userId, { active: active === true }, { ip: ip });
      revalidatePath(path`/admin/users/${userId}`);
      revalidatePath("/admin/users");
      return { status: "done" };
    },
    refused,
  );
}

export async function unlockAction(userId: string): Promise<AdminActionResult> {
  return authedAction<AdminActionResult, AdminActionResult>(
    "admin.users",
    "account administration",
    async ({ viewer, ip }) => {
      const { unlocked } = await unlockUser(viewer, userId, { ip: ip });
      revalidatePath(path`/admin/users/${userId}`);
      revalidatePath("/admin/users");
      return { status: "done", unlocked };
    },
    refused,
  );
}

export async function forceResetAction(userId: string): Promise<AdminActionResult> {
  return authedAction<AdminActionResult, AdminActionResult>(
    "admin.users",
    "account administration",
    async ({ viewer, ip }) => {
      const reset = await forcePasswordReset(viewer, userId, { ip: ip });
      revalidatePath(path`/admin/users/${userId}`);
      return { status: "link", link: { url: await setPasswordUrl(reset.token), expiresAt: reset.expiresAt.toISOString(), purpose: reset.purpose } };
    },
    refused,
  );
}
