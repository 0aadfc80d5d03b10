import { expect, test } from "@playwright/test";
import { expectAccessible, newAccount, signInAs } from "../fixtures";

// 我的账户 → 语言与邮件: the language one's mails are written in (the interface follows it, and it is
// kept with the account), and for managers whether the weekly digest is mailed. Then the admin's
// schedule of the digest on /admin/plans. The account is the test's own; the schedule is put back.

test("a manager chooses Traditional mails and turns the digest mail off; both are kept with the account", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const { email, password } = await newAccount(browser, baseURL, "MANAGER");
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, email, password);
  await page.goto("/settings");
  const form = page.getByTestId("preferences-form");
  await expect(page.getByRole("heading", { name: "语言与邮件" })).toBeVisible();
  await expect(form.getByLabel("语言")).toHaveValue("zh-Hans");
  const digest = form.getByLabel("以邮件发送每周督办摘要");
  await expect(digest).toBeChecked();
  await expectAccessible(page);

  await form.getByLabel("语言").selectOption("zh-Hant");
  await digest.uncheck();
  await form.getByRole("button", { name: "保存" }).click();
  // The interface follows the language at once.
  await expect(page.getByRole("heading", { name: "語言與郵件" })).toBeVisible();
  await expect(page.getByTestId("preferences-saved")).toBeVisible();

  // Kept with the account, not only in this browser: a new sign-in elsewhere reads the same.
  const elsewhere = await (await browser.newContext()).newPage();
  await signInAs(elsewhere, email, password);
  await elsewhere.goto("/settings");
  const kept = elsewhere.getByTestId("preferences-form");
  await expect(kept.getByRole("combobox")).toHaveValue("zh-Hant");
  await expect(kept.getByRole("checkbox")).not.toBeChecked();

  // A phone: the form fits the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(page.getByTestId("preferences-form").getByRole("button", { name: "儲存" })).toBeInViewport({ ratio: 1 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test("staff choose their language but have no digest to turn off", async ({ page }) => {
  await signInAs(page, "tech.staff@demo.local");
  await page.goto("/settings");
  const form = page.getByTestId("preferences-form");
  await expect(form.getByLabel("语言")).toBeVisible();
  await expect(form.getByRole("checkbox")).toHaveCount(0);
});

test("the admin moves the weekly digest to Tuesday 09:00 Beijing time, and it stays so", async ({ page }) => {
  await signInAs(page, "admin@demo.local");
  await page.goto("/admin/plans");
  const form = page.getByTestId("digest-schedule-form");
  await expect(page.getByRole("heading", { name: "提醒与每周摘要" })).toBeVisible();
  const weekday = form.getByLabel("每周");
  const hour = form.getByLabel("时间");
  const before = { weekday: await weekday.inputValue(), hour: await hour.inputValue() };
  try {
    await weekday.selectOption({ label: "星期二" });
    await hour.selectOption({ label: "09:00" });
    await form.getByRole("button", { name: "保存" }).click();
    await expect(form.getByTestId("digest-schedule-saved")).toHaveText("已保存。");
    await page.reload();
    await expect(weekday).toHaveValue("2");
    await expect(hour).toHaveValue("9");
    await expectAccessible(page);
  } finally {
    await weekday.selectOption(before.weekday);
    await hour.selectOption(before.hour);
    await form.getByRole("button", { name: "保存" }).click();
    await expect(form.getByTestId("digest-schedule-saved")).toBeVisible();
  }
});
