import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signInAs } from "../fixtures";

async function initiativeLinks(page: Page, department: string) {
  return page.getByTestId(`department-${department}`).locator('a[href^="/initiatives/"]');
}

const ministryWide = ["admin@demo.local", "director@demo.local"];

for (const email of ministryWide) {
  test(`${email} sees the whole 2018 plan of both departments`, async ({ page }) => {
    await signInAs(page, email);
    await page.goto("/plan");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("2018年工作计划");
    await expect(page.getByTestId("plan-scope")).toHaveText("范围：全部司局");
    await expect(await initiativeLinks(page, "CYZCS")).toHaveCount(7);
    await expect(await initiativeLinks(page, "KJS")).toHaveCount(15);
    await expect(page.getByTestId("theme-KJS-2018-1")).toContainText("着力推进中国制造向中国创造转变");
    await expectAccessible(page);
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
    await director.goto("/plan");
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
