import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signInAs } from "../fixtures";

// The ministry at scale: 40 departments, one of them (BD01) with 60 initiatives, ~1,200
// initiatives and thousands of reports. Every ministry-wide page must stay a readable summary
// with drill-down, whatever the number of rows: no page renders more rows than it may show, and
// no page's HTML is over 300 kB. Runs last (project "scale"): the fixture adds 38 departments.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const artifacts = path.join(root, "e2e", "artifacts");
const HTML_LIMIT = 300 * 1024;

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  execFileSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "packages/core/src/bench/load-scale-fixture.ts"], {
    cwd: root,
    env: process.env,
    stdio: "inherit",
    timeout: 240_000,
  });
});

async function htmlBytes(page: Page, url: string): Promise<number> {
  const response = await page.request.get(url);
  expect(response.status(), url).toBe(200);
  return (await response.body()).length;
}

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test("the ministry-wide pages summarise 40 departments and stay small", async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signInAs(page, "director@demo.local");

  // The plan: one row per department, no initiative listed; a department's plan is one page.
  await page.goto("/plan?year=2018");
  // 40 departments of the bench ministry, and whichever other tests made (a department each).
  await expect(page.locator('[data-testid="plan-summary-row"][data-department="BD38"]')).toBeVisible();
  const departments = await page.getByTestId("plan-summary-row").count();
  expect(departments).toBeGreaterThanOrEqual(40);
  await expect(page.locator('a[href^="/initiatives/"]')).toHaveCount(0);
  await expect(page.locator('[data-testid="plan-summary-row"][data-department="BD01"]').getByTestId("summary-initiatives")).toHaveText("60");
  await page.screenshot({ path: path.join(artifacts, "scale-plan-1280.png"), fullPage: true });
  await page.goto("/plan?year=2018&department=BD01");
  await expect(page.getByTestId("department-BD01").locator('a[href^="/initiatives/"]')).toHaveCount(60);

  // The calendar: departments × months; a department's calendar 50 initiatives a page.
  await page.goto("/calendar?year=2018");
  await expect(page.locator('[data-testid="calendar-summary-row"][data-department="BD38"]')).toBeVisible();
  expect(await page.getByTestId("calendar-summary-row").count()).toBeGreaterThanOrEqual(40);
  expect(await page.getByTestId("calendar-summary-row").count()).toBeLessThanOrEqual(departments);
  await expect(page.getByTestId("calendar-row")).toHaveCount(0);
  await page.screenshot({ path: path.join(artifacts, "scale-calendar-1280.png"), fullPage: true });
  await page.locator('[data-testid="calendar-summary-row"][data-department="BD01"]').locator("a.cal-cell").first().click();
  await expect(page.getByTestId("calendar-row")).toHaveCount(50);
  await expect(page.getByTestId("pager-info")).toHaveText("共 60 项，第 1 / 2 页");
  await page.getByTestId("pager-next").click();
  await expect(page.getByTestId("calendar-row")).toHaveCount(10);

  // The overview: the 20 most serious, "all N", one row per department (themes on drill-down).
  await page.goto("/dashboard?year=2018");
  await expect(page.getByTestId("behind-item")).toHaveCount(20);
  const behind = Number((await page.getByTestId("behind-count").textContent())?.replace(/\D/g, ""));
  expect(behind).toBeGreaterThan(20);
  await expect(page.getByTestId("behind-all")).toContainText(String(behind));
  await expect(page.locator('[data-testid="department-row"][data-department="BD38"]')).toBeVisible();
  expect(await page.getByTestId("department-row").count()).toBeGreaterThanOrEqual(40);
  expect(await page.getByTestId("department-row").count()).toBeLessThanOrEqual(departments);
  await expect(page.getByTestId("theme-row")).toHaveCount(0);
  await expectAccessible(page);
  await page.screenshot({ path: path.join(artifacts, "scale-dashboard-1280.png"), fullPage: true });
  await page.locator('[data-testid="department-row"][data-department="BD01"]').getByTestId("department-drill").click();
  await expect(page.getByTestId("department-row")).toHaveCount(1);
  await expect(page.getByTestId("theme-row").first()).toBeVisible();

  // The review queue: a page of 20 of the true count, newest first, and the next page.
  await page.goto("/review");
  await expect(page.getByTestId("review-item")).toHaveCount(20);
  const waiting = Number((await page.getByTestId("review-count").textContent())?.replace(/[^\d]/g, ""));
  expect(waiting).toBeGreaterThan(100);
  await page.goto("/review?department=BD01&order=oldest");
  await expect(page.getByTestId("review-item")).toHaveCount(20);
  await page.getByTestId("review-next").click();
  await expect(page.getByTestId("review-item").first()).toBeVisible();

  for (const url of ["/plan?year=2018", "/calendar?year=2018", "/calendar?year=2018&department=BD01", "/dashboard?year=2018", "/review", "/updates"]) {
    expect(await htmlBytes(page, url), `${url} HTML`).toBeLessThanOrEqual(HTML_LIMIT);
  }
});

test("an initiative with many reports shows the latest and pages back", async ({ page }) => {
  await signInAs(page, "director@demo.local");
  await page.goto("/initiatives?year=2018&department=BD02&sort=-updated");
  await page.locator('a[href^="/initiatives/"]:not([href^="/initiatives/export"])').first().click();
  await expect(page.getByTestId("timeline-entry")).toHaveCount(10);
  const shown = await page.getByTestId("timeline-pager").textContent();
  expect(Number(shown?.match(/共 (\d+) 份/)?.[1])).toBeGreaterThan(10);
  await page.getByTestId("timeline-earlier").click();
  await expect(page.getByTestId("timeline-latest")).toBeVisible();
  await expect(page.getByTestId("timeline-entry").first()).toBeVisible();
});

test("on a phone the ministry-wide pages do not scroll sideways", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await signInAs(page, "director@demo.local");
  for (const [url, name] of [
    ["/dashboard?year=2018", "dashboard"],
    ["/plan?year=2018", "plan"],
    ["/calendar?year=2018", "calendar"],
    ["/review", "review"],
  ] as const) {
    await page.goto(url);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await noSidewaysScroll(page);
    await page.screenshot({ path: path.join(artifacts, `scale-${name}-375.png`), fullPage: false });
  }
});
