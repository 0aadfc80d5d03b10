import { randomUUID } from "node:crypto";
import { createConfig, lintFromString } from "@redocly/openapi-core";
import { expect, request, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { fixtureRows, loadContractFixture, signedIn, withDatabase, type ContractFixture } from "../api-fixtures";

// The API does what its OpenAPI document says: every operation of the document is called, as each
// role and anonymously, with valid and invalid input; every answer's status must be one the
// document declares for that operation, and its body must match the schema declared for it. The
// document itself passes an OpenAPI linter. Writes go to a department of this spec's own.

interface Operation {
  operationId: string;
  responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
}
interface OpenApi {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}
interface ApiError {
  error: { code: string; message: string; fields?: Record<string, string>; currentVersion?: number; latestUpdateId?: string | null };
}

const DOC_ID = "https://workplan.local/api/v1/openapi.json";

test.describe.configure({ mode: "serial" });

let doc: OpenApi;
let ajv: Ajv2020;
let fixture: ContractFixture;
let staff: APIRequestContext;
/** The same staff member as another system calls: with a personal access token. */
let staffBearer: APIRequestContext;
let manager: APIRequestContext;
let admin: APIRequestContext;
let anonymous: APIRequestContext;
const called = new Set<string>();
const validators = new Map<string, ValidateFunction>();

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(120_000);
  const base = baseURL ?? "";
  fixture = loadContractFixture("CT");
  anonymous = await request.newContext({ baseURL: base });
  const response = await anonymous.get("/api/v1/openapi.json");
  expect(response.status()).toBe(200);
  doc = (await response.json()) as OpenApi;
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  // The document's components under an id of their own, so that "#/components/…" resolves.
  ajv.addSchema({ $id: DOC_ID, components: doc.components });
  [staff, manager, admin] = await Promise.all([signedIn(base, fixture.staff), signedIn(base, fixture.manager), signedIn(base, fixture.admin)]);
  staffBearer = await request.newContext({ baseURL: base, extraHTTPHeaders: { Authorization: `Bearer ${fixture.staffToken}` } });
});

test.afterAll(async () => {
  await Promise.all([staff, staffBearer, manager, admin, anonymous].map((c) => c?.dispose()));
});

function operation(operationId: string): { method: string; path: string; op: Operation } {
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) if (op.operationId === operationId) return { method, path, op };
  }
  throw new Error(`the document has no operation ${operationId}`);
}

/** The schema declared for a response, its references pointing into the document. */
function validatorFor(key: string, schema: Record<string, unknown>): ValidateFunction {
  let validate = validators.get(key);
  if (!validate) {
    const text = JSON.stringify(schema).replaceAll('"#/components/', `"${DOC_ID}#/components/`);
    validate = ajv.compile(JSON.parse(text) as Record<string, unknown>);
    validators.set(key, validate);
  }
  return validate;
}

/** Check an answer against the document: a declared status, a declared media type, a body of the declared schema. */
async function conforms(operationId: string, op: Operation, response: APIResponse): Promise<unknown> {
  const status = String(response.status());
  const text = await response.text();
  const declared = op.responses[status];
  expect(declared, `${operationId} answered ${status}, which the document does not declare: ${text.slice(0, 300)}`).toBeDefined();
  const media = (response.headers()["content-type"] ?? "").split(";")[0]?.trim() ?? "";
  const content = declared?.content;
  if (!content) return null;
  expect(Object.keys(content), `${operationId} ${status} answered ${media}`).toContain(media);
  if (media !== "application/json") return text;
  const body = JSON.parse(text) as unknown;
  const schema = content[media]?.schema;
  if (schema) {
    const validate = validatorFor(`${operationId} ${status}`, schema);
    const valid = validate(body);
    expect(valid ? [] : validate.errors, `${operationId} ${status}: the body does not match its schema: ${text.slice(0, 300)}`).toEqual([]);
  }
  return body;
}

interface Call {
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Call an operation of the document and check the answer against it; `status` is what this call must answer. */
async function call<T = ApiError>(caller: APIRequestContext, operationId: string, status: number, init: Call = {}): Promise<T> {
  const { method, path, op } = operation(operationId);
  const url = `/api/v1${path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(init.params?.[name] ?? ""))}${init.query ? `?${init.query}` : ""}`;
  const response = await caller.fetch(url, {
    method: method.toUpperCase(),
    headers: { ...(init.body === undefined ? {} : { "Content-Type": "application/json" }), ...init.headers },
    data: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
  });
  called.add(operationId);
  const body = await conforms(operationId, op, response);
  expect(response.status(), `${method.toUpperCase()} ${url}: ${JSON.stringify(body)?.slice(0, 300)}`).toBe(status);
  return body as T;
}

const id = (code: number) => Object.values(fixture.initiatives)[code - 1] ?? "";

test("the OpenAPI document passes the linter (Redocly's recommended rules, offline)", async () => {
  const config = await createConfig({ extends: ["recommended"] });
  const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: DOC_ID, config });
  expect(problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? ""}`)).toEqual([]);
});

test("every operation, as every role, answers only what the document declares, in the declared shape", async ({ baseURL }) => {
  test.setTimeout(120_000);
  const kjsInitiative = await withDatabase(async (db) => (await db.query<{ id: string }>("SELECT id FROM initiatives WHERE code = 'KJS-2018-3.2'")).rows[0]?.id ?? "");

  await test.step("who the caller is", async () => {
    for (const [caller, role] of [
      [staff, "STAFF"],
      [staffBearer, "STAFF"],
      [manager, "MANAGER"],
      [admin, "ADMIN"],
    ] as const) {
      expect(await call<{ role: string }>(caller, "getMe", 200)).toMatchObject({ role });
    }
    await call(anonymous, "getMe", 401);
    await call(anonymous, "getMe", 401, { headers: { Authorization: "Bearer wp_not-a-real-token" } });
    await call(anonymous, "getOpenApi", 200);
    await call(anonymous, "getOpenApi", 400, { query: "format=yaml" });
  });

  await test.step("the initiatives: in scope, with pace, closed state and outcome", async () => {
    const list = await call<{ items: { code: string; pace: { suggestedHealth: string }; closedAt: string | null }[] }>(staff, "listInitiatives", 200, {
      query: `department=${fixture.department}`,
    });
    expect(list.items.map((i) => i.code)).toEqual(Object.keys(fixture.initiatives));
    expect(list.items.every((i) => i.closedAt === null && typeof i.pace.suggestedHealth === "string")).toBe(true);
    await call(manager, "listInitiatives", 200, { query: "limit=2" });
    await call(admin, "listInitiatives", 200, { query: `department=${fixture.department}&sort=-progress` });
    for (const query of ["limit=9999", "bogus=1", "cursor=garbage", "year=soon", `q=${encodeURIComponent("\u0000")}`]) {
      const error = await call(staff, "listInitiatives", 400, { query });
      expect(Object.keys(error.error.fields ?? {})).toHaveLength(1);
    }
    await call(anonymous, "listInitiatives", 401);
    await call(staff, "getInitiative", 200, { params: { id: id(1) } });
    await call(admin, "getInitiative", 200, { params: { id: id(1) } });
    await call(staff, "getInitiative", 404, { params: { id: kjsInitiative } });
    await call(staff, "getInitiative", 404, { params: { id: "not-an-id" } });
    await call(anonymous, "getInitiative", 401, { params: { id: id(1) } });
  });

  // On pace: the progress the time elapsed calls for, and the health the documented rule gives for it.
  const { pace } = await call<{ pace: { expectedProgress: number; suggestedHealth: string } }>(staff, "getInitiative", 200, { params: { id: id(1) } });
  const onPace = pace.expectedProgress;
  const health = onPace >= 100 ? "DONE" : "ON_TRACK";
  const report = (baseVersion: number, patch: Record<string, unknown> = {}) => ({
    period: "2018-06",
    progress: onPace,
    health,
    workDone: "完成方案论证。",
    measuredValue: 1,
    baseVersion,
    ...patch,
  });
  let updateId = "";

  await test.step("reporting progress: strict types, conditional rules, idempotency bound to the request", async () => {
    const strings = await call(staff, "reportProgress", 400, { params: { id: id(1) }, body: report(0, { progress: "55", baseVersion: "0" }) });
    expect(strings.error.fields).toEqual({ progress: "Give the percent complete as a number.", baseVersion: "The form is out of date; reload it." });
    const reason = await call(staff, "reportProgress", 400, { params: { id: id(1) }, body: report(0, { health: "OFF_TRACK" }) });
    expect(reason.error.fields).toEqual({ healthReason: "Say in one line why the health differs from the suggested one." });
    const noTarget = await call(staff, "reportProgress", 400, { params: { id: id(2) }, body: report(0) });
    expect(noTarget.error.fields).toEqual({ measuredValue: "This initiative has no quantitative target." });
    await call(staff, "reportProgress", 400, { params: { id: id(1) }, body: "{ not json" });
    await call(staff, "reportProgress", 400, { params: { id: id(1) }, body: report(0), headers: { "Idempotency-Key": "short" } });
    await call(staff, "reportProgress", 413, { params: { id: id(1) }, body: report(0, { workDone: "长".repeat(100_000) }) });
    await call(anonymous, "reportProgress", 401, { params: { id: id(1) }, body: report(0) });
    const noOrigin = await signedIn(baseURL ?? "", fixture.staff, { origin: false });
    await call(noOrigin, "reportProgress", 403, { params: { id: id(1) }, body: report(0) });
    await noOrigin.dispose();
    await call(admin, "reportProgress", 404, { params: { id: id(1) }, body: report(0) });
    await call(staff, "reportProgress", 404, { params: { id: kjsInitiative }, body: report(0) });

    // Without measuredValue (not measured), on the initiative with a target: taken. Filed with the
    // token; the key belongs to the user, so the retry through the signed-in session is the same request.
    const { measuredValue: _left, ...unmeasured } = report(0);
    const key = randomUUID();
    const created = await call<{ id: string; version: number }>(staffBearer, "reportProgress", 201, {
      params: { id: id(1) },
      body: unmeasured,
      headers: { "Idempotency-Key": key },
    });
    updateId = created.id;
    expect(await call(staff, "reportProgress", 200, { params: { id: id(1) }, body: unmeasured, headers: { "Idempotency-Key": key } })).toEqual(created);
    expect(await call(staffBearer, "reportProgress", 200, { params: { id: id(1) }, body: unmeasured, headers: { "Idempotency-Key": key } })).toEqual(created);
    // The same key on another initiative, or with another body: refused, never the first answer.
    const elsewhere = await call(staffBearer, "reportProgress", 422, { params: { id: id(2) }, body: report(0, { measuredValue: null }), headers: { "Idempotency-Key": key } });
    expect(elsewhere.error.code).toBe("idempotency_mismatch");
    await call(staff, "reportProgress", 422, { params: { id: id(1) }, body: { ...unmeasured, progress: onPace === 0 ? 1 : onPace - 1 }, headers: { "Idempotency-Key": key } });
    const stale = await call(staff, "reportProgress", 409, { params: { id: id(1) }, body: unmeasured, headers: { "Idempotency-Key": randomUUID() } });
    expect(stale.error).toMatchObject({ currentVersion: 1, latestUpdateId: updateId });
    // Nothing of either refused request was lost or mixed up: one report on the first, none on the second,
    // and the second is filed with a key of its own.
    const second = await call<{ id: string }>(staff, "reportProgress", 201, {
      params: { id: id(2) },
      body: report(0, { measuredValue: null }),
      headers: { "Idempotency-Key": randomUUID() },
    });
    const reports = await withDatabase(async (db) =>
      (await db.query<{ id: string; initiative_id: string; progress: number }>(
        "SELECT id, initiative_id, progress FROM progress_updates WHERE initiative_id = ANY($1) ORDER BY created_at",
        [[id(1), id(2)]],
      )).rows,
    );
    expect(reports).toEqual([
      { id: updateId, initiative_id: id(1), progress: onPace },
      { id: second.id, initiative_id: id(2), progress: onPace },
    ]);
  });

  await test.step("reviewing: human messages, once only, managers over the department", async () => {
    const missing = await call(manager, "reviewUpdate", 400, { params: { id: updateId }, body: {} });
    expect(missing.error.fields).toEqual({ decision: "The decision is approve or return." });
    const noComment = await call(manager, "reviewUpdate", 400, { params: { id: updateId }, body: { decision: "return" } });
    expect(noComment.error.fields).toEqual({ comment: "Say in a comment what to change when returning a report." });
    await call(manager, "reviewUpdate", 400, { params: { id: updateId }, body: { decision: "approve", extra: 1 } });
    await call(manager, "reviewUpdate", 413, { params: { id: updateId }, body: { decision: "approve", comment: "长".repeat(100_000) } });
    await call(staff, "reviewUpdate", 404, { params: { id: updateId }, body: { decision: "approve" } });
    await call(admin, "reviewUpdate", 404, { params: { id: updateId }, body: { decision: "approve" } });
    await call(anonymous, "reviewUpdate", 401, { params: { id: updateId }, body: { decision: "approve" } });
    await call(manager, "reviewUpdate", 404, { params: { id: "c000000000000000000000000" }, body: { decision: "approve" } });
    expect(await call(manager, "reviewUpdate", 200, { params: { id: updateId }, body: { decision: "approve", comment: "同意" } })).toMatchObject({
      id: updateId,
      status: "APPROVED",
    });
    const again = await call(manager, "reviewUpdate", 409, { params: { id: updateId }, body: { decision: "approve" } });
    expect(again.error.fields).toEqual({ form: "This report has already been reviewed." });
  });

  await test.step("closing at year end: outcome and closed state in the initiative", async () => {
    await call(manager, "closeInitiative", 400, { params: { id: id(3) }, body: { outcome: "WON", note: "x" } });
    await call(staff, "closeInitiative", 404, { params: { id: id(3) }, body: { outcome: "ACHIEVED", note: "完成" } });
    await call(admin, "closeInitiative", 404, { params: { id: id(3) }, body: { outcome: "ACHIEVED", note: "完成" } });
    await call(anonymous, "closeInitiative", 401, { params: { id: id(3) }, body: { outcome: "ACHIEVED", note: "完成" } });
    await call(manager, "closeInitiative", 413, { params: { id: id(3) }, body: { outcome: "ACHIEVED", note: "长".repeat(100_000) } });
    await call(manager, "closeInitiative", 200, { params: { id: id(3) }, body: { outcome: "PARTLY_ACHIEVED", note: "部分完成" } });
    await call(manager, "closeInitiative", 409, { params: { id: id(3) }, body: { outcome: "ACHIEVED", note: "完成" } });
    const closed = await call<{ closedAt: string | null; outcome: string | null }>(staff, "getInitiative", 200, { params: { id: id(3) } });
    expect(closed).toMatchObject({ closedAt: expect.any(String), outcome: "PARTLY_ACHIEVED" });
    const refused = await call(staff, "reportProgress", 400, { params: { id: id(3) }, body: report(0, { measuredValue: null }) });
    expect(refused.error.fields).toEqual({ form: "This initiative is closed and takes no more reports." });
  });

  await test.step("reports as documents", async () => {
    await call(manager, "getMonthlyReport", 200, { query: `period=2018-06&department=${fixture.department}&format=csv` });
    await call(manager, "getMonthlyReport", 400, { query: "period=2018-06&format=pdf" });
    await call(manager, "getMonthlyReport", 404, { query: "period=2018-06&department=KJS" });
    await call(anonymous, "getMonthlyReport", 401, { query: "period=2018-06" });
    await call(manager, "getAnnualDraft", 200, { query: `year=2018&department=${fixture.department}&format=txt` });
    await call(manager, "getAnnualDraft", 400, { query: `year=2018&department=${fixture.department}&format=pdf` });
    await call(manager, "getAnnualDraft", 404, { query: "year=2018&department=KJS" });
    await call(anonymous, "getAnnualDraft", 401, { query: "year=2018&department=KJS" });
  });

  await test.step("accounts: administrators only", async () => {
    await call(admin, "listUsers", 200, { query: `q=${fixture.department}` });
    await call(admin, "listUsers", 400, { query: "limit=0" });
    await call(staff, "listUsers", 404);
    await call(manager, "listUsers", 404);
    await call(anonymous, "listUsers", 401);
    const email = `${fixture.department.toLowerCase()}.new@contract.local`;
    const user = { email, name: "契约测试新用户", role: "STAFF", department: fixture.department };
    const created = await call<{ user: { id: string } }>(admin, "createUser", 201, { body: user });
    await call(admin, "createUser", 409, { body: user });
    await call(admin, "createUser", 400, { body: { ...user, email: "not an e-mail" } });
    await call(admin, "createUser", 413, { body: { ...user, name: "长".repeat(100_000) } });
    await call(staff, "createUser", 404, { body: user });
    await call(anonymous, "createUser", 401, { body: user });
    await call(admin, "updateUser", 200, { params: { id: created.user.id }, body: { active: false } });
    await call(admin, "updateUser", 400, { params: { id: created.user.id }, body: { role: "KING" } });
    await call(admin, "updateUser", 404, { params: { id: "c000000000000000000000000" }, body: { active: false } });
    await call(manager, "updateUser", 404, { params: { id: created.user.id }, body: { active: true } });
    await call(anonymous, "updateUser", 401, { params: { id: created.user.id }, body: { active: true } });
    await call(admin, "updateUser", 413, { params: { id: created.user.id }, body: { active: true, name: "长".repeat(100_000) } });
  });

  const operations = Object.values(doc.paths).flatMap((methods) => Object.values(methods).map((op) => op.operationId));
  expect(operations.filter((o) => !called.has(o))).toEqual([]);
});

test("an unknown path or a wrong method is answered with the JSON error shape", async () => {
  const errorSchema = validatorFor("Error", { $ref: "#/components/schemas/Error" });
  // The check has teeth: a member the document does not declare, or a code it does not list, fails it.
  expect(errorSchema({ error: { code: "invalid", message: "x" } })).toBe(true);
  expect(errorSchema({ error: { code: "invalid", message: "x", stack: "at x.ts:1" } })).toBe(false);
  expect(errorSchema({ error: { code: "teapot", message: "x" } })).toBe(false);
  const expectJsonError = async (response: APIResponse, status: number, code: string) => {
    expect(response.status()).toBe(status);
    expect(response.headers()["content-type"]).toMatch(/^application\/json/);
    const body = (await response.json()) as ApiError;
    expect(errorSchema(body) ? [] : errorSchema.errors).toEqual([]);
    expect(body.error.code).toBe(code);
    return response;
  };
  await expectJsonError(await anonymous.get("/api/v1/nope"), 404, "not_found");
  await expectJsonError(await staff.get("/api/v1/nope"), 404, "not_found");
  await expectJsonError(await staff.post("/api/v1/initiatives/x/nope/deeper", { data: {} }), 404, "not_found");
  await expectJsonError(await anonymous.get("/api/v1"), 404, "not_found");
  const wrong = await expectJsonError(await staff.delete("/api/v1/me"), 405, "method_not_allowed");
  expect(wrong.headers().allow).toBe("GET, HEAD, OPTIONS");
  const put = await expectJsonError(await staff.put(`/api/v1/initiatives/${id(4)}/updates`, { data: {} }), 405, "method_not_allowed");
  expect(put.headers().allow).toBe("POST, OPTIONS");
  const get = await expectJsonError(await staff.get(`/api/v1/updates/${id(4)}/review`), 405, "method_not_allowed");
  expect(get.headers().allow).toBe("POST, OPTIONS");
  const options = await anonymous.fetch("/api/v1/admin/users", { method: "OPTIONS" });
  expect(options.status()).toBe(204);
  expect(options.headers().allow).toBe("GET, HEAD, POST, OPTIONS");
  // Nothing was written by any of them.
  await withDatabase(async (db) => {
    const before = await fixtureRows(db, fixture);
    await staff.post(`/api/v1/initiatives/${id(4)}/nope`, { data: { period: "2018-06" } });
    await staff.patch(`/api/v1/initiatives/${id(4)}/updates`, { data: { period: "2018-06" } });
    expect(await fixtureRows(db, fixture)).toEqual(before);
  });
});
