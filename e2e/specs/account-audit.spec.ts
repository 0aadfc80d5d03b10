import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_PASSWORD, expectAccessible, newAccount, signInAs } from "../fixtures";

// One's own account (/settings: change the password, recent sign-ins, sign out everywhere else) and
// the admin's audit trail (/admin/audit and its CSV export). The account is made for the test
// through the admin API and its one-time link; the demo accounts are only read.

const unique = () => randomUUID().slice(0, 8);

async function signedInPage(browser: Browser, email: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, email, password);
  return page;
}

async function changePassword(page: Page, current: string, next: string, again = next) {
  await page.getByLabel("当前密码").fill(current);
  await page.getByLabel("新密码", { exact: true }).fill(next);
  await page.getByLabel("再次输入新密码").fill(again);
  await page.getByRole("button", { name: "修改密码" }).click();
}

const sessionRows = (page: Page) => page.getByTestId("my-session");

test("a user changes their password: other sessions end, this one stays; the admin finds it in the audit trail and its CSV", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(150_000); // a dozen sign-ins and password hashes, and every page scanned
  const { email, password, name } = await newAccount(browser, baseURL);
  const newPassword = `Autumn moon over the lake ${unique()}`;

  // Two browsers: an old session elsewhere, and the one the password is changed in.
  const elsewhere = await signedInPage(browser, email, password);
  await elsewhere.goto("/settings");
  await expect(elsewhere.getByRole("heading", { level: 1 })).toHaveText("设置");
  const page = await signedInPage(browser, email, password);
  await page.goto("/settings");
  await expect(sessionRows(page)).toHaveCount(2);
  await expect(sessionRows(page).first()).toHaveAttribute("data-current", "true");
  await expect(sessionRows(page).first().getByTestId("session-status")).toHaveText("当前登录");
  await expect(sessionRows(page).nth(1).getByTestId("session-status")).toHaveText("在线");
  await expect(sessionRows(page).first()).toContainText("Chrome");
  await expectAccessible(page);

  await test.step("weak new passwords and a wrong current one are refused next to the field, keeping what was typed", async () => {
    await changePassword(page, password, "short-pass");
    await expect(page.getByTestId("error-newPassword")).toHaveText("新密码至少需要 12 个字符。");
    await expect(page.getByLabel("新密码", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("新密码", { exact: true })).toHaveValue("short-pass");
    await expectAccessible(page);

    await changePassword(page, password, "password1234");
    await expect(page.getByTestId("error-newPassword")).toHaveText("这是常见密码，容易被猜到，请换一个。");
    await changePassword(page, password, email);
    await expect(page.getByTestId("error-newPassword")).toHaveText("不能用您的邮箱或姓名作密码。");
    await changePassword(page, password, newPassword, `${newPassword}!`);
    await expect(page.getByTestId("error-confirmPassword")).toHaveText("两次输入的新密码不一致。");
    await expect(page.getByTestId("error-newPassword")).toHaveCount(0);

    await changePassword(page, "not my password at all", newPassword);
    await expect(page.getByTestId("error-currentPassword")).toHaveText("当前密码不正确。");
    await expect(page.getByLabel("当前密码")).toHaveValue("");
    await expect(page.getByLabel("新密码", { exact: true })).toHaveValue(newPassword);
  });

  await test.step("the right current password changes it and signs out the other browser only", async () => {
    await changePassword(page, password, newPassword);
    await expect(page.getByTestId("password-changed")).toHaveText("密码已修改，其他设备上的 1 个登录已退出。");
    await expect(page.getByLabel("新密码", { exact: true })).toHaveValue("");
    await expect(sessionRows(page).nth(1).getByTestId("session-status")).toHaveText("已结束");

    await elsewhere.goto("/settings");
    await expect(elsewhere).toHaveURL(/\/sign-in\?reason=expired$/);
    await page.reload();
    await expect(page.getByRole("heading", { name: "修改密码" })).toBeVisible();
    await expect(sessionRows(page).first().getByTestId("session-status")).toHaveText("当前登录");
    // The address as people write it: an IPv4 client is not shown as "::ffff:127.0.0.1".
    await expect(sessionRows(page).first().getByTestId("session-ip")).toHaveText(/^(127\.0\.0\.1|::1)$/);
  });

  await test.step("the old password no longer signs in; the new one does, and can be signed out from here", async () => {
    const csrf = (await (await elsewhere.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    await elsewhere.request.post("/api/auth/callback/credentials", { form: { csrfToken: csrf.csrfToken, email, password, json: "true" } });
    await elsewhere.goto("/settings");
    await expect(elsewhere).toHaveURL(/\/sign-in/);

    const third = await signedInPage(browser, email, newPassword);
    await third.goto("/settings");
    await expect(third.getByRole("heading", { name: "最近登录" })).toBeVisible();
    await page.reload();
    await page.getByRole("button", { name: "退出其他所有登录" }).click();
    await expect(page.getByTestId("sign-out-others-result")).toHaveText("已退出 1 个其他登录。");
    await third.reload();
    await expect(third).toHaveURL(/\/sign-in\?reason=expired$/);
    await page.reload();
    await expect(page.getByRole("heading", { name: "最近登录" })).toBeVisible();
  });

  await test.step("the admin filters the audit trail by the user's e-mail and sees the change and the sign-ins", async () => {
    const admin = await signedInPage(browser, "admin@demo.local", "Demo-2018-Plan!");
    await admin.goto("/admin/audit");
    await expect(admin.getByRole("heading", { level: 1 })).toHaveText("审计记录");
    await expect(admin.getByTestId("audit-row").first()).toBeVisible();
    await expectAccessible(admin);

    await admin.getByLabel("操作人邮箱").fill(email.toUpperCase());
    await admin.getByRole("button", { name: "筛选", exact: true }).click();
    await expect(admin).toHaveURL(new RegExp(`/admin/audit\\?actor=${encodeURIComponent(email.toUpperCase()).replace(/\./g, "\\.")}$`));
    const rows = admin.getByTestId("audit-row");
    await expect(admin.locator('[data-testid="audit-row"][data-action="user.password_changed"]')).toHaveCount(1);
    await expect(admin.locator('[data-testid="audit-row"][data-action="user.password_changed"]')).toContainText("修改密码");
    await expect(admin.locator('[data-testid="audit-row"][data-action="user.password_changed"]')).toContainText("结束的登录：1");
    await expect(admin.locator('[data-testid="audit-row"][data-action="user.password_change_failed"]')).toHaveCount(1);
    await expect(admin.locator('[data-testid="audit-row"][data-action="auth.sign_in"]')).toHaveCount(3);
    await expect(admin.locator('[data-testid="audit-row"][data-action="auth.sign_out_others"]')).toHaveCount(1);
    for (const row of await rows.all()) await expect(row).toContainText(email);
    await expect(rows.first()).toContainText(name);
    await expectAccessible(admin);

    // The filter stays in the form.
    await expect(admin.getByLabel("操作人邮箱")).toHaveValue(email.toUpperCase());

    // Only the password changes of this user.
    await admin.getByLabel("操作", { exact: true }).fill("user.password_changed");
    await admin.getByRole("button", { name: "筛选", exact: true }).click();
    await expect(rows).toHaveCount(1);

    // A malformed filter is refused next to the field, as typed.
    await admin.getByLabel("起始日期").fill("2018-03-02");
    await admin.getByLabel("截止日期").fill("2018-03-01");
    await admin.getByRole("button", { name: "筛选", exact: true }).click();
    await expect(admin.getByTestId("audit-error-to")).toHaveText("截止日期不能早于起始日期。");
    await expect(admin.getByLabel("截止日期")).toHaveValue("2018-03-01");
    await expectAccessible(admin);

    await test.step("and exports it as CSV, with the same filters", async () => {
      await admin.goto(`/admin/audit?actor=${encodeURIComponent(email)}`);
      const [download] = await Promise.all([admin.waitForEvent("download"), admin.getByTestId("audit-export").click()]);
      expect(download.suggestedFilename()).toMatch(/^audit-\d{12}\.csv$/);
      const bytes = await readFile((await download.path()) ?? "");
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM, for Excel
      const lines = bytes.subarray(3).toString("utf8").trimEnd().split("\r\n");
      expect(lines[0]).toBe("id,time_beijing,actor_email,actor_name,action,object_type,object_id,ip,before,after");
      expect(lines.length).toBeGreaterThanOrEqual(7);
      for (const line of lines.slice(1)) expect(line).toContain(`,${email},${name},`);
      expect(lines.some((l) => l.includes(",user.password_changed,User,"))).toBe(true);
      expect(lines[1]).toMatch(/^\d+,\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},/);

      // The export is itself in the trail, with its filters.
      await admin.goto("/admin/audit?actor=admin%40demo.local&action=audit.exported");
      await expect(admin.locator('[data-testid="audit-row"][data-action="audit.exported"]').first()).toContainText(email);
    });
  });
});

test("the audit trail reads in words, in the interface language, with the stored record one click away", async ({ page, baseURL, context }) => {
  const id = unique();
  const name = `审计可读${id}`;
  const email = `readable.${id}@e2e.local`;
  await signInAs(page, "admin@demo.local");
  const created = await page.request.post("/api/v1/admin/users", {
    data: { name, email, role: "STAFF", department: "KJS" },
    headers: { Origin: baseURL ?? "" },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { user, setPasswordUrl } = (await created.json()) as { user: { id: string }; setPasswordUrl: string };
  const token = setPasswordUrl.split("token=")[1] ?? "";
  expect(token).not.toBe("");

  await page.goto(`/admin/audit?objectType=User&objectId=${user.id}`);
  const row = page.locator('[data-testid="audit-row"][data-action="user.created"]');
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("audit-action")).toHaveText("创建账户");
  await expect(row.getByTestId("audit-object")).toContainText("账户");
  await expect(row.getByTestId("audit-object").getByRole("link", { name })).toHaveAttribute("href", `/admin/users/${user.id}`);
  await expect(row.getByTestId("audit-object")).toContainText(email);
  // The connection's address as people write it: never the IPv6-mapped form.
  await expect(row.getByTestId("audit-ip")).toHaveText(/^(127\.0\.0\.1|::1)$/);
  const changes = row.getByTestId("audit-changes");
  await expect(changes).toContainText(`名称：${name}`);
  await expect(changes).toContainText("角色：司局干部");
  await expect(changes).toContainText("在用：是");
  await expect(changes).toContainText("设置密码链接：邀请");
  await expect(changes).toContainText(/链接有效至：\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}/);
  await expect(changes).not.toContainText("{");
  expect(await page.content()).not.toContain(token);

  // The stored record, one click away.
  const raw = row.getByTestId("audit-raw");
  await expect(raw.locator("pre")).toBeHidden();
  await raw.getByText("原始记录").click();
  await expect(raw.locator("pre")).toBeVisible();
  await expect(raw.locator("pre")).toContainText('"action": "user.created"');
  await expect(raw.locator("pre")).toContainText(`"objectId": "${user.id}"`);
  await expectAccessible(page);

  // The same row in Traditional Chinese and in English.
  for (const [locale, action, purpose] of [
    ["zh-Hant", "建立帳戶", "設定密碼連結：邀請"],
    ["en", "Account created", "Set-password link: invitation"],
  ] as const) {
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL ?? "" }]);
    await page.reload();
    await expect(row.getByTestId("audit-action")).toHaveText(action);
    await expect(row.getByTestId("audit-changes")).toContainText(purpose);
  }
  await context.addCookies([{ name: "NEXT_LOCALE", value: "zh-Hans", url: baseURL ?? "" }]);
});

test("anyone but an admin finds neither the audit trail nor its export", async ({ page }) => {
  for (const email of ["director@demo.local", "tech.staff@demo.local"]) {
    await signInAs(page, email);
    for (const path of ["/admin/audit", "/admin/audit?actor=admin%40demo.local", "/admin/audit/export", "/admin/audit/export?actor=admin%40demo.local"]) {
      const response = await page.request.get(path, { maxRedirects: 0 });
      expect(response.status(), `${email} ${path}`).toBe(404);
    }
  }
  // The page as a browser shows it: the ordinary not-found page.
  await page.goto("/admin/audit");
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("审计记录");
  await expectAccessible(page);
});

test("the audit trail records the connection's address, never one the client claims (no TRUST_PROXY)", async ({ page, playwright, baseURL }) => {
  // A client that says it is 6.6.6.6, signing in and filing nothing else.
  const liar = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { "X-Forwarded-For": "6.6.6.6", "X-Real-IP": "6.6.6.7" } });
  const csrf = (await (await liar.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const signedIn = await liar.post("/api/auth/callback/credentials", {
    form: { csrfToken: csrf.csrfToken, email: "tech.staff@demo.local", password: DEMO_PASSWORD, json: "true" },
  });
  expect(signedIn.status()).toBeLessThan(400);
  // An API call with its session, through the API's transport.
  expect((await liar.get("/api/v1/me")).status()).toBe(200);
  await liar.dispose();

  await signInAs(page, "admin@demo.local");
  const csv = await (await page.request.get("/admin/audit/export?actor=tech.staff%40demo.local&action=auth.sign_in")).text();
  const last = csv.trimEnd().split("\r\n").at(-1) ?? "";
  expect(last).toContain(",auth.sign_in,");
  expect(csv).not.toContain("6.6.6.");
  // The connection's own address: loopback, as IPv4 or IPv6.
  expect(last).toMatch(/,(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1),/);
});
