import { expect, test } from "@playwright/test";
import { signInAs } from "../fixtures";

// Hostile input over HTTP: a NUL, a control character or a version beyond an integer is a 400 with a
// field through the API and a message next to the field on the pages, never a 500; nothing is saved.
// Session-cookie requests: a state-changing one carries this site's Origin, as a browser's would.

test("the API answers hostile text and numbers with 400 and the field, and saves nothing", async ({ page, baseURL }) => {
  await signInAs(page, "tech.staff@demo.local");
  const search = await page.request.get("/api/v1/initiatives?q=%00");
  expect(search.status()).toBe(400);
  expect(((await search.json()) as { error: { fields: Record<string, string> } }).error.fields.q).toMatch(/control characters/);
  expect((await page.request.get("/api/v1/initiatives?cursor=garbage")).status()).toBe(400);

  const list = (await (await page.request.get("/api/v1/initiatives?department=KJS&limit=1")).json()) as { items: { id: string; version: number }[] };
  const initiative = list.items[0];
  expect(initiative).toBeDefined();
  const post = (body: Record<string, unknown>) =>
    page.request.post(`/api/v1/initiatives/${initiative?.id}/updates`, {
      headers: { origin: baseURL ?? "" },
      data: { period: "2018-06", progress: 10, health: "OFF_TRACK", workDone: "起草方案", baseVersion: initiative?.version, ...body },
    });
  const nul = await post({ workDone: "a\u0000b" });
  expect(nul.status()).toBe(400);
  expect(((await nul.json()) as { error: { fields: Record<string, string> } }).error.fields.workDone).toMatch(/control characters/);
  const huge = await post({ baseVersion: 2147483648 });
  expect(huge.status()).toBe(400);
  const after = (await (await page.request.get(`/api/v1/initiatives/${initiative?.id}`)).json()) as { version: number };
  expect(after.version).toBe(initiative?.version);
});

test("a list page with a NUL in its search says so next to the field", async ({ page }) => {
  await signInAs(page, "director@demo.local");
  const response = await page.goto("/initiatives?q=%00");
  expect(response?.status()).toBe(200);
  await expect(page.getByText("文字中含有不可见的控制字符（如 NUL），请删除后再提交。")).toBeVisible();
});
