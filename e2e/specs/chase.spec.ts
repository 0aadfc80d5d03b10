import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signInAs } from "../fixtures";

// A chase that says what it wants: a manager chases one initiative with a note and a reply-by day;
// its staff see both in the initiative's 催办记录, "not reported yet", until they report, and then
// the record says the report came in by the day asked.

const CODE = "CYZCS-2018-2"; // used by no other spec
const artifacts = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "artifacts");

async function openInitiative(page: Page, code: string) {
  await page.goto(`/plan?department=${code.split("-")[0]}`);
  await page.locator("li", { hasText: code }).getByRole("link").click();
  await expect(page.getByTestId("initiative-code")).toHaveText(code);
}

/** A Beijing calendar day `days` from today, YYYY-MM-DD. */
function beijingDay(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

test("a manager chases one initiative with a note and a reply-by day; its staff see it in the chase history until they report", async ({ browser }, testInfo) => {
  const lead = await (await browser.newContext()).newPage();
  const staff = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await signInAs(lead, "policy.lead@demo.local");
  await signInAs(staff, "policy.staff@demo.local");
  const note = `请补报本月进展，附上验收材料 ${Date.now()}`;
  const replyBy = beijingDay(7);
  const replyByText = new Intl.DateTimeFormat("zh-Hans", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${replyBy}T00:00:00Z`));

  await openInitiative(lead, CODE);
  await expect(lead.getByRole("heading", { name: "催办记录" })).toBeVisible();
  const trigger = lead.getByTestId("initiative-chase").getByRole("button", { name: `催办 ${CODE}` });
  await trigger.click();
  const dialog = lead.getByRole("dialog", { name: `催办 ${CODE}` });
  await expect(dialog.getByLabel("附言（可选）")).toBeFocused();
  await dialog.getByLabel("附言（可选）").fill(note);
  // A day already past is refused next to its field, in Chinese; the dialog keeps what was typed.
  await dialog.getByLabel("请于此日期前报送（可选）").fill("2018-01-02");
  await dialog.getByRole("button", { name: "发送催办" }).click();
  await expect(dialog.getByTestId("chase-reply-by-error")).toHaveText("日期不能早于今天（北京时间）。");
  await expect(dialog.getByLabel("请于此日期前报送（可选）")).toHaveAttribute("aria-invalid", "true");
  await expect(dialog.getByLabel("附言（可选）")).toHaveValue(note);
  await expectAccessible(lead);
  await dialog.getByLabel("请于此日期前报送（可选）").fill(replyBy);
  await dialog.getByRole("button", { name: "发送催办" }).click();
  await expect(dialog).toBeHidden();
  await expect(lead.getByTestId("initiative-chase").getByTestId("chase-result")).toHaveText("已催办 1 项");
  await expect(trigger).toBeFocused();

  // The history follows at once: who, what, by when, not reported yet.
  const record = lead.getByTestId("chase-record").filter({ hasText: note });
  await expect(record).toContainText("产业政策司处长");
  await expect(record.getByTestId("chase-reply-by")).toHaveText(`请于 ${replyByText} 前报送`);
  await expect(record.getByTestId("chase-follow-up")).toHaveText("尚未报送");
  await expectAccessible(lead);

  // The staff member, on a phone: the chase in the notifications and on the initiative's page.
  await staff.goto("/notifications");
  await expect(staff.getByTestId("notification").filter({ hasText: CODE }).first()).toContainText("收到催办");
  await openInitiative(staff, CODE);
  const seen = staff.getByTestId("chase-record").filter({ hasText: note });
  await expect(seen.getByTestId("chase-follow-up")).toHaveText("尚未报送");
  await expect(seen.getByTestId("chase-reply-by")).toHaveText(`请于 ${replyByText} 前报送`);
  // No chase button for staff.
  await expect(staff.getByRole("button", { name: `催办 ${CODE}` })).toHaveCount(0);
  await expectAccessible(staff);
  mkdirSync(artifacts, { recursive: true });
  await seen.scrollIntoViewIfNeeded();
  const shot = await staff.screenshot({ path: path.join(artifacts, "chase-history-narrow.png") });
  await testInfo.attach("chase history on a phone", { body: shot, contentType: "image/png" });

  // They report; the record says the report came in by the day asked.
  await staff.getByLabel("完成进度（%）").fill("45");
  await staff.getByLabel("本期完成工作").fill("已补报本月进展并上传验收材料。");
  await staff.getByRole("button", { name: "提交进展" }).click();
  await expect(staff.getByTestId("report-saved")).toBeVisible();
  await staff.reload();
  await expect(seen.getByTestId("chase-follow-up")).toHaveText("已按期报送");
  await expect(seen).toContainText("报送于");
  await lead.reload();
  await expect(record.getByTestId("chase-follow-up")).toHaveText("已按期报送");
});

test("the department-wide chase dialog on a phone: figures first, the fields, and a confirmation", async ({ browser }, testInfo) => {
  const director = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await signInAs(director, "director@demo.local");
  await director.goto("/calendar?year=2018");
  const row = director.locator('[data-testid="calendar-summary-row"][data-department="CYZCS"]');
  await row.getByRole("button", { name: "催办全部逾期事项（产业政策司）" }).click();
  const dialog = director.getByRole("dialog", { name: "催办产业政策司的逾期事项" });
  await expect(dialog.getByTestId("chase-all-figures")).toHaveText(/^将催办 \d+ 项逾期事项，通知 \d+ 人。$/);
  await expect(dialog.getByRole("button", { name: /^确认催办 \d+ 项$/ })).toBeEnabled();
  await expectAccessible(director);
  mkdirSync(artifacts, { recursive: true });
  const shot = await director.screenshot({ path: path.join(artifacts, "chase-department-narrow.png") });
  await testInfo.attach("department chase on a phone", { body: shot, contentType: "image/png" });
  // Cancel sends nothing.
  await dialog.getByRole("button", { name: "取消" }).click();
  await expect(dialog).toBeHidden();
  await expect(row.getByTestId("chase-all-result")).toHaveCount(0);
});
