import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signInAs } from "../fixtures";

async function initiativeLinks(page: Page, department: string) {
  return page.getByTestId(`department-${department}`).locator('a[href^="/initiatives/"]');
}

const ministryWide = ["admin@demo.local", "director@demo.local"];

for (const email of ministryWide) {
  test(`${email} sees the 2018 plan of every department, one row each, and opens a department's plan`, async ({ page }) => {
    await signInAs(page, email);
    await page.goto("/plan");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("2018年工作计划");
    await expect(page.getByTestId("plan-scope")).toHaveText("范围：全部司局");
    const policy = page.locator('[data-testid="plan-summary-row"][data-department="CYZCS"]');
    const tech = page.locator('[data-testid="plan-summary-row"][data-department="KJS"]');
    await expect(policy.getByTestId("summary-initiatives")).toHaveText("7");
    await expect(tech.getByTestId("summary-initiatives")).toHaveText("15");
    // The summary lists no initiatives itself: they are one click away.
    await expect(page.locator('a[href^="/initiatives/"]')).toHaveCount(0);
    await expectAccessible(page);
    await tech.getByRole("link", { name: "查看科技司的计划" }).click();
    await expect(page).toHaveURL(/department=KJS/);
    await expect(await initiativeLinks(page, "KJS")).toHaveCount(15);
    await expect(page.getByTestId("theme-KJS-2018-1")).toContainText("着力推进中国制造向中国创造转变");
    await expect(page.getByTestId("department-CYZCS")).toHaveCount(0);
    await page.getByTestId("plan-all-departments").click();
    await expect(policy).toBeVisible();
    await expect(tech).toBeVisible();
  });
}

const departmentScoped = [
  { email: "policy.lead@demo.local", own: "CYZCS", count: 7, other: "KJS", scope: "范围：产业政策司" },
  { email: "policy.staff@demo.local", own: "CYZCS", count: 7, other: "KJS", scope: "范围：产业政策司" },
  { email: "tech.staff@demo.local", own: "KJS", count: 15, other: "CYZCS", scope: "范围：科技司" },
];

for (const { email, own, count, other, scope } of departmentScoped) {
  test(`${email} sees only its own department's plan, and the other's items do not exist for it`, async ({ browser }) => {
    // Find an initiative of the other department as the director sees it.
    const directorContext = await browser.newContext();
    const director = await directorContext.newPage();
    await signInAs(director, "director@demo.local");
    await director.goto(`/plan?department=${other}`);
    const foreignHref = await (await initiativeLinks(director, other)).first().getAttribute("href");
    expect(foreignHref).toMatch(/^\/initiatives\//);
    await directorContext.close();

    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAs(page, email);
    await page.goto("/plan");
    await expect(page.getByTestId("plan-scope")).toHaveText(scope);
    await expect(await initiativeLinks(page, own)).toHaveCount(count);
    await expect(page.getByTestId(`department-${other}`)).toHaveCount(0);
    await expectAccessible(page);

    const response = await page.goto(foreignHref ?? "/");
    expect(response?.status()).toBe(404);
    await expect(page.getByText("您要找的内容不存在，或不在您的查看范围内。")).toBeVisible();
    await context.close();
  });
}
