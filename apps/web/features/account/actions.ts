"use server";

import { getSession } from "@workplan/auth";
import { changePassword } from "@workplan/auth/change-password";
import { clientIp } from "@workplan/auth/options";
import { DomainError } from "@workplan/core/operations/errors";
import { signOutOtherSessions } from "@workplan/core/operations/my-sessions";
import { checkNewPassword } from "@workplan/core/rules/password-policy";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";

export type ChangePasswordResult =
  | { status: "changed"; endedSessions: number }
  | { status: "invalid"; fields: Record<string, string> }
  | { status: "signed-out" }
  | { status: "error" };

async function ip() {
  return clientIp(Object.fromEntries((await headers()).entries()));
}

const text = (value: unknown) => (typeof value === "string" ? value : "");

/** Change one's own password; the two new passwords must agree before anything else is asked. */
export async function changePasswordAction(input: {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}): Promise<ChangePasswordResult> {
  const viewer = await getSession();
  if (!viewer) return { status: "signed-out" };
  const currentPassword = text(input.currentPassword);
  const newPassword = text(input.newPassword);
  if (newPassword !== text(input.confirmPassword)) {
    // Say what else is wrong with the fields too (the pure rule), without checking the current password.
    const fields: Record<string, string> = { confirmPassword: "confirmPassword.mismatch" };
    const problem = checkNewPassword(newPassword, { email: viewer.email, name: viewer.name });
    if (problem) fields.newPassword = problem;
    if (!currentPassword) fields.currentPassword = "currentPassword.required";
    return { status: "invalid", fields };
  }
  try {
    const { endedSessions } = await changePassword(viewer, { currentPassword, newPassword }, { ip: await ip() });
    revalidatePath("/settings");
    return { status: "changed", endedSessions };
  } catch (error) {
    if (error instanceof DomainError && (error.code === "invalid" || error.code === "conflict")) {
      return { status: "invalid", fields: error.fields ?? { form: "form.invalid" } };
    }
    if (error instanceof DomainError && error.code === "not_found") return { status: "signed-out" };
    console.error("changing a password failed", error);
    return { status: "error" };
  }
}

export type SignOutOthersResult = { status: "done"; ended: number } | { status: "signed-out" } | { status: "error" };

/** "Sign out everywhere else". */
export async function signOutOthersAction(): Promise<SignOutOthersResult> {
  const viewer = await getSession();
  if (!viewer) return { status: "signed-out" };
  try {
    const { ended } = await signOutOtherSessions(viewer, { ip: await ip() });
    revalidatePath("/settings");
    return { status: "done", ended };
  } catch (error) {
    console.error("signing out other sessions failed", error);
    return { status: "error" };
  }
}
