import "server-only";
import { recordAudit } from "@workplan/core/operations/audit";
import { DomainError } from "@workplan/core/operations/errors";
import type { SessionViewer } from "@workplan/core/operations/load-viewer";
import { currentSessionId, revokeOtherSessions } from "@workplan/core/operations/my-sessions";
import { PASSWORD_MESSAGES, checkNewPassword } from "@workplan/core/rules/password-policy";
import { throttleAddress } from "@workplan/core/rules/sign-in-throttle";
import { prisma } from "@workplan/db";
import { z } from "zod";
import { dummyPasswordHash, hashPassword, verifyPassword } from "./password";
import { clearAccount, countFailure, findThrottle } from "./throttle";

// Changing one's own password. The whole flow lives here rather than in packages/core because the
// hash (argon2) and the failure count it shares with sign-in are auth's: validate → authorise (the
// current password, throttled like sign-in) → one transaction: the new hash, every other session
// ended, the audit event (which never holds a password or a hash).

/** The form, with the rule for new passwords applied to this user (not their e-mail or name). */
function changePasswordSchema(about: { email: string; name: string }) {
  return z.object({
    currentPassword: z.string({ error: "currentPassword.required" }).min(1, "currentPassword.required").max(1024, "currentPassword.wrong"),
    newPassword: z.string({ error: "password.required" }).superRefine((password, ctx) => {
      const problem = checkNewPassword(password, about);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  });
}

/** English wording of the keys, for the API and logs; the account page translates the same keys. */
export const CHANGE_PASSWORD_MESSAGES: Record<string, string> = {
  ...PASSWORD_MESSAGES,
  "currentPassword.required": "Enter your current password.",
  "currentPassword.wrong": "The current password is not right.",
  "currentPassword.locked": "Too many wrong passwords: wait a few minutes before trying again.",
  "password.sameAsCurrent": "Choose a password other than the current one.",
  "form.changedMeanwhile": "The password was changed meanwhile: sign in again.",
};

export interface ChangePasswordContext {
  ip?: string | null;
}

function fieldsOf(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[String(issue.path[0] ?? "form")] ??= issue.message;
  return fields;
}

/**
 * Change the viewer's own password. Refusals are DomainErrors with message keys per field
 * (`currentPassword`, `newPassword`). A wrong current password counts in the sign-in throttle, on the
 * account and on this address with the account: wrong passwords at sign-in and here add up, and a
 * delay of either holds back both (`currentPassword.locked`).
 */
export async function changePassword(
  viewer: SessionViewer,
  input: unknown,
  context: ChangePasswordContext = {},
): Promise<{ endedSessions: number }> {
  const ip = context.ip ?? null;

  // Validate: every field at once, the new password by the rule for new passwords.
  const parsed = changePasswordSchema({ email: viewer.email, name: viewer.name }).safeParse(input);
  if (!parsed.success) throw new DomainError("invalid", "the new password has problems", fieldsOf(parsed.error));
  const { currentPassword, newPassword } = parsed.data;

  // The hash is omitted from every read unless asked for, as here.
  const user = await prisma.user.findUnique({ where: { id: viewer.id }, omit: { passwordHash: false } });
  if (!user || !user.active) throw new DomainError("not_found", "no such user");

  // Authorise: the current password, under the same delays as sign-in.
  const keys = { address: throttleAddress(ip), email: user.email };
  const throttle = await findThrottle(keys, { userId: user.id, ip });
  if (throttle) {
    await recordAudit(prisma, {
      actorId: user.id,
      action: "user.password_change_failed",
      objectType: "User",
      objectId: user.id,
      after: { reason: "locked", by: throttle.kind, delayedUntil: throttle.delayedUntil.toISOString() },
      ip,
    });
    throw new DomainError("invalid", "locked", { currentPassword: "currentPassword.locked" });
  }
  const ok = await verifyPassword(user.passwordHash ?? (await dummyPasswordHash()), currentPassword);
  if (!ok || !user.passwordHash) {
    const { failures, delayed } = await countFailure(keys, { address: false });
    const locked = delayed !== null;
    await recordAudit(prisma, {
      actorId: user.id,
      action: "user.password_change_failed",
      objectType: "User",
      objectId: user.id,
      after: { reason: "wrong_current_password", failures: failures.pair ?? 0, locked },
      ip,
    });
    throw new DomainError("invalid", "wrong current password", {
      currentPassword: locked ? "currentPassword.locked" : "currentPassword.wrong",
    });
  }
  if (newPassword === currentPassword) {
    throw new DomainError("invalid", "the new password is the current one", { newPassword: "password.sameAsCurrent" });
  }

  // Write: hashed outside the transaction (it takes a while), stored only if the hash is still the one verified.
  const newHash = await hashPassword(newPassword);
  const oldHash = user.passwordHash;
  return prisma.$transaction(async (tx) => {
    const updated = await tx.user.updateMany({ where: { id: user.id, passwordHash: oldHash }, data: { passwordHash: newHash } });
    if (updated.count === 0) throw new DomainError("conflict", "the password changed meanwhile", { form: "form.changedMeanwhile" });
    const endedSessions = await revokeOtherSessions(tx, user.id, currentSessionId(viewer));
    await clearAccount(tx, user.email);
    await recordAudit(tx, {
      actorId: user.id,
      action: "user.password_changed",
      objectType: "User",
      objectId: user.id,
      after: { endedSessions, keptSession: currentSessionId(viewer) },
      ip,
    });
    return { endedSessions };
  });
}
