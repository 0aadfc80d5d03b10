import { randomUUID } from "node:crypto";
import { expect, request, test, type APIRequestContext } from "@playwright/test";
import fc from "fast-check";
import { fixtureRows, loadContractFixture, signedIn, withDatabase, type ContractFixture } from "../api-fixtures";

// Hostile input, generated (fast-check), against every operation of the API on the production
// build: control characters, lone surrogates, text of only invisible characters, 1 MB, numbers out
// of every range, wrong types, unknown members, in query parameters, path ids, headers and JSON
// bodies. Each request starts from a valid one and breaks it, so that it must be refused: the answer
// is always a 4xx in the JSON error shape (400 naming the broken fields, 413 for an oversized body),
// never a 500 or an HTML page, and nothing is written (the fixture's rows and its callers' audit
// events are the same before and after). Bounded: RUNS requests per operation. The values are
// broken in form (type, characters, length, range): a value of the right form that names nothing
// (a department code no department has) is refused too, but only once the form is right, so it
// would not be named alongside a broken neighbour.

const RUNS = 60;
const MB = 1024 * 1024;

type Caller = "staff" | "manager" | "admin" | "anonymous";

interface Hostile {
  as: Caller;
  method: "GET" | "POST" | "PATCH";
  url: string;
  body?: string;
  headers?: Record<string, string>;
  /** 413 when the body is over the limit; else 400 (or any 4xx when `anyClientError`). */
  status?: number;
  /** The fields a 400 must name (all of them, or with `someField` at least one). */
  fields?: string[];
  someField?: boolean;
  /** A 400 without fields is right: the body is not JSON at all. */
  noFields?: boolean;
  anyClientError?: boolean;
}

// ── Values that no field may take ────────────────────────────────────────────────────────────────

const C0 = fc.oneof(fc.integer({ min: 0, max: 8 }), fc.constantFrom(0x0b, 0x0c, 0x7f), fc.integer({ min: 0x0e, max: 0x1f })).map((c) => String.fromCharCode(c));
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
/** What may surround a forbidden character: letters, Chinese, combining marks, bidi controls, zero-width. */
const around = fc.string({ unit: fc.constantFrom("a", "Z", "9", "字", "報", " ", "\u0301", "\u202E", "\u2066", "\u200B", "\uFEFF", "\u200F", "-"), maxLength: 6 });
/** Text with a character no text of ours may hold (C0 control, DEL or a lone surrogate). */
const forbiddenText = (withSurrogates = true) =>
  fc.tuple(around, withSurrogates ? fc.oneof(C0, loneSurrogate) : C0, around).map(([a, b, c]) => `${a}${b}${c}`);
/** Text of nothing but spaces, zero-width and direction characters: empty once normalised. */
const invisibleText = fc.string({
  unit: fc.constantFrom(" ", "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u202A", "\u202E", "\u2066", "\u2069", "\u200E", "\u200F"),
  minLength: 1,
  maxLength: 12,
});
const megabyte = fc.constantFrom("字", "a", "\u200B").map((c) => c.repeat(Math.ceil(MB / Buffer.byteLength(c)) + 16));
const wrongTypeForText = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 }), fc.object({ maxDepth: 1 }));
const wrongTypeForNumber = fc.oneof(
  fc.integer({ min: 0, max: 100 }).map(String),
  fc.boolean(),
  fc.string({ maxLength: 5 }),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.object({ maxDepth: 1 }),
);
const hugeOrNegative = fc.oneof(
  fc.integer({ min: -(2 ** 31), max: -1 }),
  fc.bigInt({ min: 2n ** 31n, max: 2n ** 70n }).map((n) => Number(n)),
  fc.constantFrom(-0.5, 1e300, -1e300, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER),
);

/** A required text field: forbidden characters, nothing visible, a wrong type. */
const badRequiredText = fc.oneof(forbiddenText(), invisibleText, wrongTypeForText);
/** An optional text field: forbidden characters or a wrong type (invisible text is simply empty). */
const badOptionalText = fc.oneof(forbiddenText(), wrongTypeForText.filter((v) => v !== null));
/** An enum member: anything not in it. */
const badEnum = (members: readonly string[]) => fc.oneof(forbiddenText(), invisibleText, fc.string({ maxLength: 12 }).filter((s) => !members.includes(s)), wrongTypeForText);

type Mutation = { field: string; value: unknown };

/** One to three fields of a valid body broken, perhaps with a member the body does not have, perhaps 1 MB. */
function brokenBody(base: Record<string, unknown>, broken: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<{ body: string; fields: string[]; large: boolean }> {
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    ...Object.entries(broken).map(([field, value]) => value.map((v) => ({ field, value: v }))),
    fc.string({ minLength: 1, maxLength: 10 }).filter((k) => !(k in base) && !(k in broken) && k !== "__proto__").map((field) => ({ field, value: "x" })),
  );
  return fc
    .tuple(fc.uniqueArray(mutation, { minLength: 1, maxLength: 3, selector: (m) => m.field }), fc.option(fc.tuple(fc.constantFrom(...Object.keys(base)), megabyte), { freq: 12 }))
    .map(([mutations, large]) => {
      const body: Record<string, unknown> = { ...base };
      for (const m of mutations) body[m.field] = m.value;
      if (large) body[large[0]] = large[1];
      // An unknown member is the body's fault as a whole (fields.form) where the key is no field.
      const fields = mutations.map((m) => (m.field in broken ? m.field : "form"));
      return { body: JSON.stringify(body), fields: large ? [] : [...new Set(fields)], large: large !== null };
    });
}

/** Not a JSON object at all: an array, a scalar, malformed JSON. */
const notAnObject = fc.oneof(
  fc.constantFrom("[]", "null", "42", '"text"', "true", "{", "{\"a\":}", "", "\u0000"),
  fc.jsonValue({ maxDepth: 2 }).filter((v) => v === null || typeof v !== "object" || Array.isArray(v)).map((v) => JSON.stringify(v)),
);

/** A path segment no resource has: hostile text (its surrogates as the replacement character a URL carries), long, numbers. */
const badId = fc
  .oneof(forbiddenText(false), invisibleText, fc.string({ minLength: 1, maxLength: 40 }), fc.constantFrom("c".repeat(1000), "-1", "2147483648", "%", "null", "[object Object]"), hugeOrNegative.map(String))
  .filter((s) => s !== "." && s !== ".." && s.trim() !== "")
  .map((s) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, "\uFFFD")));

/** A query value none takes: a control character, 4 kB, or for a number out of its range. */
// Long: over every maximum (a URL of more than 16 kB is refused by Node.js itself, 431, before the app).
const badQueryText = fc.oneof(forbiddenText(false), fc.constant("長".repeat(300)));
const outOfRange = (min: number, max: number) =>
  fc.oneof(fc.integer({ min: -1e9, max: min - 1 }), fc.integer({ min: max + 1, max: 1e15 }), fc.constantFrom("1e400", "-0.5", "NaN", "Infinity", "0x10", "12abc"));
const q = (pairs: [string, string | number][]) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join("&");

function brokenQuery(base: [string, string][], broken: Record<string, fc.Arbitrary<unknown>>, options: { unknownRefused: boolean }) {
  const mutation = fc.oneof(
    ...Object.entries(broken).map(([field, value]) => value.map((v) => ({ field, value: String(v) }))),
    ...(options.unknownRefused
      ? [fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,11}$/).filter((k) => !(k in broken) && k !== "__proto__" && !base.some(([b]) => b === k)).map((field) => ({ field, value: "1" }))]
      : []),
  );
  return fc.uniqueArray(mutation, { minLength: 1, maxLength: 3, selector: (m) => m.field }).map((mutations) => {
    const params = new Map(base);
    for (const m of mutations) params.set(m.field, m.value);
    return { query: q([...params]), fields: mutations.map((m) => m.field) };
  });
}

// ── The run ──────────────────────────────────────────────────────────────────────────────────────

test.describe.configure({ mode: "serial" });

let fixture: ContractFixture;
let callers: Record<Caller, APIRequestContext>;
let submittedUpdate = "";
let staffUserId = "";
let reportBase: Record<string, unknown> = {};

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(120_000);
  const base = baseURL ?? "";
  fixture = loadContractFixture("PT");
  const [staff, manager, admin, anonymous] = await Promise.all([
    signedIn(base, fixture.staff),
    signedIn(base, fixture.manager),
    signedIn(base, fixture.admin),
    request.newContext({ baseURL: base }),
  ]);
  callers = { staff, manager, admin, anonymous };
  // A report awaiting review (for the review route), filed on pace so that it needs no reason.
  const initiative = (await (await staff.get(`/api/v1/initiatives/${id(2)}`)).json()) as { version: number; pace: { expectedProgress: number } };
  const progress = initiative.pace.expectedProgress;
  reportBase = { period: "2018-06", progress, health: progress >= 100 ? "DONE" : "ON_TRACK", workDone: "完成调研。", baseVersion: initiative.version };
  const filed = await staff.post(`/api/v1/initiatives/${id(2)}/updates`, { data: reportBase, headers: { "Idempotency-Key": randomUUID() } });
  expect(filed.status(), await filed.text()).toBe(201);
  submittedUpdate = ((await filed.json()) as { id: string }).id;
  const one = (await (await staff.get(`/api/v1/initiatives/${id(1)}`)).json()) as { version: number };
  reportBase = { ...reportBase, measuredValue: 1, baseVersion: one.version };
  staffUserId = await withDatabase(async (db) => (await db.query<{ id: string }>("SELECT id FROM users WHERE email = $1", [fixture.staff])).rows[0]?.id ?? "");
});

test.afterAll(async () => {
  await Promise.all(Object.values(callers ?? {}).map((c) => c.dispose()));
});

const id = (n: number) => Object.values(fixture.initiatives)[n - 1] ?? "";

/** Send one hostile request and check the refusal. */
async function refused(h: Hostile): Promise<void> {
  const response = await callers[h.as].fetch(h.url, {
    method: h.method,
    headers: { ...(h.body === undefined ? {} : { "Content-Type": "application/json" }), ...h.headers },
    data: h.body,
    maxRedirects: 0,
  });
  const status = response.status();
  const text = await response.text();
  const where = `${h.as} ${h.method} ${h.url.slice(0, 300)} ${JSON.stringify(h.headers ?? {}).slice(0, 200)} ${(h.body ?? "").slice(0, 300)}\n→ ${status} ${text.slice(0, 300)}`;
  expect(status >= 400 && status < 500, where).toBe(true);
  expect(response.headers()["content-type"] ?? "", where).toMatch(/^application\/json/);
  const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; fields?: Record<string, string> } };
  expect(typeof body.error?.code === "string" && typeof body.error.message === "string", where).toBe(true);
  expect(text, where).not.toMatch(/\bat .+\.(js|ts|mjs):\d+|node_modules|Prisma|SQLSTATE/);
  if (h.anyClientError) return;
  expect(status, where).toBe(h.status ?? 400);
  if (status === 400 && !h.noFields) {
    const named = Object.keys(body.error?.fields ?? {});
    expect(named.length, where).toBeGreaterThan(0);
    if (h.someField) expect(named.filter((f) => h.fields?.includes(f)).length, where).toBeGreaterThan(0);
    else for (const field of h.fields ?? []) expect(named, where).toContain(field);
  }
}

/** The property for one operation: every generated request refused, nothing written. */
async function property(arbitrary: fc.Arbitrary<Hostile>, runs = RUNS): Promise<void> {
  await withDatabase(async (db) => {
    const before = await fixtureRows(db, fixture);
    await fc.assert(fc.asyncProperty(arbitrary, refused), { numRuns: runs, endOnFailure: false });
    expect(await fixtureRows(db, fixture)).toEqual(before);
  });
}

const bodyRequest = (as: Caller, method: "POST" | "PATCH", url: string) => (b: { body: string; fields: string[]; large: boolean }): Hostile => ({
  as,
  method,
  url,
  body: b.body,
  status: b.large ? 413 : 400,
  fields: b.fields,
});

test("reportProgress: every hostile report is refused with its fields, nothing saved", async () => {
  test.setTimeout(120_000);
  const url = `/api/v1/initiatives/${id(1)}/updates`;
  await property(
    fc.oneof(
      { weight: 6, arbitrary: brokenBody(reportBase, {
        period: fc.oneof(badRequiredText, fc.constantFrom("2018-13", "2018-6", "2018-06-01", "2018-00")),
        progress: fc.oneof(wrongTypeForNumber, hugeOrNegative, fc.constantFrom(101, 12.5, -1)),
        health: badEnum(["ON_TRACK", "AT_RISK", "OFF_TRACK", "DONE"]),
        healthReason: badOptionalText,
        workDone: badRequiredText,
        problems: badOptionalText,
        nextSteps: badOptionalText,
        measuredValue: fc.oneof(wrongTypeForNumber, fc.constantFrom(-1, 1e12, 1e300, -1e-9)),
        links: fc.oneof(
          wrongTypeForText.filter((v) => !Array.isArray(v)),
          fc.array(fc.oneof(forbiddenText(), fc.constantFrom("javascript:alert(1)", "ftp://x.org", "not a url")), { minLength: 1, maxLength: 3 }),
          fc.constant(Array.from({ length: 11 }, (_, i) => `https://example.org/${i}`)),
        ),
        baseVersion: fc.oneof(wrongTypeForNumber, hugeOrNegative),
      }).map(bodyRequest("staff", "POST", url)) },
      { weight: 1, arbitrary: notAnObject.map((body): Hostile => ({ as: "staff", method: "POST", url, body, noFields: true })) },
      {
        weight: 1,
        arbitrary: fc
          .oneof(fc.string({ unit: fc.constantFrom("a", "-", "_", "!", " ", ".", "~", "%"), maxLength: 120 }), fc.constant("k".repeat(101)))
          .filter((k) => !/^[A-Za-z0-9_-]{8,100}$/.test(k) && k.trim() === k && k !== "")
          .map((key): Hostile => ({ as: "staff", method: "POST", url, body: JSON.stringify(reportBase), headers: { "Idempotency-Key": key }, fields: ["Idempotency-Key"] })),
      },
      { weight: 1, arbitrary: badId.map((bad): Hostile => ({ as: "staff", method: "POST", url: `/api/v1/initiatives/${bad}/updates`, body: JSON.stringify(reportBase), anyClientError: true })) },
    ),
  );
});

test("reviewUpdate: every hostile review is refused with its fields, nothing saved", async () => {
  test.setTimeout(120_000);
  const url = `/api/v1/updates/${submittedUpdate}/review`;
  await property(
    fc.oneof(
      { weight: 5, arbitrary: brokenBody({ decision: "return", comment: "请补充佐证材料。" }, {
        decision: badEnum(["approve", "return"]),
        // Required only to return (a rule on the whole review, checked once each field is right):
        // broken here in form only.
        comment: badOptionalText,
      }).map(bodyRequest("manager", "POST", url)) },
      { weight: 1, arbitrary: notAnObject.map((body): Hostile => ({ as: "manager", method: "POST", url, body, noFields: true })) },
      { weight: 1, arbitrary: badId.map((bad): Hostile => ({ as: "manager", method: "POST", url: `/api/v1/updates/${bad}/review`, body: '{"decision":"approve"}', anyClientError: true })) },
    ),
  );
});

test("closeInitiative: every hostile close-out is refused with its fields, nothing saved", async () => {
  test.setTimeout(120_000);
  const url = `/api/v1/initiatives/${id(4)}/close`;
  await property(
    fc.oneof(
      { weight: 5, arbitrary: brokenBody({ outcome: "ACHIEVED", note: "全面完成。" }, {
        outcome: badEnum(["ACHIEVED", "PARTLY_ACHIEVED", "NOT_ACHIEVED", "DROPPED"]),
        note: badRequiredText,
        baseVersion: fc.oneof(wrongTypeForNumber, hugeOrNegative),
      }).map(bodyRequest("manager", "POST", url)) },
      { weight: 1, arbitrary: notAnObject.map((body): Hostile => ({ as: "manager", method: "POST", url, body, noFields: true })) },
      { weight: 1, arbitrary: badId.map((bad): Hostile => ({ as: "manager", method: "POST", url: `/api/v1/initiatives/${bad}/close`, body: '{"outcome":"ACHIEVED","note":"完成"}', anyClientError: true })) },
    ),
  );
});

test("createUser and updateUser: every hostile account is refused with its fields, nothing saved", async () => {
  test.setTimeout(120_000);
  const user = { email: `${fixture.department.toLowerCase()}.p@contract.local`, name: "属性测试用户", role: "STAFF", department: fixture.department };
  await property(
    fc.oneof(
      { weight: 4, arbitrary: brokenBody(user, {
        email: fc.oneof(badRequiredText, fc.constantFrom("a@", "@b.c", "a b@c.d", `${"x".repeat(300)}@x.org`)),
        name: badRequiredText,
        role: badEnum(["STAFF", "MANAGER", "ADMIN"]),
        department: fc.oneof(forbiddenText(), fc.constant("A".repeat(40)), wrongTypeForText.filter((v) => v !== null)),
      }).map(bodyRequest("admin", "POST", "/api/v1/admin/users")) },
      { weight: 3, arbitrary: brokenBody({ active: true }, {
        role: badEnum(["STAFF", "MANAGER", "ADMIN"]),
        department: fc.oneof(forbiddenText(), fc.constant("A".repeat(40))),
        active: fc.oneof(fc.constantFrom("true", 1, 0, "yes"), fc.object({ maxDepth: 1 })),
      }).map(bodyRequest("admin", "PATCH", `/api/v1/admin/users/${staffUserId}`)) },
      { weight: 1, arbitrary: notAnObject.map((body): Hostile => ({ as: "admin", method: "POST", url: "/api/v1/admin/users", body, noFields: true })) },
      { weight: 1, arbitrary: badId.map((bad): Hostile => ({ as: "admin", method: "PATCH", url: `/api/v1/admin/users/${bad}`, body: '{"active":false}', anyClientError: true })) },
    ),
  );
});

test("the lists, documents and reads: every hostile query or id is refused with its fields, nothing written", async () => {
  test.setTimeout(120_000);
  const flag = fc.oneof(badQueryText, fc.constantFrom("2", "yes", "-1", "true"));
  const listInitiatives = brokenQuery(
    [],
    {
      year: fc.oneof(badQueryText, outOfRange(2000, 2100)),
      department: badQueryText,
      theme: badQueryText,
      health: badQueryText,
      light: badQueryText,
      overdue: flag,
      late: flag,
      attention: flag,
      review: badQueryText,
      closed: flag,
      q: badQueryText,
      in: badQueryText,
      sort: badQueryText,
      limit: fc.oneof(badQueryText, outOfRange(1, 500)),
      cursor: badQueryText,
      page: fc.oneof(badQueryText, outOfRange(1, 1000)),
    },
    { unknownRefused: true },
  ).map(({ query, fields }): Hostile => ({ as: "staff", method: "GET", url: `/api/v1/initiatives?${query}`, fields }));
  const listUsers = brokenQuery(
    [],
    {
      q: badQueryText,
      role: badQueryText,
      department: badQueryText,
      active: fc.oneof(badQueryText, fc.constantFrom("1", "yes", "TRUE ")),
      locked: fc.oneof(badQueryText, fc.constantFrom("1", "yes", "TRUE ")),
      page: fc.oneof(badQueryText, outOfRange(1, 100_000)),
      limit: fc.oneof(badQueryText, outOfRange(1, 200)),
    },
    { unknownRefused: true },
  ).map(({ query, fields }): Hostile => ({ as: "admin", method: "GET", url: `/api/v1/admin/users?${query}`, fields }));
  // The documents take their own parameters only (others are ignored, as documented): break those.
  const monthly = brokenQuery(
    [["period", "2018-06"], ["department", fixture.department], ["format", "csv"]],
    {
      period: fc.oneof(badQueryText, fc.constantFrom("2018-13", "2018", "18-06")),
      department: fc.oneof(badQueryText, fc.constantFrom("kjs", "K", "TOOLONGCODE1")),
      includeSubmitted: flag,
      format: badQueryText,
      lang: badQueryText,
    },
    { unknownRefused: false },
  ).map(({ query, fields }): Hostile => ({ as: "manager", method: "GET", url: `/api/v1/reports/monthly?${query}`, fields, someField: true }));
  const annual = brokenQuery(
    [["year", "2018"], ["department", fixture.department], ["format", "txt"]],
    {
      year: fc.oneof(badQueryText, outOfRange(2000, 2100)),
      department: fc.oneof(badQueryText, fc.constantFrom("kjs", "K", "TOOLONGCODE1")),
      format: badQueryText,
    },
    { unknownRefused: false },
  ).map(({ query, fields }): Hostile => ({ as: "manager", method: "GET", url: `/api/v1/reports/annual?${query}`, fields, someField: true }));
  // "__proto__" never reaches the app (Next.js drops it from the query): asking for it is asking for nothing.
  const openapi = fc
    .string({ minLength: 1, maxLength: 12 })
    .filter((k) => k.trim() !== "" && k !== "__proto__")
    .map((k): Hostile => ({ as: "anonymous", method: "GET", url: `/api/v1/openapi.json?${q([[k, "1"]])}`, fields: [] }));
  const reads = fc.oneof(
    badId.map((bad): Hostile => ({ as: "staff", method: "GET", url: `/api/v1/initiatives/${bad}`, status: 404 })),
    fc
      .array(badId, { minLength: 1, maxLength: 3 })
      .filter((segments) => !["me", "initiatives", "openapi.json", "reports", "admin", "updates"].includes(decodeURIComponent(segments[0] ?? "")))
      .map((segments): Hostile => ({ as: "staff", method: "GET", url: `/api/v1/${segments.join("/")}`, status: 404 })),
    fc
      .oneof(fc.string({ unit: fc.constantFrom("a", "B", " ", "_", ".", "=", "/", "+"), maxLength: 80 }), fc.constantFrom("Bearer", "Bearer ", "Basic YTpi", `Bearer wp_${"x".repeat(500)}`))
      .map((authorization): Hostile => ({ as: "anonymous", method: "GET", url: "/api/v1/me", headers: { Authorization: authorization }, status: 401 })),
  );
  await property(fc.oneof(listInitiatives, listUsers, monthly, annual, openapi, reads), RUNS * 3);
});
