import { prisma, type Prisma } from "@workplan/db";
import "server-only";
import type { Role, Viewer } from "../../rules/policy";
import { fieldErrors } from "../../rules/progress";
import { recordAudit } from "../audit";
import { DomainError } from "../errors";
import {
    adminUserSelect,
    departmentForAssignment,
    requireAdmin,
    toAdminUser,
    type ApiAdminUser
} from "../user-admin";
import { lockActiveAdmins, lockedUntil, lockUser, parseId, revokeSessions, updateUserSchema, type Context } from "./shared";
import { accountError } from "../user-admin";
import { safeParseText } from "../../rules/text-input";

/**
 * Change a user's role and/or department, or deactivate / reactivate it. Deactivating revokes all
 * the user's sessions and expires its unused password links. The last active admin can be neither
 * demoted nor deactivated (a conflict on `role` or `active`).
 */
export async function updateUser(actor: Viewer, idInput: unknown, input: unknown, context: Context = {}): Promise<ApiAdminUser> {
  requireAdmin(actor);
  const id = parseId(idInput);
  const parsed = safeParseText(updateUserSchema, input);
  if (!parsed.success) throw accountError("invalid", "the change has problems", fieldErrors(parsed.error));
  const change = parsed.data;
  const now = context.now ?? new Date();
  const ip = context.ip ?? null;

  return prisma.$transaction(async (tx) => {
    const admins = await lockActiveAdmins(tx);
    const user = await lockUser(tx, id);

    const role: Role = change.role ?? user.role;
    const active = change.active ?? user.active;
    let department = user.department;
    if (change.department !== undefined && change.department !== (user.department?.code ?? null)) {
      department = change.department === null ? null : await departmentForAssignment(tx, change.department);
    }
    if (role === "STAFF" && department === null) {
      throw accountError("invalid", "staff need a department", { department: "department.required" });
    }

    // The last active admin stays one: checked against the admins locked above.
    const isActiveAdmin = admins.includes(user.id);
    if (isActiveAdmin && admins.length <= 1) {
      if (role !== "ADMIN") throw accountError("conflict", "the last active admin cannot be demoted", { role: "role.lastAdmin" });
      if (!active) throw accountError("conflict", "the last active admin cannot be deactivated", { active: "active.lastAdmin" });
    }
    // The actor, re-read under the same lock, must still be an active admin (not demoted meanwhile).
    if (!admins.includes(actor.id)) throw new DomainError("forbidden", "only admins administer accounts");
    // Becoming a MANAGER without a department means the whole ministry: only when asked for in so
    // many words (department: null), never as what a department-less admin brings along.
    if (role === "MANAGER" && user.role !== "MANAGER" && department === null && change.department !== null) {
      throw accountError("invalid", "a manager's scope must be chosen", { department: "department.choose" });
    }

    const before: Record<string, Prisma.InputJsonValue | null> = {};
    const after: Record<string, Prisma.InputJsonValue | null> = {};
    if (role !== user.role) {
      before.role = user.role;
      after.role = role;
    }
    if ((department?.id ?? null) !== (user.department?.id ?? null)) {
      before.department = user.department?.code ?? null;
      after.department = department?.code ?? null;
    }
    const activeChanged = active !== user.active;
    if (Object.keys(after).length === 0 && !activeChanged) {
      return toAdminUser(user, await lockedUntil(tx, user.email, now));
    }

    const updated = await tx.user.update({
      where: { id: user.id },
      data: { role, departmentId: department?.id ?? null, active },
      select: adminUserSelect,
    });
    if (Object.keys(after).length > 0) {
      await recordAudit(tx, {
        actorId: actor.id,
        action: "user.updated",
        objectType: "User",
        objectId: user.id,
        before: { email: user.email, ...before },
        after: { email: user.email, ...after },
        ip,
      });
    }
    if (activeChanged && !active) {
      const sessionsRevoked = await revokeSessions(tx, user.id, now);
      const links = await tx.passwordLink.updateMany({
        where: { userId: user.id, usedAt: null, expiresAt: { gt: now } },
        data: { expiresAt: now },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "user.deactivated",
        objectType: "User",
        objectId: user.id,
        before: { email: user.email, active: true },
        after: { email: user.email, active: false, sessionsRevoked, linksExpired: links.count },
        ip,
      });
    } else if (activeChanged) {
      await recordAudit(tx, {
        actorId: actor.id,
        action: "user.reactivated",
        objectType: "User",
        objectId: user.id,
        before: { email: user.email, active: false },
        after: { email: user.email, active: true },
        ip,
      });
    }
    return toAdminUser(updated, await lockedUntil(tx, user.email, now));
  });
}
