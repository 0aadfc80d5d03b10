import { randomUUID } from "node:crypto";
import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { expectAccessible, signInAs } from "../fixtures";

// Account administration: an admin creates accounts, the person sets their own password from a
// one-time link, and deactivation ends a live session. Every test makes its own accounts (unique
// e-mails), never touching the demo accounts.

const unique = () => randomUUID().slice(0, 8);

async function expectError(response: APIResponse, status: number, code: string) {
  expect(response.status(), await response.text()).toBe(status);
  expect(response.headers()["content-type"]).toMatch(/^application\/json/);
  const body = (await response.json()) as { error: { code: string; message: string; fields?: Record<string, string> } };
  expect(body.error.code).toBe(code);
  expect(body.error.message).toEqual(expect.any(String));
  return body.error;
}

/** Fill and send the set-password form (the page is open on a valid link). */
async function setPassword(page: Page, password: string, again = password) {
  await page.getByLabel("新密码", { exact: true }).fill(password);
  await page.getByLabel("再次输入新密码").fill(again);
  await page.getByRole("button", { name: "设置密码" }).click();
}

test("an admin creates an account; the person sets a password from the one-time link and signs in with it", async ({ page, browser }) => {
  const id = unique();
  const name = `新同事${id}`;
  const email = `newcomer.${id}@e2e.local`;
  await signInAs(page, "admin@demo.local");

  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("账户");
  await expect(page.getByTestId("user-list")).toContainText("admin@demo.local");
  await expectAccessible(page);

  await page.getByRole("link", { name: "新建账户" }).click();
  await expect(page).toHaveURL(/\/admin\/users\/new$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("新建账户");

  // Errors next to the fields, in the interface language; what was typed stays.
  await page.getByRole("button", { name: "创建账户" }).click();
  await expect(page.getByTestId("error-name")).toHaveText("请输入姓名。");
  await expect(page.getByTestId("error-email")).toHaveText("请输入邮箱。");
  await expect(page.getByLabel("姓名")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("姓名").fill(name);
  await page.getByLabel("邮箱").fill(email);
  await page.getByRole("button", { name: "创建账户" }).click();
  await expect(page.getByTestId("error-department")).toHaveText("司局干部必须选择司局。");
  await expect(page.getByLabel("姓名")).toHaveValue(name);
  await expectAccessible(page);

  await page.getByLabel("司局").selectOption({ label: "科技司" });
  await page.getByRole("button", { name: "创建账户" }).click();
  await expect(page.getByTestId("create-result")).toHaveText(`账户“${name}”已创建。`);
  const panel = page.getByTestId("one-time-link-panel");
  await expect(panel).toContainText("72 小时");
  await expect(panel).toContainText("链接只显示这一次");
  await expect(panel.getByRole("button", { name: "复制链接" })).toBeVisible();
  const link = await page.getByTestId("one-time-link").inputValue();
  expect(link).toMatch(/\/set-password\?token=[A-Za-z0-9_-]{43}$/);
  await expectAccessible(page);

  // The same e-mail again is refused next to the field.
  await page.getByLabel("姓名").fill(name);
  await page.getByLabel("邮箱").fill(email.toUpperCase());
  await page.getByLabel("司局").selectOption({ label: "科技司" });
  await page.getByRole("button", { name: "创建账户" }).click();
  await expect(page.getByTestId("error-email")).toHaveText("已有账户使用此邮箱。");

  // Shown once: the account's page knows a link is waiting, but never shows it.
  await page.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  await page.getByRole("link", { name }).click();
  await expect(page.getByTestId("password-status")).toContainText("尚未设置");
  expect(await page.content()).not.toContain(link.split("token=")[1]);

  // The new person, in a browser of their own, with no session.
  const context = await browser.newContext();
  const newcomer = await context.newPage();
  await newcomer.goto(link);
  await expect(newcomer.getByRole("heading", { level: 1 })).toHaveText("设置密码");
  await expect(newcomer.getByTestId("set-password-intro")).toContainText(email);
  await expectAccessible(newcomer);

  await setPassword(newcomer, "password1234");
  await expect(newcomer.getByTestId("error-password")).toHaveText("这是常见密码，很容易被猜到，请换一个。");
  await expect(newcomer.getByLabel("新密码", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(newcomer.getByLabel("新密码", { exact: true })).toHaveValue("password1234");
  await expectAccessible(newcomer);

  const password = `Spring rain over Beijing ${id}`;
  await setPassword(newcomer, password, `${password}!`);
  await expect(newcomer.getByTestId("error-confirm")).toHaveText("两次输入的密码不一致。");
  await setPassword(newcomer, password);
  await expect(newcomer.getByTestId("set-password-done")).toContainText("密码已设置");
  await newcomer.getByRole("link", { name: "去登录" }).click();
  await expect(newcomer).toHaveURL(/\/sign-in$/);
  await newcomer.getByLabel("邮箱").fill(email);
  await newcomer.getByLabel("密码").fill(password);
  await newcomer.getByRole("button", { name: "登录" }).click();
  await expect(newcomer).toHaveURL(/\/plan$/);
  await expect(newcomer.getByTestId("current-user")).toContainText(name);
  await expect(newcomer.getByTestId("current-user")).toContainText("科技司");

  // The link worked once.
  await newcomer.goto(link);
  await expect(newcomer.getByTestId("set-password-unavailable")).toHaveAttribute("data-reason", "used");
  await expect(newcomer.getByRole("heading", { level: 1 })).toHaveText("链接已使用");
  await expectAccessible(newcomer);
  await context.close();
});

test("a manager's scope is chosen, never defaulted: the whole ministry is an option of its own", async ({ page, baseURL }) => {
  const id = unique();
  const name = `新主管${id}`;
  const email = `manager.${id}@e2e.local`;
  await signInAs(page, "admin@demo.local");
  await page.goto("/admin/users/new");
  const department = page.getByLabel("司局", { exact: true });

  // Nothing is chosen to begin with; staff are never offered the whole ministry.
  await expect(department).toHaveValue("");
  await expect(department.locator("option").first()).toHaveText("请选择…");
  await expect(department.locator("option", { hasText: "全委" })).toHaveCount(0);

  await page.getByLabel("姓名").fill(name);
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("角色", { exact: true }).selectOption({ label: "管理人员" });
  await expect(page.getByText("只有明确选择“全委（全部司局）”，才能查看和审核全部司局。")).toBeVisible();
  await page.getByRole("button", { name: "创建账户" }).click();
  await expect(page.getByTestId("error-department")).toHaveText("请选择司局，或明确选择“全委（全部司局）”。");
  await expect(department).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("姓名")).toHaveValue(name);
  await expect(page.getByLabel("邮箱")).toHaveValue(email);
  await expect(page.getByLabel("角色", { exact: true })).toHaveValue("MANAGER");
  await expectAccessible(page);

  await department.selectOption({ label: "全委（全部司局）" });
  await page.getByRole("button", { name: "创建账户" }).click();
  await expect(page.getByTestId("create-result")).toHaveText(`账户“${name}”已创建。`);
  await page.getByRole("link", { name: "查看此账户" }).click();
  await expect(page.getByTestId("user-summary")).toContainText("管理人员 · 全部司局");
  // The account's form shows the choice that was made.
  await expect(page.getByLabel("司局", { exact: true })).toHaveValue("*");
  await expect(page.getByLabel("司局", { exact: true }).locator("option:checked")).toHaveText("全委（全部司局）");

  // Made staff, "whole ministry" is no choice: the form asks for a department.
  await page.getByLabel("角色", { exact: true }).selectOption({ label: "司局干部" });
  await expect(page.getByLabel("司局", { exact: true })).toHaveValue("");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByTestId("error-department")).toHaveText("司局干部必须选择司局。");

  // The API holds the same rule: a manager without a department given is refused, null is the choice.
  const origin = { Origin: baseURL ?? "" };
  const other = `manager.api.${id}@e2e.local`;
  const refused = await expectError(
    await page.request.post("/api/v1/admin/users", { data: { name, email: other, role: "MANAGER" }, headers: origin }),
    400,
    "invalid",
  );
  expect(refused.fields).toEqual({ department: "Choose the manager's department, or the whole ministry (department: null)." });
  const created = await page.request.post("/api/v1/admin/users", { data: { name, email: other, role: "MANAGER", department: null }, headers: origin });
  expect(created.status(), await created.text()).toBe(201);
  expect(await created.json()).toMatchObject({ user: { role: "MANAGER", department: null } });
});

test("an admin changes and then deactivates a signed-in user: the change shows on the next page, and after deactivation the next click lands on sign-in", async ({
  page,
  browser,
  baseURL,
}) => {
  const id = unique();
  const name = `将停用${id}`;
  const email = `leaver.${id}@e2e.local`;
  await signInAs(page, "admin@demo.local");

  // Created through the admin API with the admin's session (a state change needs this site's Origin).
  const origin = { Origin: baseURL ?? "" };
  const refused = await expectError(
    await page.request.post("/api/v1/admin/users", { data: { name, email, role: "STAFF" }, headers: origin }),
    400,
    "invalid",
  );
  expect(refused.fields).toEqual({ department: "Staff need a department." });
  const created = await page.request.post("/api/v1/admin/users", { data: { name, email, role: "STAFF", department: "KJS" }, headers: origin });
  expect(created.status(), await created.text()).toBe(201);
  const body = (await created.json()) as { user: { id: string; email: string; hasPassword: boolean }; setPasswordUrl: string; expiresAt: string };
  expect(body.user).toMatchObject({ email, hasPassword: false });
  expect(body.setPasswordUrl).toMatch(/\/set-password\?token=[A-Za-z0-9_-]{43}$/);
  const listed = await page.request.get(`/api/v1/admin/users?q=${encodeURIComponent(email)}`);
  expect(listed.status()).toBe(200);
  expect(await listed.json()).toMatchObject({ total: 1, items: [{ id: body.user.id, role: "STAFF", department: { code: "KJS" }, active: true }] });

  // The person sets a password and signs in, in another browser.
  const context = await browser.newContext();
  const user = await context.newPage();
  const password = `Autumn leaves on the Bund ${id}`;
  await user.goto(body.setPasswordUrl);
  await setPassword(user, password);
  await expect(user.getByTestId("set-password-done")).toBeVisible();
  await signInAs(user, email, password);
  await user.goto("/plan");
  await expect(user.getByTestId("current-user")).toContainText("科技司");

  // A new department applies on the user's next request.
  await page.goto(`/admin/users/${body.user.id}`);
  await expect(page.getByTestId("user-name")).toHaveText(name);
  await expect(page.getByTestId("session-list")).toContainText("有效");
  await expectAccessible(page);
  await page.getByLabel("司局", { exact: true }).selectOption({ label: "产业政策司" });
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByTestId("role-result")).toHaveText("已保存。新的角色和司局在该用户下一次操作时生效。");
  await user.reload();
  await expect(user.getByTestId("current-user")).toContainText("产业政策司");

  // Deactivate, after confirming.
  await page.getByRole("button", { name: "停用账户" }).click();
  await expect(page.getByText("停用后，该用户的所有登录立即结束")).toBeVisible();
  await page.getByRole("button", { name: "确认停用" }).click();
  await expect(page.getByTestId("status-result")).toHaveText("账户已停用，该用户的所有登录已结束。");
  await expect(page.getByTestId("status-now")).toHaveText("账户已停用，该用户无法登录。");
  await expect(page.getByTestId("session-list")).toContainText("已结束");
  await expectAccessible(page);

  // The user's very next click.
  await user.getByRole("link", { name: "年度计划" }).click();
  await expect(user).toHaveURL(/\/sign-in\?reason=expired/);
  await expect(user.getByTestId("sign-in-notice")).toHaveText("登录已失效，请重新登录。");
  await context.close();

  // Reactivated through the API; the list says so.
  const reactivated = await page.request.patch(`/api/v1/admin/users/${body.user.id}`, { data: { active: true }, headers: origin });
  expect(reactivated.status(), await reactivated.text()).toBe(200);
  expect(await reactivated.json()).toMatchObject({ active: true, department: { code: "CYZCS" } });
  await expectError(
    await page.request.patch(`/api/v1/admin/users/${body.user.id}`, { data: { department: null }, headers: origin }),
    400,
    "invalid",
  );
});

test("to anyone but an admin, account administration does not exist (pages and API)", async ({ page, baseURL }) => {
  await signInAs(page, "policy.staff@demo.local");
  await page.goto("/plan");
  await expect(page.getByRole("link", { name: "系统管理" })).toHaveCount(0);
  for (const path of ["/admin/users", "/admin/users/new", "/admin/users/clnotarealuserid0000000000"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByText("您要找的内容不存在，或不在您的查看范围内。")).toBeVisible();
  }
  await expectAccessible(page);

  const origin = { Origin: baseURL ?? "" };
  await expectError(await page.request.get("/api/v1/admin/users"), 404, "not_found");
  await expectError(await page.request.get("/api/v1/admin/users?role=NOPE"), 404, "not_found");
  await expectError(
    await page.request.post("/api/v1/admin/users", { data: { name: "x", email: `x.${unique()}@e2e.local`, role: "ADMIN" }, headers: origin }),
    404,
    "not_found",
  );
  await expectError(await page.request.post("/api/v1/admin/users", { data: "not json", headers: origin }), 404, "not_found");
  await expectError(
    await page.request.patch("/api/v1/admin/users/clnotarealuserid0000000000", { data: { role: "ADMIN" }, headers: origin }),
    404,
    "not_found",
  );

  // The routes are documented for the administrators' systems all the same.
  const doc = (await (await page.request.get("/api/v1/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
  expect(Object.keys(doc.paths["/admin/users"] ?? {})).toEqual(["get", "post"]);
  expect(Object.keys(doc.paths["/admin/users/{id}"] ?? {})).toEqual(["patch"]);
});
