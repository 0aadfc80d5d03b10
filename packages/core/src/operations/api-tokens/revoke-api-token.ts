import { prisma } from "@workplan/db";
import "server-only";
import type { Viewer } from "../../rules/policy";
import { recordAudit } from "../audit";
import { DomainError } from "../errors";
import { idSchema } from "../get-initiative";

/** Revoke one of the viewer's own tokens; anyone else's, or an unknown id, is not found. Idempotent. */
export async function revokeApiToken(viewer: Viewer, idInput: unknown, context: { ip?: string | null } = {}): Promise<void> {
  const id = idSchema.safeParse(idInput);
  if (!id.success) throw new DomainError("not_found", "no such token");
  await prisma.$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({
      where: { id: id.data, userId: viewer.id },
      select: { id: true, name: true, prefix: true, revokedAt: true },
    });
    if (!token) throw new DomainError("not_found", "no such token");
    if (token.revokedAt !== null) return;
    const revoked = await tx.apiToken.updateMany({ where: { id: token.id, revokedAt: null }, data: { revokedAt: new Date() } });
    if (revoked.count === 0) return; // revoked by a concurrent request
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "api_token.revoked",
      objectType: "ApiToken",
      objectId: token.id,
      before: { revoked: false },
      after: { name: token.name, prefix: token.prefix, revoked: true },
      ip: context.ip ?? null,
    });
  });
}
