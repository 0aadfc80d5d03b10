import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, expectAccessible, signInAs } from "../fixtures";

test("an anonymous visit to a page redirects to sign-in, and signing in returns to it", async ({ page }) => {
  await page.goto("/plan?year=2017");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fplan%3Fyear%3D2017$/);
  await expect(page.getByTestId("demo-accounts")).toContainText("director@demo.local");
  await expectAccessible(page);

  await page.getByLabel("邮箱").fill("director@demo.local");
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/plan\?year=2017$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("2017年重点工作完成情况");
  await expect(page.getByTestId("current-user")).toContainText("部督查室主任");
});

test("a wrong password shows the error and opens no session; an unknown e-mail gets the same message", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("邮箱").fill("tech.staff@demo.local");
  await page.getByLabel("密码").fill("not-the-password");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByTestId("sign-in-error")).toHaveText("邮箱或密码不正确。");
  await expect(page.getByLabel("邮箱")).toHaveValue("tech.staff@demo.local");
  await expectAccessible(page);
  expect((await page.context().cookies()).some((c) => c.name.endsWith("next-auth.session-token"))).toBe(false);

  await page.getByLabel("邮箱").fill("nobody@demo.local");
  await page.getByLabel("密码").fill("not-the-password");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByTestId("sign-in-error")).toHaveText("邮箱或密码不正确。");

  await page.goto("/plan");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("empty fields are refused next to the field", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByText("请输入邮箱。")).toBeVisible();
  await expect(page.getByText("请输入密码。")).toBeVisible();
});

test("sign-out ends the session, even for a copy of its cookie", async ({ page, browser }) => {
  await signInAs(page, "policy.staff@demo.local");
  await page.goto("/plan");
  await expect(page.getByTestId("current-user")).toContainText("产业政策司干部");
  const cookies = await page.context().cookies();

  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/sign-in\?reason=signed-out/);
  await expect(page.getByTestId("sign-in-notice")).toHaveText("您已退出登录。");
  await page.goto("/plan");
  await expect(page).toHaveURL(/\/sign-in/);

  // Replaying the old cookie finds a revoked session.
  const replay = await browser.newContext();
  await replay.addCookies(cookies);
  const other = await replay.newPage();
  await other.goto("/plan");
  await expect(other).toHaveURL(/\/sign-in\?reason=expired/);
  await expect(other.getByTestId("sign-in-notice")).toHaveText("登录已失效，请重新登录。");
  await replay.close();
});

test("an expired or forged session returns to sign-in with a message", async ({ page, baseURL }) => {
  await page.context().addCookies([{ name: "next-auth.session-token", value: "forged.or.expired", url: baseURL ?? "" }]);
  await page.goto("/plan");
  await expect(page).toHaveURL(/\/sign-in\?reason=expired/);
  await expect(page.getByTestId("sign-in-notice")).toHaveText("登录已失效，请重新登录。");
});

test("five failed attempts from one address hold that e-mail back there for a while, and the form says how long, in the user's language", async ({ page, baseURL }) => {
  // An e-mail of its own (no account has it: it is counted and held back all the same).
  const email = `held.back.${randomUUID().slice(0, 8)}@demo.local`;
  // Through the form each time: the browser's address is what counts (the test runner's own
  // requests may reach the server over the other loopback, IPv4 or IPv6).
  await page.goto("/sign-in");
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    if (attempt > 1) await expect(page.getByTestId("sign-in-error")).toHaveText("邮箱或密码不正确。");
    await expect(page.getByRole("button", { name: "登录" })).toBeEnabled();
    await page.getByLabel("邮箱").fill(email);
    await page.getByLabel("密码").fill(`wrong-${attempt}`);
    await page.getByRole("button", { name: "登录" }).click();
  }
  // The fifth failure starts a one-minute delay.
  await expect(page.getByTestId("sign-in-error")).toHaveText("登录失败次数过多，请约 1 分钟后再试。");
  await expectAccessible(page);

  // During it any password is refused without being checked, and the wait is counted down (on a
  // machine slow enough to let the minute pass, the sixth failure asks for two).
  await page.getByLabel("密码").fill("whatever-it-is");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByTestId("sign-in-error")).toHaveText(/^登录失败次数过多，请(?: [1-5]?[0-9] 秒| ?约 2 分钟)后再试。$/);

  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL ?? "" }]);
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("whatever-it-is");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("sign-in-error")).toHaveText(/^Too many failed sign-ins: please try again in (?:\d{1,2} seconds?|about 2 minutes)\.$/);
});

test("without a session, /sign-in is in the language of the cookie, and keeps the address's query", async ({ page, playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  const first = await anonymous.get("/sign-in?callbackUrl=%2Fplan");
  expect(first.status()).toBe(200);
  // One address, a language per cookie: no shared cache may keep it for everyone.
  expect(first.headers()["cache-control"]).toMatch(/private|no-store/);
  expect(await first.text()).toContain("演示账户");
  // No address under /sign-in but itself.
  const direct = await anonymous.get("/sign-in/en/plain", { maxRedirects: 0 });
  expect(direct.status()).toBe(307);
  expect(direct.headers().location).toMatch(/\/sign-in$/);
  await anonymous.dispose();

  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "zh-Hant", url: baseURL ?? "" }]);
  await page.goto("/sign-in?reason=signed-out");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("登錄");
  await expect(page.getByTestId("sign-in-notice")).toHaveText("您已退出登錄。");
  // Plain links (they work before the scripts run): the language is remembered, the address kept.
  await page.getByRole("link", { name: "English" }).click();
  await expect(page).toHaveURL(/\/sign-in\?reason=signed-out$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
  await expect(page.getByTestId("sign-in-notice")).toHaveText("You have signed out.");
  await expect(page.getByTestId("demo-accounts")).toContainText("Demo accounts");
  expect((await page.context().cookies()).find((c) => c.name === "NEXT_LOCALE")?.value).toBe("en");
  await page.getByRole("link", { name: "简体中文" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("登录");

  // With a session the same address checks it, and a valid one goes on where it was headed.
  await signInAs(page, "policy.staff@demo.local");
  await page.goto("/sign-in?callbackUrl=%2Fplan");
  await expect(page).toHaveURL(/\/plan$/);
});
