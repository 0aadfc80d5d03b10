import { expect, test } from "@playwright/test";
import { expectAccessible, signInAs } from "../fixtures";

test("the director sees the 2018 reporting calendar and chases a late 科技司 initiative; its staff are notified", async ({ browser }) => {
  const director = await (await browser.newContext()).newPage();
  await signInAs(director, "director@demo.local");
  await director.goto("/calendar?year=2018");
  await expect(director.getByRole("heading", { level: 1, name: "报送日历" })).toBeVisible();
  // The whole ministry: departments × months, each cell the on-time / late / missing counts.
  const summary = director.locator('[data-testid="calendar-summary-row"][data-department="KJS"]');
  await expect(summary.locator(".cal-MISSING").first()).toHaveText(/^\d+\/\d+\/\d+$/);
  await expect(summary.getByTestId("summary-lights")).toContainText(/红灯 \d+/);
  await expectAccessible(director);
  const chasesBefore = Number(await summary.getByTestId("summary-chases").textContent());
  await summary.getByRole("link", { name: "科技司" }).click();
  await expect(director).toHaveURL(/department=KJS/);
  const dept = director.locator('[data-testid="calendar-department"][data-department="KJS"]');
  await expect(dept).toBeVisible();
  // Twelve months of 2018, with missing reports in the seeded plan (in words, not colour alone).
  await expect(dept.getByRole("columnheader", { name: "12月" })).toBeVisible();
  const row = dept.locator('[data-testid="calendar-row"][data-code="KJS-2018-1.5"]');
  await expect(row.locator('[data-status="MISSING"]').first()).toHaveText("未报");
  await expect(row.getByTestId("light-badge")).toHaveText("红灯·逾期");
  await expectAccessible(director);

  const countBefore = Number(await row.getByTestId("chase-count").textContent());
  // 催办 opens a small dialog for a note and a reply-by day; sending it chases the one item.
  await row.getByRole("button", { name: "催办 KJS-2018-1.5" }).click();
  const dialog = director.getByRole("dialog", { name: "催办 KJS-2018-1.5" });
  await expect(dialog.getByLabel("附言（可选）")).toBeFocused();
  await dialog.getByLabel("附言（可选）").fill("请补报本月进展");
  await dialog.getByRole("button", { name: "发送催办" }).click();
  await expect(dialog).toBeHidden();
  await expect(row.getByTestId("chase-result")).toHaveText("已催办 1 项");
  // The chase count column follows at once, without a reload.
  await expect(row.getByTestId("chase-count")).toHaveText(String(countBefore + 1));
  await director.getByTestId("calendar-all-departments").click();
  await expect(summary.getByTestId("summary-chases")).toHaveText(String(chasesBefore + 1));

  // The whole department: one "催办…" per row, which first says what it reaches and waits for a confirmation.
  await expect(summary.getByTestId("chase-all-button")).toHaveText("催办…");
  const chaseAll = summary.getByRole("button", { name: "催办全部逾期事项（科技司）" });
  await chaseAll.click();
  const confirm = director.getByRole("dialog", { name: "催办科技司的逾期事项" });
  const figures = confirm.getByTestId("chase-all-figures");
  await expect(figures).toHaveText(/^将催办 \d+ 项逾期事项，通知 \d+ 人。$/);
  const [, items, people] = /(\d+) 项逾期事项，通知 (\d+) 人/.exec((await figures.textContent()) ?? "") ?? [];
  expect(Number(items)).toBeGreaterThan(1);
  expect(Number(people)).toBeGreaterThan(0);
  await expect(confirm).toContainText("KJS-2018-1.5");
  // The dialog stands in the middle of the screen, over the dimmed page, not in a corner.
  const box = await confirm.boundingBox();
  const viewport = director.viewportSize();
  expect(box && viewport && Math.abs(box.x + box.width / 2 - viewport.width / 2)).toBeLessThan(2);
  expect(box && viewport && Math.abs(box.y + box.height / 2 - viewport.height / 2)).toBeLessThan(2);
  await expectAccessible(director);
  // Escape: nothing is sent, and the focus is back on the button.
  await director.keyboard.press("Escape");
  await expect(confirm).toBeHidden();
  await expect(chaseAll).toBeFocused();
  await director.reload();
  await expect(summary.getByTestId("summary-chases")).toHaveText(String(chasesBefore + 1));
  // Confirmed with a note: the figures it said are the ones it reached.
  await chaseAll.click();
  await expect(figures).toHaveText(`将催办 ${items} 项逾期事项，通知 ${people} 人。`);
  await confirm.getByLabel("附言（可选）").fill("请各处室本周内补报逾期进展");
  await confirm.getByRole("button", { name: `确认催办 ${items} 项` }).click();
  await expect(summary.getByTestId("chase-all-result")).toHaveText(`已催办 ${items} 项，通知 ${people} 人`);
  await expect(summary.getByTestId("summary-chases")).toHaveText(String(chasesBefore + 1 + Number(items)));
  await director.goBack();

  // The initiative's page shows its light and chase count, and the chase button.
  await row.getByRole("link").click();
  await expect(director.getByTestId("initiative-code")).toHaveText("KJS-2018-1.5");
  const supervision = director.getByTestId("initiative-chase");
  await expect(supervision.getByTestId("light-badge")).toHaveText("红灯·逾期");
  await expect(supervision).toContainText(/已催办 [1-9]\d* 次/);
  await expect(supervision.getByRole("button", { name: "催办 KJS-2018-1.5" })).toBeVisible();
  await expectAccessible(director);

  const staff = await (await browser.newContext()).newPage();
  await signInAs(staff, "tech.staff@demo.local");
  await staff.goto("/notifications");
  await expect(staff.getByTestId("notification").filter({ hasText: "KJS-2018-1.5" }).first()).toContainText("收到催办");
  await expectAccessible(staff);

  // Staff cannot open the calendar.
  const response = await staff.goto("/calendar");
  expect(response?.status()).toBe(404);
});
