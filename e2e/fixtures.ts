import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

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
