import { expect, test } from "@playwright/test";
import { expectAccessible, signInAs } from "../fixtures";

const ORIGINAL =
  "以提高制造業創新能力、提升產業核心競爭力為目標,圍繞關鍵共性技術集聚創新資源,聚焦戰略性、引領性、重大基礎共性需求,建設3家左右國家制造業創新中心,開展已認定國家制造業創新中心的考核、評估工作。";

test("an initiative shows its original wording as written, a Simplified rendering, target, due date and empty history", async ({ page }) => {
  await signInAs(page, "tech.staff@demo.local");
  await page.goto("/plan");
  await page.getByTestId("theme-KJS-2018-1").locator('a[href^="/initiatives/"]').first().click();
  await expect(page.getByTestId("initiative-code")).toHaveText("KJS-2018-1.1");
  await expect(page.getByTestId("original-text")).toHaveText(ORIGINAL);
  await expect(page.getByTestId("simplified-text")).toContainText("建设3家左右国家制造业创新中心");
  await expect(page.getByTestId("target")).toHaveText("约 3 家");
  await expect(page.getByTestId("due-date")).toHaveText("2018年12月31日");
  await expect(page.getByTestId("history-empty")).toBeVisible();
  await expectAccessible(page);
});

test("the interface switches to Traditional Chinese and English and remembers it; the original stays as written", async ({ page }) => {
  await signInAs(page, "tech.staff@demo.local");
  await page.goto("/plan");
  await page.getByTestId("theme-KJS-2018-1").locator('a[href^="/initiatives/"]').first().click();
  await expect(page.getByTestId("initiative-code")).toHaveText("KJS-2018-1.1");

  await page.getByRole("button", { name: "繁體中文" }).click();
  await expect(page.getByRole("heading", { name: "原文" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "進展記錄" })).toBeVisible();
  await expect(page.getByTestId("simplified-text")).toHaveCount(0);
  await expect(page.getByTestId("original-text")).toHaveText(ORIGINAL);
  await page.reload();
  await expect(page.getByRole("heading", { name: "進展記錄" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-Hant");

  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Progress history" })).toBeVisible();
  await expect(page.getByTestId("target")).toHaveText("about 3 家");
  await expect(page.getByTestId("original-text")).toHaveText(ORIGINAL);
  await expectAccessible(page);
});

test("a malformed or unknown initiative id gives the not-found page", async ({ page }) => {
  await signInAs(page, "director@demo.local");
  for (const id of ["not-an-id", "%E2%80%AE", "ckzzzzzzzzzzzzzzzzzzzzzzz"]) {
    const response = await page.goto(`/initiatives/${id}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
  }
  await expectAccessible(page);
});

test("the plan reads well on a phone", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await signInAs(page, "director@demo.local");
  await page.goto("/plan");
  await expect(page.getByTestId("plan-summary")).toBeVisible();
  const overflowSummary = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflowSummary).toBeLessThanOrEqual(0);
  await page.goto("/plan?department=KJS");
  await expect(page.getByTestId("department-KJS")).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: "test-results/plan-phone.png", fullPage: true });
  await expectAccessible(page);
});
