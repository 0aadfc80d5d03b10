import "server-only";
import { getSession, type SessionViewer } from "@workplan/auth";
import { clientIp as clientIpOf } from "@workplan/auth/client-ip";
import { SESSION_COOKIES } from "@workplan/auth/cookies";
import { isOwnOrigin } from "@workplan/auth/origin";
import { API_TOKEN_MESSAGES, authenticateApiToken } from "@workplan/core/operations/api-tokens";
import { CLOSE_OUT_MESSAGES, OUTCOMES } from "@workplan/core/operations/close-out";
import { DomainError } from "@workplan/core/operations/errors";
import { ConflictError, IdempotencyMismatchError } from "@workplan/core/operations/log-progress";
import { REVIEW_MESSAGES } from "@workplan/core/operations/review-update";
import { can, ROLES, type Action } from "@workplan/core/rules/policy";
import { ENGLISH_MESSAGES } from "@workplan/core/rules/progress";
import type { NextRequest } from "next/server";
import { z } from "zod";
import { isRejectedInput, sqlState } from "@workplan/core/infra/db-errors";
import { databaseOutage, initialDatabaseCheck, reportDatabaseError, RETRY_AFTER_SECONDS } from "@workplan/core/infra/database-availability";

// The REST API's transport: authenticate (session cookie or bearer token), call the operation,
// map its refusals to HTTP. Handlers stay thin; what the API may do is decided by the operations.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** Request bodies are small JSON documents (a progress report is at most a few 5000-character texts). */
export const MAX_BODY_BYTES = 256 * 1024;

export const API_ERROR_CODES = [
  "unauthorized",
  "forbidden",
  "invalid",
  "not_found",
  "method_not_allowed",
  "conflict",
  "too_large",
  "idempotency_mismatch",
  "internal",
  "unavailable",
] as const;
type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export const apiErrorSchema = z.object({
  error: z.object({
    code: z
      .enum(API_ERROR_CODES)
      .describe(
        "unauthorized 401, forbidden 403, invalid 400, not_found 404, method_not_allowed 405, conflict 409, too_large 413, idempotency_mismatch 422, internal 500, unavailable 503",
      ),
    message: z.string().describe("What happened and what to do, in English"),
    fields: z.record(z.string(), z.string()).optional().describe("invalid: field → what is wrong with it"),
    currentVersion: z.number().int().optional().describe("conflict: the initiative's version now"),
    latestUpdateId: z.string().nullable().optional().describe("conflict: the update that was saved first"),
  }),
});

export const apiMeSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  department: z
    .object({ code: z.string(), nameZhHans: z.string(), nameZhHant: z.string(), nameEn: z.string() })
    .nullable()
    .describe("null for ministry-wide accounts"),
});

export const apiUpdateCreatedSchema = z.object({
  id: z.string().describe("The progress update's id"),
  version: z.number().int().describe("The initiative's version after the update"),
});

export type ApiUpdateCreated = z.infer<typeof apiUpdateCreatedSchema>;

export const apiReviewResultSchema = z.object({
  id: z.string().describe("The progress update's id"),
  status: z.enum(["APPROVED", "RETURNED"]).describe("The update's status after the review"),
  reviewId: z.string().describe("The review's id"),
});

export type ApiReviewResult = z.infer<typeof apiReviewResultSchema>;

export const apiInitiativeClosedSchema = z.object({
  id: z.string().describe("The initiative's id"),
  outcome: z.enum(OUTCOMES),
  closedAt: z.string().describe("ISO 8601"),
  version: z.number().int().describe("The initiative's version after the close-out"),
});

export type ApiInitiativeClosed = z.infer<typeof apiInitiativeClosedSchema>;

/** Same rule as logProgress applies: letters, digits, - and _, 8 to 100 of them (a UUID fits). */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,100}$/)
  .describe(
    "Any unique string (a UUID), one per report: a retry of the same request with the same key returns the first answer (200) instead of reporting twice. The key is bound to the caller, this operation, the initiative and the body (compared after sorting its keys): the same key sent with another initiative or another body is refused with 422 (idempotency_mismatch) and nothing is saved. Kept as long as the report.",
  );

const MESSAGES: Record<string, string> = {
  ...REVIEW_MESSAGES,
  ...ENGLISH_MESSAGES,
  ...API_TOKEN_MESSAGES,
  ...CLOSE_OUT_MESSAGES,
  "form.invalid": "The body must be a JSON object with the documented fields only.",
  // Keys that mean the same in every list (a limit or a page range is each operation's own).
  "cursor.invalid": "Pass the nextCursor of the previous page unchanged.",
  "parameter.unknown": "Unknown parameter.",
  "idempotencyKey.format": "Use 8 to 100 letters, digits, - or _ (a UUID fits).",
  "idempotencyKey.reused": "This Idempotency-Key was already used for another request (another initiative or body): send a new key.",
};

export function toApiMe(viewer: SessionViewer): z.infer<typeof apiMeSchema> {
  const d = viewer.department;
  return {
    id: viewer.id,
    name: viewer.name,
    email: viewer.email,
    role: viewer.role,
    department: d && { code: d.code, nameZhHans: d.nameZhHans, nameZhHant: d.nameZhHant, nameEn: d.nameEn },
  };
}

/** A refusal of the transport itself (a body that is not JSON, too large), before any operation runs. */
export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** A JSON response; every answer of the API, errors included, is one. */
export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
  });
}

function errorJson(status: number, error: z.infer<typeof apiErrorSchema>["error"], headers: Record<string, string> = {}): Response {
  const response = json({ error }, status);
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

const TOO_LARGE = `The body may be at most ${MAX_BODY_BYTES} bytes.`;

/**
 * The request body as JSON; malformed JSON (or text that is not UTF-8) is refused with 400, a body
 * over the limit with 413 — read no further than the limit, whether or not Content-Length says so.
 */
export async function readJson(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new ApiError(413, "too_large", TOO_LARGE);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) {
        await reader.cancel().catch(() => undefined);
        throw new ApiError(413, "too_large", TOO_LARGE);
      }
      chunks.push(value);
    }
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new ApiError(400, "invalid", "The body is not UTF-8 text.");
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, "invalid", "The body is not valid JSON.");
  }
}

/** The client's address (see @workplan/auth/client-ip: forwarded headers only from TRUST_PROXY proxies). */
export function clientIp(request: Request): string | null {
  return clientIpOf(request.headers);
}

/** A state-changing request authenticated by cookie must come from our own pages (CSRF guard; @workplan/auth/origin). */
function sameOrigin(request: Request): boolean {
  return isOwnOrigin(request.headers.get("origin"), request.headers);
}

function sentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Each field's key in English: in the wording of the operation that refused (its own table), else the shared one. */
function englishFields({ fields, messages }: DomainError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, key] of Object.entries(fields ?? {})) {
    out[field] =
      messages?.[key] ??
      MESSAGES[key] ??
      (key.endsWith(".control") ? "Remove the control characters (such as NUL) from this text." : key.endsWith(".invalid") ? "This value is not valid." : key);
  }
  return out;
}

/** 503 while the database cannot be reached: send the same request again later (a report with the same Idempotency-Key). */
function unavailable(): Response {
  return errorJson(
    503,
    { code: "unavailable", message: `The database cannot be reached at the moment. Send the request again after ${RETRY_AFTER_SECONDS} seconds (a report with the same Idempotency-Key).` },
    { "Retry-After": String(RETRY_AFTER_SECONDS) },
  );
}

function errorResponse(request: Request, error: unknown): Response {
  // The database went away during the request (a refused connection, a server shutting down).
  if (reportDatabaseError(error)) {
    console.warn(`[api] ${request.method} ${new URL(request.url).pathname}: database unreachable, answered 503`);
    return unavailable();
  }
  if (error instanceof ApiError) return errorJson(error.status, { code: error.code, message: error.message });
  if (error instanceof IdempotencyMismatchError) {
    return errorJson(422, { code: "idempotency_mismatch", message: MESSAGES["idempotencyKey.reused"] ?? error.message, fields: { "Idempotency-Key": MESSAGES["idempotencyKey.reused"] ?? "" } });
  }
  if (error instanceof ConflictError) {
    return errorJson(409, {
      code: "conflict",
      message: "The initiative was updated by someone else: read it again and report against its current version.",
      currentVersion: error.currentVersion,
      latestUpdateId: error.latestUpdateId,
    });
  }
  if (error instanceof DomainError) {
    switch (error.code) {
      case "invalid":
        return errorJson(400, { code: "invalid", message: sentence(error.message), fields: englishFields(error) });
      case "conflict":
        return errorJson(409, {
          code: "conflict",
          message: sentence(error.message),
          ...(error.fields ? { fields: englishFields(error) } : {}),
        });
      case "not_found":
      case "forbidden":
        // Anything outside the viewer's scope looks missing, as on the pages.
        return errorJson(404, { code: "not_found", message: "Not found." });
    }
  }
  // A value PostgreSQL refused (a control character, a number out of range) is the request's fault.
  if (isRejectedInput(error)) {
    console.warn(`[api] ${request.method} ${new URL(request.url).pathname}: the database refused a value (${sqlState(error) ?? "data"})`);
    return errorJson(400, { code: "invalid", message: "A value of the request cannot be stored.", fields: { form: "A value of the request cannot be stored." } });
  }
  // The real error goes to the server log only; the client gets no detail or stack.
  console.error(`[api] ${request.method} ${new URL(request.url).pathname} failed:`, error);
  return errorJson(500, { code: "internal", message: "Internal error" });
}

export interface ApiContext<P> {
  viewer: SessionViewer;
  params: P;
  ip: string | null;
}

export interface PublicApiContext<P> {
  params: P;
}

type RouteHandler<P> = (request: NextRequest, context: { params: Promise<P> }) => Promise<Response>;

/**
 * Wrap a route handler of the REST API. `permission` is what the route requires of the viewer's
 * role at all ("signed-in": anyone signed in); what may be done to a given thing is the
 * operation's own check.
 * With `auth: "required"` the handler gets the viewer from
 * `Authorization: Bearer <token>` or, failing that header, the session cookie (a cookie-authenticated
 * request that changes state must come from our own origin); nobody gets 401. Whatever the handler
 * throws becomes a JSON error response.
 */
export function withApi<P = Record<string, never>>(
  handler: (request: NextRequest, context: ApiContext<P>) => Promise<Response>,
  options: { auth: "required"; permission: Action | "signed-in" },
): RouteHandler<P>;
export function withApi<P = Record<string, never>>(
  handler: (request: NextRequest, context: PublicApiContext<P>) => Promise<Response>,
  options: { auth: "none" },
): RouteHandler<P>;
export function withApi<P>(
  handler:
    | ((request: NextRequest, context: ApiContext<P>) => Promise<Response>)
    | ((request: NextRequest, context: PublicApiContext<P>) => Promise<Response>),
  options: { auth: "required" | "none"; permission?: Action | "signed-in" },
): RouteHandler<P> {
  return async (request, context) => {
    try {
      const params = await context.params;
      if (options.auth === "none") {
        // The overloads pair auth "none" with a handler that takes no viewer.
        return await (handler as (request: NextRequest, context: PublicApiContext<P>) => Promise<Response>)(request, { params });
      }
      // An outage already known: answer at once rather than wait for a connection that will fail.
      await initialDatabaseCheck();
      if (databaseOutage()) return unavailable();
      const viewer = await authenticate(request);
      if (viewer instanceof Response) return viewer;
      // A route the viewer may not use does not exist for them (before its body is read).
      if (options.permission !== "signed-in" && options.permission && !can(viewer, options.permission)) {
        throw new DomainError("not_found", "no such route");
      }
      return await handler(request, { viewer, params, ip: clientIp(request) });
    } catch (error) {
      return errorResponse(request, error);
    }
  };
}

async function authenticate(request: NextRequest): Promise<SessionViewer | Response> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    // A bearer token, when given, is the only credential looked at: a bad one is not rescued by a cookie.
    const token = /^Bearer +(\S+) *$/i.exec(authorization)?.[1];
    const viewer = token ? await authenticateApiToken(token) : null;
    if (viewer) return viewer;
    return errorJson(
      401,
      { code: "unauthorized", message: "The bearer token is unknown or revoked." },
      { "WWW-Authenticate": 'Bearer error="invalid_token"' },
    );
  }
  const hasSessionCookie = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (hasSessionCookie && !SAFE_METHODS.has(request.method) && !sameOrigin(request)) {
    return errorJson(403, { code: "forbidden", message: "A request with a session cookie must come from this site (Origin)." });
  }
  const viewer = hasSessionCookie ? await getSession() : null;
  if (viewer) return viewer;
  return errorJson(
    401,
    { code: "unauthorized", message: "Sign in, or send Authorization: Bearer <token> (make one on /settings)." },
    { "WWW-Authenticate": "Bearer" },
  );
}

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

function allowHeader(allowed: readonly string[]): string {
  return HTTP_METHODS.filter((m) => allowed.includes(m) || m === "OPTIONS" || (m === "HEAD" && allowed.includes("GET"))).join(", ");
}

/**
 * A method this route does not have: 405 with the JSON error and `Allow` (Next.js would answer an
 * empty 405). Export it under each other method's name; OPTIONS answers 204 with `Allow`.
 */
export function methodNotAllowed(...allowed: ("GET" | "POST" | "PATCH")[]): {
  refuse: (request: Request) => Promise<Response>;
  options: (request: Request) => Promise<Response>;
} {
  const allow = allowHeader(allowed);
  return {
    refuse: async (request) =>
      errorJson(405, { code: "method_not_allowed", message: `${request.method.slice(0, 20)} is not a method of this resource: use ${allowed.join(" or ")}.` }, { Allow: allow }),
    options: async () => new Response(null, { status: 204, headers: { Allow: allow, "Cache-Control": "no-store" } }),
  };
}

/** Any path under /api/v1 that is no resource: 404 with the JSON error, whatever the method. */
export async function unknownResource(): Promise<Response> {
  return errorJson(404, { code: "not_found", message: "No such resource: the operations are listed in /api/v1/openapi.json." });
}
