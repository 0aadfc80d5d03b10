import { prisma } from "@workplan/db";
import "server-only";
import type { Viewer } from "../../rules/policy";
import { recordAudit } from "../audit";
import { issuePasswordLink, nextLinkPurpose } from "../password-link";
import {
    requireAdmin
} from "../user-admin";
import { lockUser, parseId, revokeSessions, type Context } from "./shared";
import { accountError } from "../user-admin";

/**
 * Force a new password: the current one stops working, every session ends, earlier unused links
 * expire, and a new one-time link is returned (once). For a user who never set a password it is a
 * renewed invitation.
 */
export async function forcePasswordReset(
  actor: Viewer,
  idInput: unknown,
  context: Context = {},
): Promise<{ token: string; expiresAt: Date; purpose: "INVITE" | "RESET" }> {
  requireAdmin(actor);
  const id = parseId(idInput);
  const now = context.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const user = await lockUser(tx, id);
    if (!user.active) throw accountError("conflict", "the account is deactivated", { form: "user.inactive" });
    const hadPassword = user.passwordHash !== null;
    // An invitation nobody has used yet is renewed as one; anyone who ever had a password gets a reset.
    const purpose = await nextLinkPurpose(tx, user);
    if (hadPassword) await tx.user.update({ where: { id: user.id }, data: { passwordHash: null } });
    const sessionsRevoked = await revokeSessions(tx, user.id, now);
    const link = await issuePasswordLink(tx, { userId: user.id, purpose, createdById: actor.id, now });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "user.password_reset",
      objectType: "User",
      objectId: user.id,
      before: { email: user.email, hasPassword: hadPassword },
      after: {
        email: user.email,
        hasPassword: false,
        sessionsRevoked,
        linksExpired: link.expiredEarlier,
        passwordLink: { purpose, expiresAt: link.expiresAt.toISOString() },
      },
      ip: context.ip ?? null,
    });
    return { token: link.token, expiresAt: link.expiresAt, purpose };
  });
}
