import { prisma } from "@workplan/db";
import { randomBytes } from "node:crypto";
import "server-only";
import type { Viewer } from "../../rules/policy";
import { fieldErrors } from "../../rules/progress";
import { recordAudit } from "../audit";
import { DomainError } from "../errors";
import { MAX_ACTIVE_TOKENS, PREFIX_LENGTH, apiTokenNameSchema, hashApiToken } from "./shared";
import { safeParseText } from "../../rules/text-input";

/** Make a token for the viewer. The returned `token` is the only time it is ever available. */
export async function createApiToken(
  viewer: Viewer,
  input: unknown,
  context: { ip?: string | null } = {},
): Promise<{ id: string; token: string; prefix: string }> {
  const parsed = safeParseText(apiTokenNameSchema, input, "name");
  if (!parsed.success) throw new DomainError("invalid", "the token has problems", fieldErrors(parsed.error));
  const token = `wp_${randomBytes(32).toString("base64url")}`;
  const prefix = token.slice(0, PREFIX_LENGTH);
  return prisma.$transaction(async (tx) => {
    const active = await tx.apiToken.count({ where: { userId: viewer.id, revokedAt: null } });
    if (active >= MAX_ACTIVE_TOKENS) throw new DomainError("invalid", "too many active tokens", { name: "tokens.tooMany" });
    const row = await tx.apiToken.create({
      data: { userId: viewer.id, name: parsed.data.name, tokenHash: hashApiToken(token), prefix },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "api_token.created",
      objectType: "ApiToken",
      objectId: row.id,
      after: { name: parsed.data.name, prefix },
      ip: context.ip ?? null,
    });
    return { id: row.id, token, prefix };
  });
}
