import "server-only";
import { prisma } from "@workplan/db";
import { z } from "zod";
import type { Viewer } from "../rules/policy";
import { fieldErrors } from "../rules/progress";
import { insertUser } from "./create-user";
import { PASSWORD_LINK_HOURS, issuePasswordLink } from "./password-link";
import { adminUserSelect, apiAdminUserSchema, departmentCodeSchema, emailSchema, nameSchema, requireAdmin, roleSchema, scopeProblem, toAdminUser, type ApiAdminUser } from "./user-admin";
import { accountError } from "./user-admin";
import { safeParseText } from "../rules/text-input";

export const inviteUserSchema = z
  .strictObject({
    email: emailSchema,
    name: nameSchema,
    role: roleSchema,
    department: departmentCodeSchema.optional(),
  })
  .superRefine((user, ctx) => {
    // STAFF always belong to a department; a MANAGER's scope is chosen, never defaulted to the
    // whole ministry; an ADMIN's department is optional (see scopeProblem).
    const problem = scopeProblem(user.role, user.department);
    if (problem) ctx.addIssue({ code: "custom", path: ["department"], message: problem });
  })
  .transform((user) => ({ ...user, department: user.department ?? null }));

export type InviteUserInput = z.input<typeof inviteUserSchema>;

/** What POST /api/v1/admin/users answers. */
export const apiAdminUserCreatedSchema = z.object({
  user: apiAdminUserSchema,
  setPasswordUrl: z.url().describe("The one-time link for the person to set their password: shown this once, valid 72 hours"),
  expiresAt: z.iso.datetime(),
});

export interface InviteUserResult {
  user: ApiAdminUser;
  /** The one-time token for /set-password: returned this once, stored only as a hash. */
  token: string;
  expiresAt: Date;
}

/**
 * An admin creates an account (no password) and gets a one-time link for the person to set their
 * own password: the user, the link and the `user.created` audit event are written in one
 * transaction. The admin never sees or sets the password.
 */
export async function inviteUser(
  actor: Viewer,
  input: unknown,
  context: { ip?: string | null; now?: Date } = {},
): Promise<InviteUserResult> {
  // Who may do this does not depend on the input: refuse non-admins before saying anything about it.
  requireAdmin(actor);
  const parsed = safeParseText(inviteUserSchema, input);
  if (!parsed.success) throw accountError("invalid", "the account has problems", fieldErrors(parsed.error));
  const data = parsed.data;
  const now = context.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const linkExpiresAt = new Date(now.getTime() + PASSWORD_LINK_HOURS * 3600_000).toISOString();
    const { id } = await insertUser(
      tx,
      { email: data.email, name: data.name, role: data.role, departmentCode: data.department, passwordHash: null },
      { actorId: actor.id, ip: context.ip ?? null, audit: { passwordLink: { purpose: "INVITE", expiresAt: linkExpiresAt } } },
    );
    const link = await issuePasswordLink(tx, { userId: id, purpose: "INVITE", createdById: actor.id, now });
    const user = await tx.user.findUniqueOrThrow({ where: { id }, select: adminUserSelect });
    return { user: toAdminUser(user, null), token: link.token, expiresAt: link.expiresAt };
  });
}
