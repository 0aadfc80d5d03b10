import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signInAs } from "../fixtures";

// Only this spec touches KJS-2018-3.5.
const CODE = "KJS-2018-3.5";

async function openInitiative(page: Page, code: string) {
  // A ministry-wide viewer's plan lists the departments; the department's plan lists its initiatives.
  await page.goto(`/plan?department=${code.split("-")[0]}`);
  await page.locator("li", { hasText: code }).getByRole("link").click();
  await expect(page.getByTestId("initiative-code")).toHaveText(code);
}

test("staff ask for an extension, the director approves it, and the page shows both due dates", async ({ browser }) => {
  const admin = await (await browser.newContext()).newPage();
  const staff = await (await browser.newContext()).newPage();
  const director = await (await browser.newContext()).newPage();
  await signInAs(admin, "admin@demo.local");
  await signInAs(staff, "tech.staff@demo.local");
  await signInAs(director, "director@demo.local");

  // The seeded plan's due dates have long passed: give the initiative one in the future first.
  await admin.goto("/admin/plans");
  await admin.getByRole("link", { name: "管理 KJS 2018 年计划" }).click();
  await admin.getByRole("link", { name: `编辑 ${CODE}`, exact: true }).click();
  await admin.locator("#initiative-due").fill("2099-06-30");
  await admin.getByRole("button", { name: "保存" }).click();
  await expect(admin.getByTestId("initiative-saved")).toBeVisible();

  await openInitiative(staff, CODE);
  const section = staff.getByTestId("extensions");
  await expect(section.getByTestId("extensions-current-due")).toHaveText("2099年6月30日");
  await expect(section.getByTestId("extensions-none")).toBeVisible();
  await expectAccessible(staff);

  // Without a reason: the error is next to the field, and the date typed stays.
  await section.getByLabel("申请延至").fill("2099-12-31");
  await section.getByRole("button", { name: "提交延期申请" }).click();
  await expect(section.getByTestId("extension-reason-error")).toHaveText("请填写延期理由");
  await expect(section.getByLabel("延期理由")).toHaveAttribute("aria-invalid", "true");
  await expect(section.getByLabel("申请延至")).toHaveValue("2099-12-31");
  await expectAccessible(staff);

  const reason = `设备延迟到货 ${Date.now()}`;
  await section.getByLabel("延期理由").fill(reason);
  await section.getByRole("button", { name: "提交延期申请" }).click();
  await expect(section.getByTestId("extension-submitted")).toBeVisible();
  await staff.reload();
  const request = staff.getByTestId("extension-request").filter({ hasText: reason });
  await expect(request.getByTestId("extension-status")).toHaveText("待审批");
  await expect(staff.getByTestId("extension-form")).toHaveCount(0);

  // The director decides on /review: refusing needs a comment; approving moves the due date.
  await director.goto("/review");
  const pending = director.getByTestId("pending-extension").filter({ hasText: reason });
  await expect(pending).toContainText(CODE);
  await expectAccessible(director);
  await pending.getByRole("button", { name: "不批准" }).click();
  await expect(pending.getByTestId("extension-comment-error")).toHaveText("不批准时必须填写意见");
  await pending.getByRole("button", { name: "批准延期" }).click();
  await expect(pending.getByTestId("extension-decided")).toHaveText("已批准延期。");

  await staff.reload();
  await expect(staff.getByTestId("due-date")).toContainText("2099年12月31日");
  await expect(staff.getByTestId("original-due-date")).toContainText("原定 2099年6月30日");
  await expect(staff.getByTestId("extensions-original-due")).toHaveText("2099年6月30日");
  await expect(staff.getByTestId("extension-request").filter({ hasText: reason }).getByTestId("extension-status")).toHaveText("已批准");
  await expectAccessible(staff);
});
