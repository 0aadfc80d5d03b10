import { prisma } from "@workplan/db";
import "server-only";
import type { Viewer } from "../../rules/policy";
import { recordAudit } from "../audit";
import { DomainError } from "../errors";
import {
    requireAdmin
} from "../user-admin";
import { parseId, type Context } from "./shared";

/** Lift a sign-in lock (and forget the failures counted so far). Unlocking an unlocked user changes nothing. */
export async function unlockUser(actor: Viewer, idInput: unknown, context: Context = {}): Promise<{ unlocked: boolean }> {
  requireAdmin(actor);
  const id = parseId(idInput);
  const now = context.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id }, select: { id: true, email: true } });
    if (!user) throw new DomainError("not_found", "no such user");
    const deleted = await tx.$queryRaw<{ failures: number; locked_until: Date | null }[]>`
      DELETE FROM login_throttles WHERE email = ${user.email} RETURNING failures, locked_until`;
    const row = deleted[0];
    if (!row) return { unlocked: false };
    const wasLocked = row.locked_until !== null && row.locked_until > now;
    await recordAudit(tx, {
      actorId: actor.id,
      action: "user.unlocked",
      objectType: "User",
      objectId: user.id,
      before: { email: user.email, locked: wasLocked, lockedUntil: row.locked_until?.toISOString() ?? null, failures: row.failures },
      after: { email: user.email, locked: false, failures: 0 },
      ip: context.ip ?? null,
    });
    return { unlocked: wasLocked };
  });
}
