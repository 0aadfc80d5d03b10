import { expect, test } from "@playwright/test";
import { expectAccessible, signInAs } from "../fixtures";

test("the help page explains roles, the monthly cycle and the lights, without signing in", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByTestId("help-link").click();
  await expect(page).toHaveURL(/\/help$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("使用帮助");
  for (const role of ["司局干部", "管理人员", "系统管理员"]) await expect(page.getByText(role, { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "每月报送流程" })).toBeVisible();
  await expect(page.getByText(/默认每月 25 日/)).toBeVisible();
  await expect(page.getByText(/截止日前几天（默认 3 天.*逾期后一周内再提醒一次.*每周一 08:00/)).toBeVisible();
  await expect(page.getByText(/按司局一键催办时，先显示将催办的事项数和通知人数/)).toBeVisible();
  const lights = page.getByTestId("help-lights");
  await expect(lights).toContainText("红灯");
  await expect(lights).toContainText("22 日起亮黄灯");
  await expect(lights).toContainText("绿灯");
  await expectAccessible(page);

  await page.getByRole("link", { name: "English" }).click();
  await expect(page).toHaveURL(/\/help\/en$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Help");
  await expect(page.getByTestId("help-lights")).toContainText("from the 22nd when the due day is the 25th");
  await expectAccessible(page);
});

test("the app header links to the help page in the reader's language", async ({ page }) => {
  await signInAs(page, "policy.staff@demo.local");
  await page.goto("/plan");
  await page.getByTestId("help-link").click();
  await expect(page).toHaveURL(/\/help$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("使用帮助");

  await page.goto("/plan");
  await page.getByTestId("locale-switcher").getByRole("button", { name: "繁體中文" }).click();
  await expect(page.getByTestId("help-link")).toHaveText("使用說明");
  await page.getByTestId("help-link").click();
  await expect(page).toHaveURL(/\/help\/zh-Hant$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("使用說明");
});
