"use server";

import { changePassword } from "@workplan/auth/change-password";
import { signOutOtherSessions } from "@workplan/core/operations/my-sessions";
import { updateMyPreferences } from "@workplan/core/operations/preferences/preferences";
import { checkNewPassword } from "@workplan/core/rules/password-policy";
import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { LOCALE_COOKIE } from "@/i18n/locales";
import { fieldsOf } from "@/lib/action-args";
import { authedAction } from "@/lib/authed-action";

export type ChangePasswordResult =
  | { status: "changed"; endedSessions: number }
  | { status: "invalid"; fields: Record<string, string> }
  | { status: "signed-out" }
  | { status: "error" };

const text = (value: unknown) => (typeof value === "string" ? value : "");

/** Change one's own password; the two new passwords must agree before anything else is asked. */
export async function changePasswordAction(input: {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}): Promise<ChangePasswordResult> {
  return authedAction<ChangePasswordResult, ChangePasswordResult>(
    "signed-in",
    "changing a password",
    async ({ viewer, ip }) => {
      const sent = fieldsOf(input);
      const currentPassword = text(sent.currentPassword);
      const newPassword = text(sent.newPassword);
      if (newPassword !== text(sent.confirmPassword)) {
        // Say what else is wrong with the fields too (the pure rule), without checking the current password.
        const fields: Record<string, string> = { confirmPassword: "confirmPassword.mismatch" };
        const problem = checkNewPassword(newPassword, { email: viewer.email, name: viewer.name });
        if (problem) fields.newPassword = problem;
        if (!currentPassword) fields.currentPassword = "currentPassword.required";
        return { status: "invalid", fields };
      }
      const { endedSessions } = await changePassword(viewer, { currentPassword, newPassword }, { ip });
      revalidatePath("/settings");
      return { status: "changed", endedSessions };
    },
    (error) =>
      error.code === "invalid" || error.code === "conflict"
        ? { status: "invalid", fields: error.fields ?? { form: "form.invalid" } }
        : error.code === "not_found"
          ? { status: "signed-out" }
          : { status: "error" },
  );
}

export type SignOutOthersResult = { status: "done"; ended: number } | { status: "signed-out" } | { status: "error" };

/** "Sign out everywhere else". */
export async function signOutOthersAction(): Promise<SignOutOthersResult> {
  return authedAction<SignOutOthersResult, SignOutOthersResult>(
    "signed-in",
    "signing out other sessions",
    async ({ viewer, ip }) => {
      const { ended } = await signOutOtherSessions(viewer, { ip });
      revalidatePath("/settings");
      return { status: "done", ended };
    },
    () => ({ status: "error" }),
  );
}

export type PreferencesResult =
  | { status: "saved" }
  | { status: "invalid"; fields: Record<string, string> }
  | { status: "signed-out" }
  | { status: "error" };

/** One's language (mails are written in it; the interface follows) and whether the weekly digest is mailed. */
export async function savePreferencesAction(input: { locale: string; digestEmail: boolean }): Promise<PreferencesResult> {
  return authedAction<PreferencesResult>("signed-in", "saving preferences", async ({ viewer, ip }) => {
    const sent = fieldsOf(input);
    const saved = await updateMyPreferences(viewer, { locale: sent.locale, digestEmail: sent.digestEmail }, { ip });
    (await cookies()).set(LOCALE_COOKIE, saved.locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax", secure: process.env.NEXTAUTH_URL?.startsWith("https://") });
    revalidatePath("/settings");
    return { status: "saved" };
  });
}
