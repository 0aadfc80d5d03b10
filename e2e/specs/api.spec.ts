import { randomUUID } from "node:crypto";
import { expect, request, test, type APIResponse } from "@playwright/test";
import { expectAccessible, signInAs } from "../fixtures";

// The REST API as another ministry system uses it: a person makes a token on /settings, the system
// calls /api/v1 with it. This spec reports on its own initiative so that specs running side by side
// do not collide.
const OWN_INITIATIVE = "KJS-2018-3.4";

interface ApiInitiative {
  id: string;
  code: string;
  version: number;
  department: { code: string };
}

async function expectError(response: APIResponse, status: number, code: string) {
  expect(response.status(), await response.text()).toBe(status);
  expect(response.headers()["content-type"]).toMatch(/^application\/json/);
  const body = (await response.json()) as { error: { code: string; message: string; fields?: Record<string, string> } };
  expect(body.error.code).toBe(code);
  expect(body.error.message).toEqual(expect.any(String));
  expect(JSON.stringify(body)).not.toMatch(/\bat .+\.(js|ts):\d+/); // no stack trace
  return body.error;
}

test("a system calls the API with a token made on the settings page, until the token is revoked", async ({ page, browser, baseURL }) => {
  test.setTimeout(60_000);
  await signInAs(page, "tech.staff@demo.local");

  // Make a token: a missing name is refused next to the field, in the interface language.
  await page.goto("/settings");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("设置");
  await page.getByRole("button", { name: "创建令牌" }).click();
  await expect(page.getByTestId("token-name-error")).toHaveText("请输入令牌名称。");
  await page.getByLabel("令牌名称").fill("统计报表系统");
  await page.getByRole("button", { name: "创建令牌" }).click();
  await expect(page.getByTestId("new-token-panel")).toContainText("令牌只显示这一次");
  const token = (await page.getByTestId("new-token").textContent()) ?? "";
  expect(token).toMatch(/^wp_[A-Za-z0-9_-]{43}$/);
  const row = page.locator(`[data-testid="token-row"][data-prefix="${token.slice(0, 10)}"]`);
  await expect(row).toContainText("统计报表系统");
  await expect(row.getByTestId("token-status")).toHaveText("有效");
  await expectAccessible(page);

  // Shown once: after a reload only the prefix is left.
  await page.reload();
  await expect(row).toBeVisible();
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  expect(await page.content()).not.toContain(token.slice(10));

  const api = await request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
  const anonymous = await request.newContext({ baseURL });

  await test.step("GET /me", async () => {
    const me = await api.get("/api/v1/me");
    expect(me.status()).toBe(200);
    expect(me.headers()["content-type"]).toMatch(/^application\/json/);
    expect(await me.json()).toMatchObject({
      email: "tech.staff@demo.local",
      role: "STAFF",
      department: { code: "KJS", nameZhHans: "科技司", nameZhHant: "科技司" },
    });
  });

  let initiative: ApiInitiative | undefined;
  await test.step("GET /initiatives, in scope and in either script", async () => {
    const list = await api.get("/api/v1/initiatives?year=2018&department=&health=&q=");
    expect(list.status()).toBe(200);
    const { items, nextCursor } = (await list.json()) as { items: ApiInitiative[]; nextCursor: string | null };
    expect(items).toHaveLength(15);
    expect(nextCursor).toBeNull();
    expect(items.every((i) => i.department.code === "KJS")).toBe(true);
    initiative = items.find((i) => i.code === OWN_INITIATIVE);
    expect(initiative).toBeDefined();

    const traditional = (await (await api.get(`/api/v1/initiatives?q=${encodeURIComponent("製造")}`)).json()) as { items: ApiInitiative[] };
    const simplified = (await (await api.get(`/api/v1/initiatives?q=${encodeURIComponent("制造")}`)).json()) as { items: ApiInitiative[] };
    expect(traditional.items.length).toBeGreaterThan(0);
    expect(simplified.items.map((i) => i.code)).toEqual(traditional.items.map((i) => i.code));

    const bad = await expectError(await api.get("/api/v1/initiatives?health=GREEN&limit=9999"), 400, "invalid");
    expect(Object.keys(bad.fields ?? {}).sort()).toEqual(["health", "limit"]);
  });
  const id = initiative?.id ?? "";

  const detail = await api.get(`/api/v1/initiatives/${id}`);
  expect(detail.status()).toBe(200);
  const before = (await detail.json()) as ApiInitiative & { updates: { id: string }[]; milestones: unknown[]; dueDate: string };
  expect(before).toMatchObject({ code: OWN_INITIATIVE, dueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  expect(Array.isArray(before.updates) && Array.isArray(before.milestones)).toBe(true);

  const report = {
    period: "2018-06",
    progress: 45,
    health: "AT_RISK",
    healthReason: "关键设备到货推迟",
    workDone: "完成试点方案论证，确定首批试点单位。",
    problems: "",
    nextSteps: "组织专家评审。",
    measuredValue: null,
    links: ["https://www.miit.gov.cn/"],
    baseVersion: before.version,
  };
  const key = randomUUID();
  let updateId = "";
  await test.step("POST an update, and retry it with the same Idempotency-Key", async () => {
    const created = await api.post(`/api/v1/initiatives/${id}/updates`, { data: report, headers: { "Idempotency-Key": key } });
    expect(created.status(), await created.text()).toBe(201);
    const body = (await created.json()) as { id: string; version: number };
    expect(body.version).toBe(before.version + 1);
    updateId = body.id;

    const retried = await api.post(`/api/v1/initiatives/${id}/updates`, { data: report, headers: { "Idempotency-Key": key } });
    expect(retried.status()).toBe(200);
    expect(await retried.json()).toEqual(body);

    const after = (await (await api.get(`/api/v1/initiatives/${id}`)).json()) as typeof before;
    expect(after.version).toBe(before.version + 1);
    expect(after.updates.filter((u) => u.id === updateId)).toHaveLength(1);
    expect(after.updates).toHaveLength(before.updates.length + 1);
  });

  await test.step("a stale baseVersion is a conflict", async () => {
    const stale = await api.post(`/api/v1/initiatives/${id}/updates`, {
      data: report,
      headers: { "Idempotency-Key": randomUUID() },
    });
    const error = (await expectError(stale, 409, "conflict")) as { currentVersion?: number; latestUpdateId?: string };
    expect(error.currentVersion).toBe(before.version + 1);
    expect(error.latestUpdateId).toBe(updateId);
  });

  await test.step("bad input names each field in English; malformed JSON is a 400", async () => {
    const bad = await api.post(`/api/v1/initiatives/${id}/updates`, {
      data: { ...report, progress: 150, workDone: "  ", baseVersion: before.version + 1 },
    });
    const error = await expectError(bad, 400, "invalid");
    expect(error.fields?.progress).toBe("The percent complete must be between 0 and 100.");
    expect(error.fields?.workDone).toBe("Describe the work done this period.");

    const malformed = await api.post(`/api/v1/initiatives/${id}/updates`, {
      headers: { "Content-Type": "application/json" },
      data: "{ not json",
    });
    await expectError(malformed, 400, "invalid");
  });

  await test.step("no token is 401; another department's initiative does not exist", async () => {
    await expectError(await anonymous.get("/api/v1/me"), 401, "unauthorized");
    await expectError(await anonymous.get("/api/v1/initiatives"), 401, "unauthorized");
    const forged = await request.newContext({ baseURL, extraHTTPHeaders: { Authorization: "Bearer wp_not-a-real-token" } });
    await expectError(await forged.get("/api/v1/me"), 401, "unauthorized");
    await forged.dispose();

    // The director reads the API with a session cookie (GET needs no Origin).
    const directorContext = await browser.newContext();
    const director = await directorContext.newPage();
    await signInAs(director, "director@demo.local");
    const policyItems = (await (await director.request.get("/api/v1/initiatives?department=CYZCS&year=2018")).json()) as { items: ApiInitiative[] };
    expect(policyItems.items).toHaveLength(7);
    const foreign = policyItems.items[0]?.id ?? "";
    await directorContext.close();

    await expectError(await api.get(`/api/v1/initiatives/${foreign}`), 404, "not_found");
    await expectError(
      await api.post(`/api/v1/initiatives/${foreign}/updates`, { data: { ...report, baseVersion: 0 } }),
      404,
      "not_found",
    );
    await expectError(await api.get("/api/v1/initiatives/not-an-id"), 404, "not_found");
  });

  await test.step("a state change with the session cookie needs this site's Origin", async () => {
    const body = { ...report, baseVersion: before.version + 1 };
    await expectError(await page.request.post(`/api/v1/initiatives/${id}/updates`, { data: body }), 403, "forbidden");
    await expectError(
      await page.request.post(`/api/v1/initiatives/${id}/updates`, { data: body, headers: { Origin: "https://evil.example" } }),
      403,
      "forbidden",
    );
    const me = await page.request.get("/api/v1/me");
    expect(((await me.json()) as { email: string }).email).toBe("tech.staff@demo.local");
  });

  await test.step("the OpenAPI document describes the API", async () => {
    const response = await anonymous.get("/api/v1/openapi.json");
    expect(response.status()).toBe(200);
    const doc = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { securitySchemes: Record<string, { type: string; scheme?: string }>; schemas: Record<string, { required?: string[] }> };
    };
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/me", "/initiatives", "/initiatives/{id}", "/initiatives/{id}/updates", "/openapi.json"]),
    );
    expect(Object.keys(doc.paths["/initiatives/{id}/updates"] ?? {})).toEqual(["post"]);
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.components.schemas.ProgressUpdateInput?.required).toEqual(expect.arrayContaining(["period", "progress", "health", "workDone", "baseVersion"]));
    expect(doc.components.schemas.Error).toBeDefined();
  });

  await test.step("revoking the token on the settings page shuts the system out", async () => {
    await row.getByRole("button", { name: /吊销/ }).click();
    await row.getByRole("button", { name: /确认吊销/ }).click();
    await expect(row.getByTestId("token-status")).toContainText("已吊销");
    await expectError(await api.get("/api/v1/me"), 401, "unauthorized");
    await expectAccessible(page);
  });

  await api.dispose();
  await anonymous.dispose();
});
