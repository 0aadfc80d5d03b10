import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signInAs } from "../fixtures";

// Each test reports on its own initiative, so tests running side by side do not collide.
async function openInitiative(page: Page, code: string) {
  // A ministry-wide viewer's plan lists the departments; the department's plan lists its initiatives.
  await page.goto(`/plan?department=${code.split("-")[0]}`);
  await page.locator("li", { hasText: code }).getByRole("link").click();
  await expect(page.getByTestId("initiative-code")).toHaveText(code);
}

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

test("a staff member files a monthly update with a file and sees it in the timeline", async ({ page }) => {
  await signInAs(page, "tech.staff@demo.local");
  await openInitiative(page, "KJS-2018-2.1");
  await expect(page.getByTestId("suggested-health")).toContainText("按时间进度建议");

  await page.getByLabel("完成进度（%）").fill("60");
  await page.getByLabel("本期完成工作").fill("完成重点领域标准体系梳理，形成征求意见稿。");
  await page.getByLabel("存在问题和风险").fill("部分行业协会反馈较慢。");
  await page.getByLabel("下一步工作").fill("召开专家评审会。");
  await page.getByLabel("相关链接（每行一个）").fill("https://www.miit.gov.cn/");
  await page.getByLabel(/^附件/).setInputFiles({ name: "标准体系征求意见稿.pdf", mimeType: "application/pdf", buffer: PDF });
  await page.getByRole("button", { name: "提交进展" }).click();

  await expect(page.getByTestId("report-saved")).toHaveText("进展已提交。");
  const entry = page.getByTestId("timeline-entry").first();
  await expect(entry.getByTestId("timeline-work-done")).toHaveText("完成重点领域标准体系梳理，形成征求意见稿。");
  await expect(entry.getByTestId("timeline-changes")).toContainText("进度 60%");
  await expect(entry.getByTestId("evidence-file")).toContainText("标准体系征求意见稿.pdf");
  await expect(entry).toContainText("待审核");
  await expectAccessible(page);

  const download = await page.request.get((await entry.getByTestId("evidence-file").getAttribute("href")) ?? "");
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toBe("application/pdf");
  const body = await download.body();
  expect(body.subarray(0, 5).toString()).toBe("%PDF-");
  // Streamed byte for byte, with its Chinese name for the browser to save it under (RFC 5987).
  expect(body.equals(PDF)).toBe(true);
  const disposition = download.headers()["content-disposition"] ?? "";
  expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
  expect(decodeURIComponent(disposition.split("UTF-8''")[1] ?? "")).toBe("标准体系征求意见稿.pdf");
  expect(download.headers()["x-content-type-options"]).toBe("nosniff");
  expect(download.headers()["cache-control"]).toBe("private, no-store");
});

test("two people saving at once: the second sees the conflict and keeps what they typed", async ({ browser }) => {
  const first = await (await browser.newContext()).newPage();
  const second = await (await browser.newContext()).newPage();
  await signInAs(first, "tech.staff@demo.local");
  await signInAs(second, "tech.staff@demo.local");
  await openInitiative(first, "KJS-2018-2.2");
  await openInitiative(second, "KJS-2018-2.2");

  await first.getByLabel("完成进度（%）").fill("30");
  await first.getByLabel("本期完成工作").fill("第一位同事的报告");
  await second.getByLabel("完成进度（%）").fill("35");
  await second.getByLabel("本期完成工作").fill("第二位同事认真写的长篇报告");

  await first.getByRole("button", { name: "提交进展" }).click();
  await expect(first.getByTestId("report-saved")).toBeVisible();
  await second.getByRole("button", { name: "提交进展" }).click();

  await expect(second.getByTestId("report-conflict")).toContainText("这项工作刚刚被他人更新");
  await expect(second.getByLabel("本期完成工作")).toHaveValue("第二位同事认真写的长篇报告");
  await expect(second.getByTestId("timeline-entry").first()).toContainText("第一位同事的报告");
  await expectAccessible(second);

  // Having checked the newer report, the second person submits on top of it.
  await second.getByRole("button", { name: "已核对，基于最新版本提交" }).click();
  await second.getByRole("button", { name: "提交进展" }).click();
  await expect(second.getByTestId("report-saved")).toBeVisible();
  await expect(second.getByTestId("timeline-entry")).toHaveCount(2);
});

test("a bad number and a disguised file are refused next to their fields, and nothing typed is lost", async ({ page }) => {
  await signInAs(page, "tech.staff@demo.local");
  await openInitiative(page, "KJS-2018-2.3");
  await page.getByLabel("完成进度（%）").fill("150");
  await page.getByLabel("本期完成工作").fill("这段文字不能丢");
  await page.getByLabel(/^附件/).setInputFiles({ name: "报告.pdf", mimeType: "application/pdf", buffer: Buffer.from("MZ this is really a program") });
  await page.getByRole("button", { name: "提交进展" }).click();

  await expect(page.getByTestId("error-progress")).toHaveText("完成进度应在 0 到 100 之间。");
  await expect(page.getByTestId("report-error")).toBeVisible();
  await expect(page.getByLabel("本期完成工作")).toHaveValue("这段文字不能丢");
  await expect(page.getByLabel("完成进度（%）")).toHaveValue("150");
  await expectAccessible(page);

  await page.getByLabel("完成进度（%）").fill("20");
  await page.getByRole("button", { name: "提交进展" }).click();
  await expect(page.getByTestId("error-files")).toHaveText("只接受 PDF、Office 文档和图片（按文件内容检查）。");
  await expect(page.getByLabel("本期完成工作")).toHaveValue("这段文字不能丢");
  await expect(page.getByTestId("history-empty")).toBeVisible();
});

test("a report left unsent is offered back as a draft after the page is closed", async ({ page }) => {
  await signInAs(page, "tech.staff@demo.local");
  await openInitiative(page, "KJS-2018-2.4");
  await page.getByLabel("本期完成工作").fill("写到一半的月度报告");
  await page.waitForFunction(() => Object.keys(window.localStorage).some((k) => k.startsWith("workplan:draft:")));
  await page.reload();
  await expect(page.getByTestId("draft-offer")).toBeVisible();
  await page.getByRole("button", { name: "恢复草稿" }).click();
  await expect(page.getByLabel("本期完成工作")).toHaveValue("写到一半的月度报告");
});

test("a ministry-wide director reads an initiative without a report form: reviewers do not report", async ({ page }) => {
  await signInAs(page, "director@demo.local");
  await openInitiative(page, "KJS-2018-2.5");
  await expect(page.getByTestId("report-form")).toHaveCount(0);
});

test("a report sent after the session ended is kept, with a way to sign in again", async ({ page }) => {
  await signInAs(page, "tech.staff@demo.local");
  await openInitiative(page, "KJS-2018-3.1");
  await page.getByLabel("本期完成工作").fill("会话过期前写下的内容");
  await page.context().clearCookies();
  await page.getByRole("button", { name: "提交进展" }).click();
  await expect(page.getByTestId("report-error")).toContainText("登录已失效");
  await expect(page.getByLabel("本期完成工作")).toHaveValue("会话过期前写下的内容");

  // Signed in again (as if in another tab), the draft is offered back on the page.
  await signInAs(page, "tech.staff@demo.local");
  await openInitiative(page, "KJS-2018-3.1");
  await page.getByRole("button", { name: "恢复草稿" }).click();
  await expect(page.getByLabel("本期完成工作")).toHaveValue("会话过期前写下的内容");
});
