import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "../fixtures";
import { startAppServer, type AppServer } from "../app-server";

// A server whose plan calendar stands three days before June 2018's due day (the 25th), with its
// clockwork on: the cycle it runs as it starts reminds every staff member of their unreported
// initiatives. (The suite's own server runs without it: WORKPLAN_SCHEDULER=0.)

let server: AppServer | undefined;
let base = "";
test.beforeAll(async () => {
  server = await startAppServer({
    AUTH_SECRET: "reminders-secret-0123456789abcdef0123456789",
    DEMO_MODE: "1",
    WORKPLAN_TODAY: "2018-06-22",
    WORKPLAN_SCHEDULER: "1",
  });
  base = server.url;
});
test.afterAll(async () => {
  await server?.stop();
});

test("a staff member finds the reminder under 通知 and follows it to the report form", async ({ page }) => {
  test.setTimeout(120_000);
  // Signed in on this server (its own secret), by the same form post signInAs makes.
  const { csrfToken } = (await (await page.request.get(`${base}/api/auth/csrf`)).json()) as { csrfToken: string };
  const signedIn = await page.request.post(`${base}/api/auth/callback/credentials`, {
    form: { csrfToken, email: "tech.staff@demo.local", password: DEMO_PASSWORD, json: "true" },
  });
  expect(signedIn.ok()).toBe(true);
  // The cycle runs within seconds of the start.
  const reminder = page.getByTestId("notification").filter({ hasText: "报送提醒" });
  await expect(async () => {
    await page.goto(`${base}/notifications`);
    await expect(reminder).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await expect(reminder).toContainText("2018-06 的进展尚未报送，请于 2018-06-25 前报送");
  const first = reminder.getByTestId("reminder-initiative").first();
  const code = (await first.textContent())?.trim() ?? "";
  expect(code).toMatch(/^KJS-2018-/);
  await first.click();
  await expect(page).toHaveURL(/\/initiatives\/[^/]+#report$/);
  await expect(page.locator("main")).toContainText(code);
  await expect(page.getByTestId("report-form")).toBeVisible();
  await expect(page.getByTestId("report-form")).toBeInViewport();
});
