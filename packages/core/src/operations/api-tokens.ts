// Personal access tokens for the REST API. Every signed-in user may hold tokens of their own: a token
// acts as its user, with the same role and scope, re-read on every request. The token itself is shown
// once; only its SHA-256 hash is stored, so a leaked database row cannot be replayed.
// One operation per file in api-tokens/, what they share in api-tokens/shared.ts.
export { createApiToken } from "./api-tokens/create-api-token";
export { listApiTokens } from "./api-tokens/list-api-tokens";
export { revokeApiToken } from "./api-tokens/revoke-api-token";
export { authenticateApiToken } from "./api-tokens/authenticate-api-token";
export { LAST_USED_RESOLUTION_MS, MAX_ACTIVE_TOKENS, apiTokenNameSchema, API_TOKEN_MESSAGES, hashApiToken, type ApiTokenSummary } from "./api-tokens/shared";
