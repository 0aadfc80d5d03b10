import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signInAs } from "../fixtures";

async function openInitiative(page: Page, code: string) {
  // A ministry-wide viewer's plan lists the departments; the department's plan lists its initiatives.
  await page.goto(`/plan?department=${code.split("-")[0]}`);
  await page.locator("li", { hasText: code }).getByRole("link").click();
  await expect(page.getByTestId("initiative-code")).toHaveText(code);
}

test("a report is returned by the department manager, revised by its author, and approved", async ({ browser }) => {
  const staff = await (await browser.newContext()).newPage();
  const lead = await (await browser.newContext()).newPage();
  await signInAs(staff, "policy.staff@demo.local");
  await signInAs(lead, "policy.lead@demo.local");
  const text = `审核流程测试 ${Date.now()}`;

  await openInitiative(staff, "CYZCS-2018-6");
  await staff.getByLabel("完成进度（%）").fill("40");
  await staff.getByLabel("本期完成工作").fill(text);
  await staff.getByRole("button", { name: "提交进展" }).click();
  await expect(staff.getByTestId("report-saved")).toBeVisible();

  // The manager returns it with a comment; the comment is required.
  await lead.goto("/review");
  const item = lead.getByTestId("review-item").filter({ hasText: text });
  await expect(item).toBeVisible();
  await expectAccessible(lead);
  await item.getByRole("button", { name: "退回修改" }).click();
  await expect(item.getByTestId("review-comment-error")).toHaveText("退回时请填写审核意见。");
  await item.getByLabel("审核意见").fill("请补充工业文化试点的具体数据");
  await item.getByRole("button", { name: "退回修改" }).click();
  await expect(item.getByTestId("review-done")).toHaveText("已退回，已通知填报人。");

  // The author is notified, revises and resubmits.
  await staff.goto("/notifications");
  await expect(staff.getByTestId("notification").filter({ hasText: "被退回修改" }).first()).toContainText("请补充工业文化试点的具体数据");
  await expectAccessible(staff);
  await openInitiative(staff, "CYZCS-2018-6");
  const returned = staff.getByTestId("timeline-entry").filter({ hasText: text });
  await expect(returned.getByTestId("timeline-review")).toContainText("退回修改");
  await returned.getByTestId("revise-link").click();
  await expect(staff.getByLabel("本期完成工作")).toHaveValue(text);
  await staff.getByLabel("本期完成工作").fill(`${text}（已补充数据）`);
  await staff.getByRole("button", { name: "提交进展" }).click();
  await expect(staff.getByTestId("report-saved")).toBeVisible();

  // The manager approves the revision; the whole exchange stays on the timeline.
  await lead.goto("/review");
  const revised = lead.getByTestId("review-item").filter({ hasText: `${text}（已补充数据）` });
  await expect(revised).toContainText("修改后重新提交");
  await revised.getByRole("button", { name: "通过" }).click();
  await expect(revised.getByTestId("review-done")).toHaveText("已通过，已通知填报人。");

  await openInitiative(staff, "CYZCS-2018-6");
  await expect(staff.getByTestId("timeline-entry").filter({ hasText: text })).toHaveCount(2);
  await expect(staff.getByTestId("timeline-review").filter({ hasText: "审核通过" }).first()).toBeVisible();
  await expect(staff.getByTestId("unread-count")).toBeVisible();
});

test("staff have no review queue", async ({ page }) => {
  await signInAs(page, "tech.staff@demo.local");
  const response = await page.goto("/review");
  expect(response?.status()).toBe(404);
});
