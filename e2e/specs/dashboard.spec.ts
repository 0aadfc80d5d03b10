import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signInAs } from "../fixtures";

// The supervisor's day on one screen: a staff report is returned, revised and approved; the
// director's overview follows each step, and the director chases the item from it.

const CODE = "CYZCS-2018-4"; // used by no other spec
const artifacts = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "artifacts");

async function openInitiative(page: Page, code: string) {
  // A ministry-wide viewer's plan lists the departments; the department's plan lists its initiatives.
  await page.goto(`/plan?department=${code.split("-")[0]}`);
  await page.locator("li", { hasText: code }).getByRole("link").click();
  await expect(page.getByTestId("initiative-code")).toHaveText(code);
}

test("the director's overview follows a report through review, and the director chases the item from it", async ({ browser }, testInfo) => {
  const director = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  const lead = await (await browser.newContext()).newPage();
  const staff = await (await browser.newContext()).newPage();
  await signInAs(director, "director@demo.local");
  await signInAs(lead, "policy.lead@demo.local");
  await signInAs(staff, "policy.staff@demo.local");

  // Supervisors land on the overview.
  await director.goto("/");
  await expect(director).toHaveURL(/\/dashboard$/);
  await expect(director.getByRole("heading", { level: 1, name: "督查督办总览" })).toBeVisible();
  // (Other specs add departments of their own to the 2018 plan year: address the two by code.)
  const policyRow = director.locator('[data-testid="department-row"][data-department="CYZCS"]');
  await expect(policyRow).toContainText("产业政策司");
  await expect(director.locator('[data-testid="department-row"][data-department="KJS"]')).toContainText("科技司");
  await expect(director.getByTestId("progress-chart")).toBeVisible();
  await expect(director.getByTestId("health-chart")).toBeVisible();
  await expect(director.locator('[data-testid="league-row"][data-department="KJS"]')).toBeVisible();
  // Every 2018 item is past its due date in the seeded data: behind, and why.
  // Narrowed to one department (other specs add departments of their own to 2018).
  await director.getByTestId("dashboard-department").getByRole("combobox").selectOption("CYZCS");
  await director.getByTestId("dashboard-department").getByRole("button", { name: "查看" }).click();
  await expect(director).toHaveURL(/\/dashboard\?year=2018&department=CYZCS$/);
  await expect(director.getByTestId("department-row")).toHaveCount(1);
  const item = director.locator(`[data-testid="behind-item"][data-code="${CODE}"]`);
  await expect(item.locator('[data-reason="PAST_DUE"]')).toHaveText("已过完成时限（2018-12-31）");
  await expect(item).not.toContainText("待审核");
  await expectAccessible(director);

  // Staff report; the overview shows the report waiting for review.
  const text = `总览测试 ${Date.now()}`;
  await openInitiative(staff, CODE);
  await staff.getByLabel("完成进度（%）").fill("65");
  await staff.getByLabel("本期完成工作").fill(text);
  await staff.getByRole("button", { name: "提交进展" }).click();
  await expect(staff.getByTestId("report-saved")).toBeVisible();
  await director.reload();
  await expect(item).toContainText("1份报告待审核");
  await expect(item.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "65");

  // The department manager returns it; staff revise; the manager approves.
  await lead.goto("/review");
  const review = lead.getByTestId("review-item").filter({ hasText: text });
  await review.getByLabel("审核意见").fill("请写明本月完成的具体工作量");
  await review.getByRole("button", { name: "退回修改" }).click();
  await expect(review.getByTestId("review-done")).toHaveText("已退回，已通知填报人。");
  await director.reload();
  await expect(item).not.toContainText("待审核");

  await openInitiative(staff, CODE);
  await staff.getByTestId("timeline-entry").filter({ hasText: text }).getByTestId("revise-link").click();
  await staff.getByLabel("完成进度（%）").fill("70");
  await staff.getByLabel("本期完成工作").fill(`${text}（已补充）`);
  await staff.getByRole("button", { name: "提交进展" }).click();
  await expect(staff.getByTestId("report-saved")).toBeVisible();
  await director.reload();
  await expect(item).toContainText("1份报告待审核");
  await expect(item.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "70");

  await lead.goto("/review");
  const revised = lead.getByTestId("review-item").filter({ hasText: `${text}（已补充）` });
  await revised.getByRole("button", { name: "通过" }).click();
  await expect(revised.getByTestId("review-done")).toHaveText("已通过，已通知填报人。");
  await director.reload();
  await expect(item).not.toContainText("待审核");

  // The director chases the late item from the overview; the count shows at once.
  await item.getByRole("button", { name: `催办 ${CODE}` }).click();
  await director.getByRole("dialog", { name: `催办 ${CODE}` }).getByRole("button", { name: "发送催办" }).click();
  await expect(item.getByTestId("chase-result")).toHaveText("已催办 1 项");
  await director.reload();
  await expect(item).toContainText(/已催办[1-9]\d*次/);

  // A figure is a link to the list behind it, its filters in the URL.
  await policyRow.getByTestId("figure-overdue").first().click();
  await expect(director).toHaveURL(/\/initiatives\?year=2018&department=CYZCS&overdue=1$/);

  // … and a whole department's late items from the league table.
  await director.goto("/dashboard?year=2018&department=CYZCS");
  const league = director.locator('[data-testid="league-row"][data-department="CYZCS"]');
  await league.getByRole("button", { name: /催办/ }).click();
  await director.getByRole("dialog").getByRole("button", { name: /^确认催办 [1-9]\d* 项$/ }).click();
  await expect(league.getByTestId("chase-all-result")).toContainText(/已催办 [1-9]\d* 项/);

  // The staff member sees both chases, naming what is late.
  await staff.goto("/notifications");
  await expect(staff.getByTestId("notification").filter({ hasText: `${CODE} ` }).first()).toContainText("收到催办");
  await expect(staff.getByTestId("notification").filter({ hasText: /项工作收到催办/ }).first()).toContainText(CODE);

  // Keep a picture of the overview as a test artifact.
  await director.goto("/dashboard?year=2018");
  await expect(director.getByTestId("dashboard")).toBeVisible();
  mkdirSync(artifacts, { recursive: true });
  const shot = await director.screenshot({ path: path.join(artifacts, "dashboard.png"), fullPage: true });
  await testInfo.attach("dashboard", { body: shot, contentType: "image/png" });
});

test("the overview works on a phone and is not for staff", async ({ browser }) => {
  const phone = await (await browser.newContext({ viewport: { width: 375, height: 800 } })).newPage();
  await signInAs(phone, "policy.lead@demo.local");
  await phone.goto("/dashboard");
  await expect(phone.getByRole("heading", { level: 1, name: "督查督办总览" })).toBeVisible();
  // A department manager sees the own department only.
  await expect(phone.getByTestId("department-row")).toHaveCount(1);
  await expect(phone.getByTestId("department-row")).toContainText("产业政策司");
  const overflow = await phone.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll("body *")]
      // The outermost elements that stick out (a table scrolling inside its own box does not count).
      .filter((e) => e.getBoundingClientRect().right > width + 1 && (e.parentElement?.getBoundingClientRect().right ?? 0) <= width + 1)
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${String(e.className).slice(0, 60)}`);
    return { by: document.documentElement.scrollWidth - width, wide };
  });
  expect(overflow, `wider than the screen: ${overflow.wide.join(" | ")}`).toMatchObject({ by: 0 });
  await expectAccessible(phone);
  mkdirSync(artifacts, { recursive: true });
  await phone.screenshot({ path: path.join(artifacts, "dashboard-phone.png"), fullPage: true });

  const staff = await (await browser.newContext()).newPage();
  await signInAs(staff, "policy.staff@demo.local");
  await staff.goto("/");
  await expect(staff).toHaveURL(/\/plan$/);
  expect((await staff.goto("/dashboard"))?.status()).toBe(404);
});
