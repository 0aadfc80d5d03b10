import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "Demo-2018-Plan!";

/** Sign in through the auth API (only sign-in.spec.ts uses the form). */
export async function signInAs(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  const csrf = await page.request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await page.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
  });
  expect(response.ok(), `sign-in of ${email}`).toBe(true);
  const cookies = await page.context().cookies();
  expect(cookies.some((c) => c.name.endsWith("next-auth.session-token")), `session cookie for ${email}`).toBe(true);
}

/** Every page a test opens is scanned: no serious or critical accessibility violations. */
export async function expectAccessible(page: Page): Promise<void> {
  // Scan the settled page: after a refresh Next.js streams the metadata, and for a moment the
  // document has no <title> yet.
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`),
  ).toEqual([]);
}

/**
 * An account of 科技司 with a password of its own, made by the admin through the admin API and set
 * through its one-time link, as a real one would be: for specs that change what the account holds.
 */
export async function newAccount(browser: Browser, baseURL: string | undefined, role: "STAFF" | "MANAGER" = "STAFF") {
  const id = randomUUID().slice(0, 8);
  const email = `account.${id}@e2e.local`;
  const password = `Spring rain over West Lake ${id}`;
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInAs(admin, "admin@demo.local");
  const created = await admin.request.post("/api/v1/admin/users", {
    data: { name: `账户测试${id}`, email, role, department: "KJS" },
    headers: { Origin: baseURL ?? "" },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { setPasswordUrl } = (await created.json()) as { setPasswordUrl: string };
  await adminContext.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(setPasswordUrl);
  await page.getByLabel("新密码", { exact: true }).fill(password);
  await page.getByLabel("再次输入新密码").fill(password);
  await page.getByRole("button", { name: "设置密码" }).click();
  await expect(page.getByTestId("set-password-done")).toBeVisible();
  await context.close();
  return { email, password, name: `账户测试${id}` };
}
