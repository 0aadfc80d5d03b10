import "server-only";
import { prisma, Prisma } from "@workplan/db";
import { z } from "zod";
import { can, ROLES, type Role, type Viewer } from "../rules/policy";
import { recordAudit } from "./audit";
import { DomainError } from "./errors";
import { departmentForAssignment } from "./user-admin";
import { accountError } from "./user-admin";
import { safeParseText } from "../rules/text-input";

export const createUserSchema = z
  .object({
    email: z.string().trim().toLowerCase().email("email.invalid").max(254, "email.tooLong"),
    name: z.string().trim().min(1, "name.required").max(100, "name.tooLong"),
    role: z.enum(ROLES),
    departmentCode: z.string().trim().min(1).max(20).nullish(),
    passwordHash: z.string().min(1).nullish(),
  })
  .refine((u) => u.role !== "STAFF" || Boolean(u.departmentCode), {
    path: ["departmentCode"],
    message: "department.required",
  });

export type CreateUserInput = z.input<typeof createUserSchema>;

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  departmentCode: string | null;
  passwordHash: string | null;
}

/**
 * Write a new user and its `user.created` audit event within the caller's transaction (shared by
 * createUser and inviteUser). A taken e-mail is a conflict on `email`; `audit` adds to the event's
 * `after` (never a password hash or a token).
 */
export async function insertUser(
  tx: Prisma.TransactionClient,
  user: NewUser,
  context: { actorId: string | null; ip: string | null; audit?: Record<string, Prisma.InputJsonValue>; departmentField?: string },
): Promise<{ id: string }> {
  const existing = await tx.user.findUnique({ where: { email: user.email }, select: { id: true } });
  if (existing) throw accountError("conflict", "e-mail already in use", { email: "email.taken" });
  const department = user.departmentCode ? await departmentForAssignment(tx, user.departmentCode, context.departmentField) : null;
  try {
    const created = await tx.user.create({
      data: { email: user.email, name: user.name, role: user.role, departmentId: department?.id ?? null, passwordHash: user.passwordHash },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: context.actorId,
      action: "user.created",
      objectType: "User",
      objectId: created.id,
      after: { email: user.email, name: user.name, role: user.role, departmentCode: department?.code ?? null, active: true, ...context.audit },
      ip: context.ip,
    });
    return created;
  } catch (error) {
    // Two requests creating the same e-mail at once: the unique index decides.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw accountError("conflict", "e-mail already in use", { email: "email.taken" });
    }
    throw error;
  }
}

/**
 * Create a user. `actor` null means the system (seed, command line). With `ifMissing` an existing
 * e-mail is left untouched (the demo seed's idempotency) instead of being a conflict.
 */
export async function createUser(
  actor: Viewer | null,
  input: CreateUserInput,
  options: { ifMissing?: boolean; ip?: string | null } = {},
) {
  const parsed = safeParseText(createUserSchema, input);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[issue.path.join(".")] = issue.message;
    throw accountError("invalid", "invalid user", fields);
  }
  // No actor: the seed and the CLI, which run with the server's own authority.
  if (actor && !can(actor, "admin.users")) throw new DomainError("forbidden", "only admins create users");
  const data = parsed.data;
  return prisma.$transaction(async (tx) => {
    if (options.ifMissing) {
      const existing = await tx.user.findUnique({ where: { email: data.email }, select: { id: true } });
      if (existing) return { id: existing.id, created: false };
    }
    const user = await insertUser(
      tx,
      {
        email: data.email,
        name: data.name,
        role: data.role,
        departmentCode: data.departmentCode ?? null,
        passwordHash: data.passwordHash ?? null,
      },
      { actorId: actor?.id ?? null, ip: options.ip ?? null, departmentField: "departmentCode" },
    );
    return { id: user.id, created: true };
  });
}
