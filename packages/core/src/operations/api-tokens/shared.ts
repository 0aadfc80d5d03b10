import { createHash } from "node:crypto";
import "server-only";
import { z } from "zod";
import type { listApiTokens } from "./list-api-tokens";

// What the operations in api-tokens/ share.
export const TOKEN_PATTERN = /^wp_[A-Za-z0-9_-]{43}$/;
export const PREFIX_LENGTH = 10;
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

export type ApiTokenSummary = Awaited<ReturnType<typeof listApiTokens>>[number];
