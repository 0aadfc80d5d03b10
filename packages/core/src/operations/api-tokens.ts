import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { prisma } from "@workplan/db";
import { z } from "zod";
import type { Viewer } from "../rules/policy";
import { fieldErrors } from "../rules/progress";
import { recordAudit } from "./audit";
import { DomainError } from "./errors";
import { idSchema } from "./get-initiative";
import { viewerColumnsSql, viewerFromColumns, type SessionViewer, type ViewerColumns } from "./load-viewer";

// Personal access tokens for the REST API. Every signed-in user may hold tokens of their own: a token
// acts as its user, with the same role and scope, re-read on every request. The token itself is shown
// once; only its SHA-256 hash is stored, so a leaked database row cannot be replayed.

/** `wp_` + 32 random bytes in base64url (43 characters). */
const TOKEN_PATTERN = /^wp_[A-Za-z0-9_-]{43}$/;
const PREFIX_LENGTH = 10;
/** Record lastUsedAt at most this often per token, to spare a write on every request. */
export const LAST_USED_RESOLUTION_MS = 60_000;
/** Active tokens one user may hold; more is a sign of tokens being made instead of reused. */
export const MAX_ACTIVE_TOKENS = 20;

export const apiTokenNameSchema = z
  .object({ name: z.string({ error: "name.required" }).trim().min(1, "name.required").max(100, "name.tooLong") })
  .strict();

/** English wording of the message keys above, for the API; the settings page translates the keys. */
export const API_TOKEN_MESSAGES: Record<string, string> = {
  "name.required": "Give the token a name.",
  "name.tooLong": "Keep the name to 100 characters.",
  "tokens.tooMany": `At most ${MAX_ACTIVE_TOKENS} active tokens; revoke one first.`,
};

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Make a token for the viewer. The returned `token` is the only time it is ever available. */
export async function createApiToken(
  viewer: Viewer,
  input: unknown,
  context: { ip?: string | null } = {},
): Promise<{ id: string; token: string; prefix: string }> {
  const parsed = apiTokenNameSchema.safeParse(input);
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

/** The viewer's own tokens, newest first; never the hash. */
export async function listApiTokens(viewer: Viewer) {
  return prisma.apiToken.findMany({
    where: { userId: viewer.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
}

export type ApiTokenSummary = Awaited<ReturnType<typeof listApiTokens>>[number];

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

/**
 * The viewer a bearer token acts as, re-read on every request (so revocation, deactivation and role
 * changes take effect at once), or null for an unknown or revoked token or an inactive user.
 */
export async function authenticateApiToken(token: unknown, now: Date = new Date()): Promise<SessionViewer | null> {
  if (typeof token !== "string" || !TOKEN_PATTERN.test(token)) return null;
  // One statement: the token with its user and department (this runs on every API request).
  const [row] = await prisma.$queryRaw<(ViewerColumns & { id: string; revokedAt: Date | null; lastUsedAt: Date | null })[]>`
    SELECT t.id, t.revoked_at AS "revokedAt", t.last_used_at AS "lastUsedAt", ${viewerColumnsSql}
      FROM api_tokens t JOIN users u ON u.id = t.user_id LEFT JOIN departments d ON d.id = u.department_id
     WHERE t.token_hash = ${hashApiToken(token)}`;
  if (!row || row.revokedAt !== null || !row.active) return null;
  const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (row.lastUsedAt === null || row.lastUsedAt < staleBefore) {
    // Conditional, so that concurrent requests write once; not audited (it is bookkeeping, not an act).
    await prisma.apiToken.updateMany({
      where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: staleBefore } }] },
      data: { lastUsedAt: now },
    });
  }
  return viewerFromColumns(row, `token:${row.id}`);
}
