import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { signInAs } from "../fixtures";

async function openInitiative(page: Page, code: string) {
  await page.goto("/plan");
  await page.locator("li", { hasText: code }).getByRole("link").click();
  await expect(page.getByTestId("initiative-code")).toHaveText(code);
}

test("after a report is filed, the next one starts from the pace suggestion, and a 100-byte file shows as 100 B", async ({ page }) => {
  // Mid-June 2018 in the browser: 60 % of a year-end initiative is ahead of pace (正常推进), 10 % is far behind (严重滞后).
  await page.clock.setFixedTime(new Date("2018-06-10T10:00:00+08:00"));
  await signInAs(page, "tech.staff@demo.local");
  await openInitiative(page, "KJS-2018-3.2");
  const health = page.getByLabel("状态", { exact: true });

  await page.getByLabel("完成进度（%）").fill("10");
  await expect(page.getByTestId("suggested-health")).toContainText("严重滞后");
  await expect(health).toHaveValue("OFF_TRACK");
  // The author sees it otherwise this month, and says why.
  await health.selectOption("AT_RISK");
  await page.getByLabel("与建议状态不同的原因").fill("方案已报部领导，审批后进度会明显加快。");
  await page.getByLabel("本期完成工作").fill("起草工作方案。");
  await page.getByLabel(/^附件/).setInputFiles({ name: "说明.pdf", mimeType: "application/pdf", buffer: pdfOf(100) });
  await page.getByRole("button", { name: "提交进展" }).click();
  await expect(page.getByTestId("report-saved")).toBeVisible();
  await expect(page.getByTestId("timeline-entry").first().getByTestId("evidence-file")).toHaveText("说明.pdf (100 B)");

  // The next report: a new percentage gets the suggestion for that percentage, not the last report's health.
  await page.getByLabel("完成进度（%）").fill("60");
  await expect(page.getByTestId("suggested-health")).toContainText("正常推进");
  await expect(health).toHaveValue("ON_TRACK");
  await expect(page.getByLabel("与建议状态不同的原因")).toHaveCount(0);
});

test("the header's notification link is named by what its badge shows, even past 99 unread", async ({ page }) => {
  // 120 unread notifications for the admin (no other spec reads the admin's notifications).
  const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  try {
    await db.query(
      `INSERT INTO notifications (id, user_id, kind, params, link)
       SELECT gen_random_uuid()::text, u.id, 'update.submitted', '{"code":"KJS-2018-1.1","title":"t"}'::jsonb, '/review'
       FROM users u CROSS JOIN generate_series(1, 120) WHERE u.email = 'admin@demo.local'`,
    );
  } finally {
    await db.end();
  }
  await signInAs(page, "admin@demo.local");
  await page.goto("/plan");
  await expect(page.getByTestId("unread-count")).toHaveText("99+");
  await expect(page.getByTestId("notifications-link")).toHaveAccessibleName("通知: 99+ 条未读通知");
  // axe's check for WCAG 2.5.3 (experimental, so not in the default scan): the visible label is part of the name.
  const results = await new AxeBuilder({ page }).withRules(["label-content-name-mismatch"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(" ")}`)).toEqual([]);
});

/** A PDF (by its signature) of exactly `size` bytes. */
function pdfOf(size: number): Buffer {
  const head = "%PDF-1.4\n";
  const tail = "\n%%EOF\n";
  return Buffer.from(head + "%".repeat(size - head.length - tail.length) + tail);
}
