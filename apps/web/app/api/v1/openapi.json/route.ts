import {
  LIST_LIMIT_MAX,
  apiInitiativeDetailSchema,
  apiInitiativeListSchema,
  listInitiativesQuerySchema,
} from "@workplan/core/operations/list-initiatives";
import { progressUpdateJsonSchema } from "@workplan/core/rules/progress";
import { reviewSchema } from "@workplan/core/operations/review-update";
import { closeOutSchema } from "@workplan/core/operations/close-out";
import { apiAdminUserCreatedSchema, inviteUserSchema } from "@workplan/core/operations/invite-user";
import { apiAdminUserListSchema, listUsersQuerySchema } from "@workplan/core/operations/list-users";
import { updateUserSchema } from "@workplan/core/operations/update-user";
import { monthlyReportQuerySchema } from "@workplan/core/operations/monthly-report";
import { annualDraftQuerySchema } from "@workplan/core/operations/annual-draft";
import { apiAdminUserSchema } from "@workplan/core/operations/user-admin";
import { DomainError } from "@workplan/core/operations/errors";
import { z } from "zod";
import {
  apiErrorSchema,
  apiInitiativeClosedSchema,
  apiMeSchema,
  apiReviewResultSchema,
  apiUpdateCreatedSchema,
  idempotencyKeySchema,
  json,
  MAX_BODY_BYTES,
  withApi,
  methodNotAllowed,
} from "@/lib/api";

// The OpenAPI 3.1 description of /api/v1, generated from the zod schemas the API itself uses
// (OpenAPI 3.1 schemas are JSON Schema 2020-12, which is what z.toJSONSchema writes).

type JsonSchema = Record<string, unknown>;

/** Named schemas under #/components/schemas, referring to each other by $ref. */
function components(io: "input" | "output", schemas: Record<string, z.ZodType>): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const generated = z.toJSONSchema(registry, { io, uri: (id) => `#/components/schemas/${id}` }).schemas;
  return Object.fromEntries(
    Object.entries(generated).map(([id, schema]) => {
      const { $schema: _schema, $id: _id, ...rest } = schema as JsonSchema;
      return [id, rest];
    }),
  );
}

function inlineSchema(schema: z.ZodType, io: "input" | "output" = "input"): JsonSchema {
  const { $schema: _schema, ...rest } = z.toJSONSchema(schema, { io }) as JsonSchema;
  return rest;
}

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const jsonContent = (schema: JsonSchema) => ({ "application/json": { schema } });
const errorResponse = (description: string) => ({ description, content: jsonContent(ref("Error")) });

/** What each error status means wherever it is not said more precisely. */
const ERROR_STATUSES: Record<string, string> = {
  "400": "The request has problems (see fields)",
  "401": "No valid token or session",
  "403": "A state-changing request with the session cookie whose Origin is not this site",
  "404": "No such thing in the user's scope",
  "409": "A conflict with the current state (see fields)",
  "413": `The body is larger than ${MAX_BODY_BYTES} bytes`,
  "422": "The Idempotency-Key was already used for another request",
  "500": "An unexpected error; the details are in the server's log only",
  "503": "The database cannot be reached; retry after the Retry-After seconds",
};

/** The error responses of an operation: each status with the standard meaning (true) or its own. */
function errors(statuses: Record<string, string | true>) {
  return Object.fromEntries(
    Object.entries(statuses).map(([status, description]) => [status, errorResponse(description === true ? (ERROR_STATUSES[status] ?? status) : description)]),
  );
}

/** Every operation behind authentication can answer these. */
const AUTHED = { "401": true, "500": true, "503": true } as const;
/** And every one that reads a JSON body these. */
const WITH_BODY = { "403": true, "413": true } as const;

const DESCRIPTION = `The REST API of Workplan (工作计划督办) for other ministry systems.

**Authentication.** Send \`Authorization: Bearer <token>\` with a personal access token made on the
Settings page (/settings). A token acts as its user, with the user's role and department scope, and
stops working at once when revoked or when the user is deactivated. A signed-in browser session also
works; a state-changing request made with the session cookie must carry an \`Origin\` of this site.

**Scope.** Everything is limited to what the user may see: an initiative outside the scope answers
404, exactly like one that does not exist, and so does an operation the user's role may not use.

**Errors.** Every answer under /api/v1 that is not a success is JSON:
\`{ "error": { "code", "message", ... } }\` with code \`invalid\` (400, with \`fields\`: field → what is
wrong), \`unauthorized\` (401), \`forbidden\` (403), \`not_found\` (404, also for any path that is no
resource), \`method_not_allowed\` (405, with an \`Allow\` header, for a method a resource does not
have), \`conflict\` (409), \`too_large\` (413: a body over ${MAX_BODY_BYTES} bytes),
\`idempotency_mismatch\` (422), \`internal\` (500) or \`unavailable\` (503). Every status an operation
can answer is listed with it.

**Types.** Bodies are JSON objects with the documented members only (another member is a 400).
Types are strict: a number sent as text (\`"progress": "55"\`) is refused with 400 and the field, not
converted. Text may not hold control characters other than tab and line breaks (400, the field);
direction-override characters are removed, and text of only invisible characters counts as empty.
Query parameters are text by nature; the numbers among them are read as decimal numbers.

**Reporting progress.** Read the initiative, then post the update with \`baseVersion\` = its
\`version\`; if someone reported in between, the answer is 409 and nothing is saved. The initiative's
\`pace\` says which health the pace suggests (and how it follows from the progress you report): a
report whose \`health\` differs from it needs a \`healthReason\`. \`measuredValue\` is only for an
initiative with a \`target\`. A closed initiative (\`closedAt\` set) takes no more reports.

**Idempotency.** Send an \`Idempotency-Key\` with each report so that a retry returns the first
answer (200 with the same body) instead of reporting twice. The key belongs to the user, the
operation, the initiative and the body: sent again with another initiative or another body it is
refused with 422 \`idempotency_mismatch\` and nothing is saved — use a new key for each new report.
Only reportProgress takes the header. reviewUpdate and closeInitiative happen at most once by nature
(a second call answers 409: already reviewed, already closed, and reading the update or initiative
tells what happened), so they ignore it.

Evidence files cannot be uploaded through the API yet (links can); that is planned for a later version.`;

function queryParameters(shape: Record<string, z.ZodType>, required: (name: string) => boolean = () => false) {
  return Object.entries(shape).map(([name, schema]) => {
    const { description, ...rest } = inlineSchema(schema);
    return { name, in: "query", required: required(name), description, schema: rest };
  });
}

function buildDocument() {
  const reportParameters = [
    ...queryParameters(monthlyReportQuerySchema.shape, (name) => name === "period"),
    { name: "format", in: "query", required: false, description: "html (the print view, the default), docx, xlsx or csv", schema: { type: "string", enum: ["html", "docx", "xlsx", "csv"] } },
    { name: "lang", in: "query", required: false, description: "The language of the headings (the source wording stays as written); default zh-Hans", schema: { type: "string", enum: ["zh-Hans", "zh-Hant", "en"] } },
    { name: "view", in: "query", required: false, description: "print: with format=html, a bar (not printed) back to the reports page; anything else is ignored", schema: { type: "string" } },
  ];
  const annualParameters = [
    ...queryParameters(annualDraftQuerySchema.shape, () => true),
    { name: "format", in: "query", required: false, description: "docx (the default) or txt (plain text the plan import reads back)", schema: { type: "string", enum: ["docx", "txt"] } },
  ];
  const idParameter = { name: "id", in: "path", required: true, description: "The initiative's id", schema: { type: "string" } };
  const idempotencyHeader = { name: "Idempotency-Key", in: "header", required: false, description: idempotencyKeySchema.description, schema: inlineSchema(idempotencyKeySchema) };

  return {
    openapi: "3.1.0",
    info: { title: "Workplan API", version: "1.1.0", description: DESCRIPTION, license: { name: "Proprietary", identifier: "LicenseRef-Proprietary" } },
    servers: [{ url: "/api/v1" }],
    security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    tags: [
      { name: "account", description: "The user the caller acts as" },
      { name: "initiatives", description: "Initiatives, their progress reports and close-out" },
      { name: "reports", description: "Monthly and year-end reports as documents" },
      { name: "admin", description: "Accounts (administrators only)" },
      { name: "meta", description: "This document" },
    ],
    paths: {
      "/me": {
        get: {
          operationId: "getMe",
          tags: ["account"],
          summary: "The user the token acts as",
          responses: {
            "200": { description: "The user", content: jsonContent(ref("Me")) },
            ...errors({ ...AUTHED }),
          },
        },
      },
      "/reports/monthly": {
        get: {
          operationId: "getMonthlyReport",
          tags: ["reports"],
          summary: "The monthly progress report (工作进展月报) of the user's scope or one department of it",
          description:
            "A cover, a summary per department (initiatives, on track / at risk / off track / done, reports late or missing, awaiting review), then per department and theme each initiative with its original wording, target and measured value, progress, health, due date and the month's approved report (with includeSubmitted=1 also those awaiting review, marked). The download's file name carries the scope and the month (Content-Disposition). A department outside the user's scope is 404. Each call is recorded in the audit trail (report.exported).",
          parameters: reportParameters,
          responses: {
            "200": {
              description: "The report in the format asked for",
              content: {
                "text/html": { schema: { type: "string" } },
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document": { schema: { type: "string", format: "binary" } },
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { schema: { type: "string", format: "binary" } },
                "text/csv": { schema: { type: "string" } },
              },
            },
            ...errors({ "400": "A parameter is invalid (see fields)", ...AUTHED, "404": "No such department in the user's scope" }),
          },
        },
      },
      "/reports/annual": {
        get: {
          operationId: "getAnnualDraft",
          tags: ["reports"],
          summary: "A department's year-end report draft (年度工作總結), in the structure of its own year-end report",
          description:
            "An opening paragraph, \"YYYY年重點工作情況\" with a numbered section per theme or goal (each initiative's outcome, measured value against its target, its last approved reports and closing note), then \"YYYY+1年工作計劃\": next year's plan, or while there is none this year's unfinished goals as a first draft. The txt format is what the plan import reads back. Written in Traditional characters like the source. Audited (report.exported).",
          parameters: annualParameters,
          responses: {
            "200": {
              description: "The draft",
              content: {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document": { schema: { type: "string", format: "binary" } },
                "text/plain": { schema: { type: "string" } },
              },
            },
            ...errors({ "400": "A parameter is invalid (see fields)", ...AUTHED, "404": "No such department in the user's scope, or no plan of that year" }),
          },
        },
      },
      "/initiatives": {
        get: {
          operationId: "listInitiatives",
          tags: ["initiatives"],
          summary: "Initiatives in the user's scope",
          description: `In code order unless sort says otherwise (with q, ranked first by where it was found: code, title, original wording, then only in a progress report, given in each item's match), ${LIST_LIMIT_MAX} at most per page; follow nextCursor for the next page (or ask for a page number). The same filters as the /initiatives page of the web app. Unknown parameters are refused (400).`,
          parameters: queryParameters(listInitiativesQuerySchema.shape),
          responses: {
            "200": { description: "A page of initiatives", content: jsonContent(ref("InitiativeList")) },
            ...errors({ "400": "A parameter is invalid (see fields)", ...AUTHED }),
          },
        },
      },
      "/initiatives/{id}": {
        get: {
          operationId: "getInitiative",
          tags: ["initiatives"],
          summary: "One initiative with its progress updates and milestones",
          parameters: [idParameter],
          responses: {
            "200": { description: "The initiative", content: jsonContent(ref("InitiativeDetail")) },
            ...errors({ ...AUTHED, "404": "No such initiative in the user's scope" }),
          },
        },
      },
      "/initiatives/{id}/updates": {
        post: {
          operationId: "reportProgress",
          tags: ["initiatives"],
          summary: "Report progress on an initiative (the monthly update)",
          description:
            "For staff (and department managers) of the lead or a co-operating department. Besides the body's own rules: the period may not be after this month nor before the plan's year (fields.period); measuredValue only on an initiative with a target (fields.measuredValue); a health other than the one the pace suggests needs healthReason (fields.healthReason, see Initiative.pace); a closed initiative takes no report (fields.form). Evidence files are out of scope for the API for now: give links in `links`.",
          parameters: [idParameter, idempotencyHeader],
          requestBody: { required: true, content: jsonContent(ref("ProgressUpdateInput")) },
          responses: {
            "201": { description: "Reported", content: jsonContent(ref("ProgressUpdateCreated")) },
            "200": { description: "This request was already made with this Idempotency-Key: the first answer, nothing saved again", content: jsonContent(ref("ProgressUpdateCreated")) },
            ...errors({
              "400": "The update or the Idempotency-Key header has problems (see fields), or the body is not JSON",
              ...AUTHED,
              ...WITH_BODY,
              "404": "No such initiative in the user's scope, or the user does not report on it",
              "409": "baseVersion is stale: someone reported first (see currentVersion, latestUpdateId); nothing saved",
              "422": "The Idempotency-Key was used before for another initiative or another body (idempotency_mismatch); nothing saved",
            }),
          },
        },
      },
      "/initiatives/{id}/close": {
        post: {
          operationId: "closeInitiative",
          tags: ["initiatives"],
          summary: "Close an initiative at year end (结项) with an outcome and a closing note",
          description:
            "For managers over the initiative's lead department. A closed initiative takes no more reports. Progress and health stay as last reported. Two closes at the same moment: one wins, the other gets 409. Does not take an Idempotency-Key (a retry answers 409: already closed).",
          parameters: [idParameter],
          requestBody: { required: true, content: jsonContent(ref("CloseOutInput")) },
          responses: {
            "200": { description: "Closed", content: jsonContent(ref("InitiativeClosed")) },
            ...errors({
              "400": "The close-out has problems (see fields), or the body is not JSON",
              ...AUTHED,
              ...WITH_BODY,
              "404": "No such initiative in the user's scope, or the user may not close it",
              "409": "Already closed, or baseVersion is stale (see fields.form)",
            }),
          },
        },
      },
      "/updates/{id}/review": {
        post: {
          operationId: "reviewUpdate",
          tags: ["initiatives"],
          summary: "Approve a progress update, or return it to its author with a comment",
          description:
            "For managers over the reporting department (a ministry-wide manager: any), never on their own report. An update is reviewed once: of two reviews at the same moment one wins, the other gets 409. Does not take an Idempotency-Key (a retry answers 409: already reviewed; the initiative's updates show the status).",
          parameters: [{ name: "id", in: "path", required: true, description: "The progress update's id (InitiativeDetail.updates[].id)", schema: { type: "string" } }],
          requestBody: { required: true, content: jsonContent(ref("ReviewInput")) },
          responses: {
            "200": { description: "Reviewed", content: jsonContent(ref("ReviewResult")) },
            ...errors({
              "400": "The review has problems (see fields), or the body is not JSON",
              ...AUTHED,
              ...WITH_BODY,
              "404": "No such update in the user's scope, the user may not review it, or it is the user's own",
              "409": "Already reviewed (fields.form)",
            }),
          },
        },
      },
      "/admin/users": {
        get: {
          operationId: "listUsers",
          tags: ["admin"],
          summary: "Accounts (administrators only)",
          description: "By name, a page at a time. Anyone but an administrator gets 404. Unknown parameters are refused (400).",
          parameters: queryParameters(listUsersQuerySchema.shape),
          responses: {
            "200": { description: "A page of accounts", content: jsonContent(ref("AdminUserList")) },
            ...errors({ "400": "A parameter is invalid (see fields)", ...AUTHED, "404": "Not an administrator" }),
          },
        },
        post: {
          operationId: "createUser",
          tags: ["admin"],
          summary: "Create an account (administrators only)",
          description:
            "The account has no password: the answer's setPasswordUrl is a one-time link, valid 72 hours, for the person to set it. It is shown only in this answer. STAFF need a department; a MANAGER without one is ministry-wide.",
          requestBody: { required: true, content: jsonContent(ref("AdminUserInput")) },
          responses: {
            "201": { description: "Created", content: jsonContent(ref("AdminUserCreated")) },
            ...errors({
              "400": "The account has problems (see fields), or the body is not JSON",
              ...AUTHED,
              ...WITH_BODY,
              "404": "Not an administrator",
              "409": "An account with this e-mail exists (fields.email)",
            }),
          },
        },
      },
      "/admin/users/{id}": {
        patch: {
          operationId: "updateUser",
          tags: ["admin"],
          summary: "Change an account's role, department or active state (administrators only)",
          description:
            "Changes apply from the user's next request. Deactivating ends all the user's sessions. The last active administrator can be neither demoted nor deactivated (409).",
          parameters: [{ name: "id", in: "path", required: true, description: "The account's id", schema: { type: "string" } }],
          requestBody: { required: true, content: jsonContent(ref("AdminUserChange")) },
          responses: {
            "200": { description: "The account after the change", content: jsonContent(ref("AdminUser")) },
            ...errors({
              "400": "The change has problems (see fields), or the body is not JSON",
              ...AUTHED,
              ...WITH_BODY,
              "404": "No such account, or not an administrator",
              "409": "The last active administrator (fields.role or fields.active)",
            }),
          },
        },
      },
      "/openapi.json": {
        get: {
          operationId: "getOpenApi",
          tags: ["meta"],
          summary: "This document",
          description: "Takes no parameters (any is refused, as everywhere in this API).",
          security: [],
          responses: {
            "200": { description: "OpenAPI 3.1", content: jsonContent({ type: "object" }) },
            ...errors({ "400": "A query parameter was given (see fields)", "500": true }),
          },
        },
      },
    },
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "A personal access token (wp_…) made on /settings" },
        sessionCookie: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "A signed-in browser session (__Secure-next-auth.session-token over HTTPS)" },
      },
      schemas: {
        ...components("output", {
          Me: apiMeSchema,
          InitiativeList: apiInitiativeListSchema,
          InitiativeDetail: apiInitiativeDetailSchema,
          ProgressUpdateCreated: apiUpdateCreatedSchema,
          ReviewResult: apiReviewResultSchema,
          InitiativeClosed: apiInitiativeClosedSchema,
          Error: apiErrorSchema,
          AdminUser: apiAdminUserSchema,
          AdminUserList: apiAdminUserListSchema,
          AdminUserCreated: apiAdminUserCreatedSchema,
        }),
        ...components("input", {
          ProgressUpdateInput: progressUpdateJsonSchema,
          ReviewInput: reviewSchema,
          CloseOutInput: closeOutSchema,
          AdminUserInput: inviteUserSchema,
          AdminUserChange: updateUserSchema,
        }),
      },
    },
  };
}

let cached: ReturnType<typeof buildDocument> | null = null;

export const GET = withApi(
  async (request) => {
    const unknown = [...request.nextUrl.searchParams.keys()].slice(0, 20);
    if (unknown.length > 0) {
      throw new DomainError("invalid", "the document takes no parameters", Object.fromEntries(unknown.map((name) => [name, "parameter.unknown"])));
    }
    cached ??= buildDocument();
    return json(cached);
  },
  { auth: "none" },
);

// Any other method: 405 with the JSON error and Allow; OPTIONS: 204 with Allow.
const other = methodNotAllowed("GET");
export const POST = other.refuse;
export const PUT = other.refuse;
export const PATCH = other.refuse;
export const DELETE = other.refuse;
export const OPTIONS = other.options;
