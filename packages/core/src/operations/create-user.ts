import "server-only";
import { prisma, Prisma } from "@workplan/db";
import { z } from "zod";
import { ROLES, type Viewer } from "../rules/policy";
import { recordAudit } from "./audit";
import { DomainError } from "./errors";

export const createUserSchema = z
  .object({
    email: z.string().trim().toLowerCase().email().max(254),
    name: z.string().trim().min(1).max(100),
    role: z.enum(ROLES),
    departmentCode: z.string().trim().min(1).max(20).nullish(),
    passwordHash: z.string().min(1).nullish(),
  })
  .refine((u) => u.role !== "STAFF" || Boolean(u.departmentCode), {
    path: ["departmentCode"],
    message: "STAFF needs a department",
  });

export type CreateUserInput = z.input<typeof createUserSchema>;

/**
 * Create a user. `actor` null means the system (seed, command line). With `ifMissing` an existing
 * e-mail is left untouched (the demo seed's idempotency) instead of being a conflict.
 */
export async function createUser(
  actor: Viewer | null,
  input: CreateUserInput,
  options: { ifMissing?: boolean; ip?: string | null } = {},
) {
  const parsed = createUserSchema.safeParse(input);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[issue.path.join(".")] = issue.message;
    throw new DomainError("invalid", "invalid user", fields);
  }
  if (actor && actor.role !== "ADMIN") throw new DomainError("forbidden", "only admins create users");
  const data = parsed.data;
  return prisma.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: data.email }, select: { id: true } });
    if (existing) {
      if (options.ifMissing) return { id: existing.id, created: false };
      throw new DomainError("conflict", "e-mail already in use", { email: "taken" });
    }
    let departmentId: string | null = null;
    if (data.departmentCode) {
      const department = await tx.department.findUnique({ where: { code: data.departmentCode }, select: { id: true } });
      if (!department) throw new DomainError("invalid", "unknown department", { departmentCode: "unknown" });
      departmentId = department.id;
    }
    try {
      const user = await tx.user.create({
        data: { email: data.email, name: data.name, role: data.role, departmentId, passwordHash: data.passwordHash ?? null },
        select: { id: true },
      });
      await recordAudit(tx, {
        actorId: actor?.id ?? null,
        action: "user.created",
        objectType: "User",
        objectId: user.id,
        after: { email: data.email, name: data.name, role: data.role, departmentCode: data.departmentCode ?? null },
        ip: options.ip ?? null,
      });
      return { id: user.id, created: true };
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        throw new DomainError("conflict", "e-mail already in use", { email: "taken" });
      }
      throw error;
    }
  });
}
