import { prisma } from "@workplan/db";
import "server-only";
import type { Viewer } from "../../rules/policy";
import { recordAudit } from "../audit";
import { DomainError } from "../errors";
import {
    requireAdmin
} from "../user-admin";
import { parseId, type Context } from "./shared";

/**
 * Lift the sign-in delays of a user's e-mail (its own and every address's with it) and forget the
 * failures counted so far. Unlocking a user with nothing counted changes nothing. An address's own
 * delay (spraying) is not the user's: the sign-in throttles page clears those.
 */
export async function unlockUser(actor: Viewer, idInput: unknown, context: Context = {}): Promise<{ unlocked: boolean }> {
  requireAdmin(actor);
  const id = parseId(idInput);
  const now = context.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id }, select: { id: true, email: true } });
    if (!user) throw new DomainError("not_found", "no such user");
    const deleted = await tx.$queryRaw<{ failures: number; delayed_until: Date | null }[]>`
      DELETE FROM sign_in_throttles WHERE email = ${user.email} RETURNING failures, delayed_until`;
    if (deleted.length === 0) return { unlocked: false };
    const until = deleted.reduce<Date | null>((latest, r) => (r.delayed_until && (!latest || r.delayed_until > latest) ? r.delayed_until : latest), null);
    const wasLocked = until !== null && until > now;
    const failures = Math.max(...deleted.map((r) => r.failures));
    await recordAudit(tx, {
      actorId: actor.id,
      action: "user.unlocked",
      objectType: "User",
      objectId: user.id,
      before: { email: user.email, locked: wasLocked, lockedUntil: until?.toISOString() ?? null, failures },
      after: { email: user.email, locked: false, failures: 0 },
      ip: context.ip ?? null,
    });
    return { unlocked: wasLocked };
  });
}
