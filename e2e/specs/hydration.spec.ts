import { expect, test } from "@playwright/test";
import { signInAs } from "../fixtures";

// Until the page's script has run, the browser owns the form: text typed then would be reset or
// ignored, and a click would send the form natively (the password in a URL). So forms stay unusable
// until hydrated. Shown by holding the scripts back.

test("forms cannot be used before the page's script has run, and can after", async ({ page }) => {
  await page.route("**/_next/static/chunks/**", (route) => route.abort());
  await page.goto("/sign-in");
  await expect(page.getByRole("button", { name: "登录" })).toBeDisabled();

  await signInAs(page, "policy.staff@demo.local");
  await page.goto("/plan");
  const link = page.locator("li", { hasText: "CYZCS-2018-5" }).getByRole("link");
  const href = await link.getAttribute("href");
  expect(href).toMatch(/^\/initiatives\//);
  await page.goto(href as string);
  await expect(page.getByLabel("本期完成工作")).toBeDisabled();
  await expect(page.getByRole("button", { name: "提交进展" })).toBeDisabled();

  await page.unroute("**/_next/static/chunks/**");
  await page.reload();
  await expect(page.getByLabel("本期完成工作")).toBeEnabled();
  await expect(page.getByRole("button", { name: "提交进展" })).toBeEnabled();
});
