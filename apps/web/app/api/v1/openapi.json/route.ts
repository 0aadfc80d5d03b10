import {
  LIST_LIMIT_MAX,
  apiInitiativeDetailSchema,
  apiInitiativeListSchema,
  apiInitiativeSchema,
  listInitiativesQuerySchema,
} from "@workplan/core/operations/list-initiatives";
import { progressUpdateSchema } from "@workplan/core/rules/progress";
import { closeOutSchema } from "@workplan/core/operations/close-out";
import { apiAdminUserCreatedSchema, inviteUserSchema } from "@workplan/core/operations/invite-user";
import { apiAdminUserListSchema, listUsersQuerySchema } from "@workplan/core/operations/list-users";
import { updateUserSchema } from "@workplan/core/operations/update-user";
import { monthlyReportQuerySchema } from "@workplan/core/operations/monthly-report";
import { annualDraftQuerySchema } from "@workplan/core/operations/annual-draft";
import { apiAdminUserSchema } from "@workplan/core/operations/user-admin";
import { z } from "zod";
import { apiErrorSchema, apiInitiativeClosedSchema, apiMeSchema, apiUpdateCreatedSchema, idempotencyKeySchema, json, withApi } from "@/lib/api";

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

const DESCRIPTION = `The REST API of Workplan (工作计划督办) for other ministry systems.

**Authentication.** Send \`Authorization: Bearer <token>\` with a personal access token made on the
Settings page (/settings). A token acts as its user, with the user's role and department scope, and
stops working at once when revoked or when the user is deactivated. A signed-in browser session also
works; a state-changing request made with the session cookie must carry an \`Origin\` of this site.

**Scope.** Everything is limited to what the user may see: an initiative outside the scope answers
404, exactly like one that does not exist.

**Errors.** Every error is JSON: \`{ "error": { "code", "message", ... } }\` with code \`unauthorized\`
(401), \`forbidden\` (403), \`invalid\` (400, with \`fields\`: field → what is wrong), \`not_found\` (404),
\`conflict\` (409, with \`currentVersion\` and \`latestUpdateId\` when someone reported first) or
\`internal\` (500).

**Reporting progress.** Read the initiative, then post the update with \`baseVersion\` = its
\`version\`; if someone reported in between, the answer is 409 and nothing is saved. Send an
\`Idempotency-Key\` so that a retry returns the first answer instead of reporting twice.
Evidence files cannot be uploaded through the API yet (links can); that is planned for a later version.`;

function buildDocument() {
  const queryParameters = Object.entries(listInitiativesQuerySchema.shape).map(([name, schema]) => {
    const { description, ...rest } = inlineSchema(schema);
    return { name, in: "query", required: false, description, schema: rest };
  });
  const userQueryParameters = Object.entries(listUsersQuerySchema.shape).map(([name, schema]) => {
    const { description, ...rest } = inlineSchema(schema);
    return { name, in: "query", required: false, description, schema: rest };
  });
  const reportParameters = [
    ...Object.entries(monthlyReportQuerySchema.shape).map(([name, schema]) => {
      const { description, ...rest } = inlineSchema(schema);
      return { name, in: "query", required: name === "period", description, schema: rest };
    }),
    { name: "format", in: "query", required: false, description: "html (the print view, the default), docx, xlsx or csv", schema: { type: "string", enum: ["html", "docx", "xlsx", "csv"] } },
    { name: "lang", in: "query", required: false, description: "The language of the headings (the source wording stays as written); default zh-Hans", schema: { type: "string", enum: ["zh-Hans", "zh-Hant", "en"] } },
  ];
  const annualParameters = [
    ...Object.entries(annualDraftQuerySchema.shape).map(([name, schema]) => {
      const { description, ...rest } = inlineSchema(schema);
      return { name, in: "query", required: true, description, schema: rest };
    }),
    { name: "format", in: "query", required: false, description: "docx (the default) or txt (plain text the plan import reads back)", schema: { type: "string", enum: ["docx", "txt"] } },
  ];
  const idParameter = { name: "id", in: "path", required: true, description: "The initiative's id", schema: { type: "string" } };

  return {
    openapi: "3.1.0",
    info: { title: "Workplan API", version: "1.0.0", description: DESCRIPTION },
    servers: [{ url: "/api/v1" }],
    security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    paths: {
      "/me": {
        get: {
          operationId: "getMe",
          summary: "The user the token acts as",
          responses: {
            "200": { description: "The user", content: jsonContent(ref("Me")) },
            "401": errorResponse("No valid token or session"),
          },
        },
      },
      "/reports/monthly": {
        get: {
          operationId: "getMonthlyReport",
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
            "400": errorResponse("A parameter is invalid (see fields)"),
            "401": errorResponse("No valid token or session"),
            "404": errorResponse("No such department in the user's scope"),
          },
        },
      },
      "/reports/annual": {
        get: {
          operationId: "getAnnualDraft",
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
            "400": errorResponse("A parameter is invalid (see fields)"),
            "401": errorResponse("No valid token or session"),
            "404": errorResponse("No such department in the user's scope, or no plan of that year"),
          },
        },
      },
      "/initiatives": {
        get: {
          operationId: "listInitiatives",
          summary: "Initiatives in the user's scope",
          description: `In code order unless sort says otherwise (with q, ranked first by where it was found: code, title, original wording, then only in a progress report, given in each item's match), ${LIST_LIMIT_MAX} at most per page; follow nextCursor for the next page (or ask for a page number). The same filters as the /initiatives page of the web app. Unknown parameters are refused (400).`,
          parameters: queryParameters,
          responses: {
            "200": { description: "A page of initiatives", content: jsonContent(ref("InitiativeList")) },
            "400": errorResponse("A parameter is invalid (see fields)"),
            "401": errorResponse("No valid token or session"),
          },
        },
      },
      "/initiatives/{id}": {
        get: {
          operationId: "getInitiative",
          summary: "One initiative with its progress updates and milestones",
          parameters: [idParameter],
          responses: {
            "200": { description: "The initiative", content: jsonContent(ref("InitiativeDetail")) },
            "401": errorResponse("No valid token or session"),
            "404": errorResponse("No such initiative in the user's scope"),
          },
        },
      },
      "/initiatives/{id}/updates": {
        post: {
          operationId: "reportProgress",
          summary: "Report progress on an initiative (the monthly update)",
          description: "Evidence files are out of scope for the API for now: give links in `links`.",
          parameters: [
            idParameter,
            { name: "Idempotency-Key", in: "header", required: false, description: idempotencyKeySchema.description, schema: inlineSchema(idempotencyKeySchema) },
          ],
          requestBody: { required: true, content: jsonContent(ref("ProgressUpdateInput")) },
          responses: {
            "201": { description: "Reported", content: jsonContent(ref("ProgressUpdateCreated")) },
            "200": { description: "Already reported with this Idempotency-Key: the first answer", content: jsonContent(ref("ProgressUpdateCreated")) },
            "400": errorResponse("The update or the header has problems (see fields), or the body is not JSON"),
            "401": errorResponse("No valid token or session"),
            "403": errorResponse("Session cookie without this site's Origin"),
            "404": errorResponse("No such initiative in the user's scope, or the user does not report on it"),
            "409": errorResponse("baseVersion is stale: someone reported first (see currentVersion, latestUpdateId)"),
          },
        },
      },
      "/initiatives/{id}/close": {
        post: {
          operationId: "closeInitiative",
          summary: "Close an initiative at year end (结项) with an outcome and a closing note",
          description:
            "For managers over the initiative's lead department. A closed initiative takes no more reports. Progress and health stay as last reported. Two closes at the same moment: one wins, the other gets 409.",
          parameters: [idParameter],
          requestBody: { required: true, content: jsonContent(ref("CloseOutInput")) },
          responses: {
            "200": { description: "Closed", content: jsonContent(ref("InitiativeClosed")) },
            "400": errorResponse("The close-out has problems (see fields), or the body is not JSON"),
            "401": errorResponse("No valid token or session"),
            "403": errorResponse("Session cookie without this site's Origin"),
            "404": errorResponse("No such initiative in the user's scope, or the user may not close it"),
            "409": errorResponse("Already closed, or baseVersion is stale (see fields.form)"),
          },
        },
      },
      "/admin/users": {
        get: {
          operationId: "listUsers",
          summary: "Accounts (administrators only)",
          description: "By name, a page at a time. Anyone but an administrator gets 404. Unknown parameters are refused (400).",
          parameters: userQueryParameters,
          responses: {
            "200": { description: "A page of accounts", content: jsonContent(ref("AdminUserList")) },
            "400": errorResponse("A parameter is invalid (see fields)"),
            "401": errorResponse("No valid token or session"),
            "404": errorResponse("Not an administrator"),
          },
        },
        post: {
          operationId: "createUser",
          summary: "Create an account (administrators only)",
          description:
            "The account has no password: the answer's setPasswordUrl is a one-time link, valid 72 hours, for the person to set it. It is shown only in this answer. STAFF need a department; a MANAGER without one is ministry-wide.",
          requestBody: { required: true, content: jsonContent(ref("AdminUserInput")) },
          responses: {
            "201": { description: "Created", content: jsonContent(ref("AdminUserCreated")) },
            "400": errorResponse("The account has problems (see fields), or the body is not JSON"),
            "401": errorResponse("No valid token or session"),
            "403": errorResponse("Session cookie without this site's Origin"),
            "404": errorResponse("Not an administrator"),
            "409": errorResponse("An account with this e-mail exists (fields.email)"),
          },
        },
      },
      "/admin/users/{id}": {
        patch: {
          operationId: "updateUser",
          summary: "Change an account's role, department or active state (administrators only)",
          description:
            "Changes apply from the user's next request. Deactivating ends all the user's sessions. The last active administrator can be neither demoted nor deactivated (409).",
          parameters: [{ name: "id", in: "path", required: true, description: "The account's id", schema: { type: "string" } }],
          requestBody: { required: true, content: jsonContent(ref("AdminUserChange")) },
          responses: {
            "200": { description: "The account after the change", content: jsonContent(ref("AdminUser")) },
            "400": errorResponse("The change has problems (see fields), or the body is not JSON"),
            "401": errorResponse("No valid token or session"),
            "403": errorResponse("Session cookie without this site's Origin"),
            "404": errorResponse("No such account, or not an administrator"),
            "409": errorResponse("The last active administrator (fields.role or fields.active)"),
          },
        },
      },
      "/openapi.json": {
        get: {
          operationId: "getOpenApi",
          summary: "This document",
          security: [],
          responses: { "200": { description: "OpenAPI 3.1", content: { "application/json": {} } } },
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
          Initiative: apiInitiativeSchema,
          InitiativeList: apiInitiativeListSchema,
          InitiativeDetail: apiInitiativeDetailSchema,
          ProgressUpdateCreated: apiUpdateCreatedSchema,
          InitiativeClosed: apiInitiativeClosedSchema,
          Error: apiErrorSchema,
          AdminUser: apiAdminUserSchema,
          AdminUserList: apiAdminUserListSchema,
          AdminUserCreated: apiAdminUserCreatedSchema,
        }),
        ...components("input", { ProgressUpdateInput: progressUpdateSchema, CloseOutInput: closeOutSchema, AdminUserInput: inviteUserSchema, AdminUserChange: updateUserSchema }),
      },
    },
  };
}

let cached: ReturnType<typeof buildDocument> | null = null;

export const GET = withApi(
  async () => {
    cached ??= buildDocument();
    return json(cached);
  },
  { auth: "none" },
);
