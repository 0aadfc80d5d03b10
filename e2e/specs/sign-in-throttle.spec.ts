import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, newAccount, signInAs } from "../fixtures";

// Sign-in throttling through the real form and HTTP: someone guessing a colleague's password is
// held back, the owner is told how long to wait, and an admin sees the limit on 登录限制 and clears
// it (audited), after which the owner signs in. The account is made for the test through the admin
// API and its one-time link; the rules themselves (spraying, many addresses) are proven in
// packages/auth/src/throttle.int.test.ts with a clock of their own.

async function signInWithForm(page: Page, email: string, password: string) {
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
}

test("a guessed password is held back with a message saying how long; an admin sees the limit, clears it, and the owner signs in", async ({
  browser,
  baseURL,
  page,
}) => {
  test.setTimeout(150_000);
  const { email, password, name } = await newAccount(browser, baseURL);

  await test.step("five wrong passwords: the fifth says to wait about a minute, and then even the right one waits", async () => {
    await page.goto("/sign-in");
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      await signInWithForm(page, email, `guess-${attempt}`);
      await expect(page.getByTestId("sign-in-error")).toHaveText("邮箱或密码不正确。");
      // The answer is the same each time: wait for the form to be ready again.
      await expect(page.getByRole("button", { name: "登录" })).toBeEnabled();
    }
    await signInWithForm(page, email, "guess-5");
    await expect(page.getByTestId("sign-in-error")).toHaveText("登录失败次数过多，请约 1 分钟后再试。");
    await expect(page.getByRole("button", { name: "登录" })).toBeEnabled();
    await signInWithForm(page, email, password);
    await expect(page.getByTestId("sign-in-error")).toHaveText(/^登录失败次数过多，请(?: ([1-5]?[0-9]) 秒| ?约 1 分钟)后再试。$/);
    await expect(page).toHaveURL(/\/sign-in$/);
    expect((await page.context().cookies()).some((c) => c.name.endsWith("next-auth.session-token"))).toBe(false);
  });

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInAs(admin, "admin@demo.local");

  await test.step("the admin finds the limit on 登录限制, with the account and its count, and clears it", async () => {
    await admin.goto("/admin/users");
    await admin.getByRole("navigation", { name: "系统管理" }).getByRole("link", { name: "登录限制" }).click();
    await expect(admin).toHaveURL(/\/admin\/sign-in-throttles$/);
    await expect(admin.getByRole("heading", { level: 1 })).toHaveText("登录限制");
    const row = admin.locator(`[data-testid="throttle-row"][data-kind="pair"][data-email="${email}"]`);
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("同一地址的同一账户");
    await expect(row).toContainText(name);
    await expect(row.getByTestId("throttle-failures")).toHaveText("5");
    await expectAccessible(admin);

    await row.getByTestId("clear-throttle").click();
    await row.getByTestId("clear-throttle-yes").click();
    await expect(row.getByTestId("clear-throttle-result")).toHaveText("已清除，可以立即重新登录。");
    await admin.reload();
    await expect(admin.locator(`[data-testid="throttle-row"][data-kind="pair"][data-email="${email}"]`)).toHaveCount(0);
  });

  await test.step("the owner signs in at once", async () => {
    await signInWithForm(page, email, password);
    await expect(page).not.toHaveURL(/\/sign-in/);
    await expect(page.getByTestId("current-user")).toContainText(name);
  });

  await test.step("the audit trail shows the failures, the refusal and the clearing, in words", async () => {
    await admin.goto(`/admin/audit?actor=${encodeURIComponent(email)}&action=auth`);
    // One refusal event however many attempts were refused during the delay.
    await expect(admin.locator('[data-testid="audit-row"][data-action="auth.sign_in_throttled"]')).toHaveCount(1);
    await expect(admin.locator('[data-testid="audit-row"][data-action="auth.sign_in_failed"]')).toHaveCount(5);
    await expect(admin.locator('[data-testid="audit-row"][data-action="auth.sign_in_throttled"]')).toContainText("登录尝试被限制");
    await admin.goto("/admin/audit?actor=admin%40demo.local&action=sign_in_throttle.cleared");
    await expect(admin.getByTestId("audit-row").filter({ hasText: email }).first()).toContainText("清除登录限制");
  });
  await adminContext.close();
});

test("the sign-in limits page is for admins alone", async ({ page }) => {
  await signInAs(page, "director@demo.local");
  const response = await page.goto("/admin/sign-in-throttles");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("登录限制");
});
