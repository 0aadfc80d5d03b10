"use server";

import { getSession } from "@workplan/auth";
import { clientIp } from "@workplan/auth/options";
import { DomainError } from "@workplan/core/operations/errors";
import { inviteUser } from "@workplan/core/operations/invite-user";
import { forcePasswordReset, unlockUser, updateUser } from "@workplan/core/operations/update-user";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { setPasswordUrl } from "@/lib/set-password-url";

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

async function ip() {
  return clientIp(Object.fromEntries((await headers()).entries()));
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function toResult(error: unknown): AdminActionResult {
  if (error instanceof DomainError) {
    if (error.code === "invalid" || error.code === "conflict") return { status: "invalid", fields: error.fields ?? { form: "form.invalid" } };
    return { status: "not-found" };
  }
  console.error("account administration action failed", error);
  return { status: "error" };
}

/** Create an account; the one-time link travels back to the form once and is never readable again. */
export async function createUserAction(input: { name: unknown; email: unknown; role: unknown; department: unknown }): Promise<AdminActionResult> {
  const viewer = await getSession();
  if (!viewer) return { status: "signed-out" };
  try {
    const created = await inviteUser(
      viewer,
      { name: text(input.name), email: text(input.email), role: text(input.role) || undefined, department: text(input.department) },
      { ip: await ip() },
    );
    revalidatePath("/admin/users");
    return {
      status: "created",
      userId: created.user.id,
      name: created.user.name,
      email: created.user.email,
      link: { url: await setPasswordUrl(created.token), expiresAt: created.expiresAt.toISOString(), purpose: "INVITE" },
    };
  } catch (error) {
    return toResult(error);
  }
}

export async function updateRoleAction(userId: string, input: { role: unknown; department: unknown }): Promise<AdminActionResult> {
  const viewer = await getSession();
  if (!viewer) return { status: "signed-out" };
  try {
    await updateUser(viewer, userId, { role: text(input.role) || undefined, department: text(input.department) }, { ip: await ip() });
    revalidatePath(`/admin/users/${userId}`);
    revalidatePath("/admin/users");
    return { status: "done" };
  } catch (error) {
    return toResult(error);
  }
}

export async function setActiveAction(userId: string, active: boolean): Promise<AdminActionResult> {
  const viewer = await getSession();
  if (!viewer) return { status: "signed-out" };
  try {
    await updateUser(viewer, userId, { active: active === true }, { ip: await ip() });
    revalidatePath(`/admin/users/${userId}`);
    revalidatePath("/admin/users");
    return { status: "done" };
  } catch (error) {
    return toResult(error);
  }
}

export async function unlockAction(userId: string): Promise<AdminActionResult> {
  const viewer = await getSession();
  if (!viewer) return { status: "signed-out" };
  try {
    const { unlocked } = await unlockUser(viewer, userId, { ip: await ip() });
    revalidatePath(`/admin/users/${userId}`);
    revalidatePath("/admin/users");
    return { status: "done", unlocked };
  } catch (error) {
    return toResult(error);
  }
}

export async function forceResetAction(userId: string): Promise<AdminActionResult> {
  const viewer = await getSession();
  if (!viewer) return { status: "signed-out" };
  try {
    const reset = await forcePasswordReset(viewer, userId, { ip: await ip() });
    revalidatePath(`/admin/users/${userId}`);
    return { status: "link", link: { url: await setPasswordUrl(reset.token), expiresAt: reset.expiresAt.toISOString(), purpose: reset.purpose } };
  } catch (error) {
    return toResult(error);
  }
}
