import { expect, test } from "@playwright/test";
import { expectAccessible, signInAs } from "../fixtures";

// Only this spec reports on KJS-2018-3.3.
const REPORTED = "KJS-2018-3.3";

test("the director filters the initiatives by department and health; the URL keeps the filters", async ({ page }) => {
  await signInAs(page, "director@demo.local");
  await page.goto("/plan");
  await page.getByRole("navigation", { name: "菜单" }).getByRole("link", { name: "任务清单" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "任务清单" })).toBeVisible();
  await expect(page.getByTestId("result-count")).toHaveText(/共 \d+ 项重点工作/);
  await expect(page.getByLabel("年度")).toHaveValue("2018");

  const filters = page.getByTestId("initiative-filters");
  await filters.getByLabel("牵头司局").selectOption("CYZCS");
  await filters.getByLabel("状态", { exact: true }).selectOption("NONE");
  await filters.getByRole("button", { name: "筛选", exact: true }).click();
  await expect(page).toHaveURL(/[?&]department=CYZCS(&|$)/);
  await expect(page).toHaveURL(/[?&]health=NONE(&|$)/);
  const rows = page.getByTestId("initiative-row");
  await expect(rows.first()).toBeVisible();
  const check = async () => {
    for (const row of await rows.all()) {
      await expect(row).toHaveAttribute("data-department", "CYZCS");
      await expect(row).toHaveAttribute("data-health", "NONE");
    }
  };
  await check();
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/lists-initiatives-wide.png", fullPage: true });

  // Reloaded (or shared), the link shows the same list with the same filters selected.
  await page.reload();
  await expect(filters.getByLabel("牵头司局")).toHaveValue("CYZCS");
  await expect(filters.getByLabel("状态", { exact: true })).toHaveValue("NONE");
  await check();

  // Each row leads to its initiative.
  const code = (await rows.first().getAttribute("data-code")) ?? "";
  await rows.first().getByRole("link").click();
  await expect(page.getByTestId("initiative-code")).toHaveText(code);
  await page.goBack();

  await page.getByTestId("clear-filters").click();
  await expect(page).toHaveURL(/\/initiatives$/);
  await expect(filters.getByLabel("牵头司局")).toHaveValue("");
});

test("a search typed in Traditional characters finds the Simplified wording, in the plan and in the reports", async ({ page }) => {
  await signInAs(page, "tech.staff@demo.local");
  await page.goto("/plan");
  await page.locator("li", { hasText: REPORTED }).getByRole("link").click();
  await expect(page.getByTestId("initiative-code")).toHaveText(REPORTED);
  const words = `推进智能制造标准化试点 ${Date.now()}`;
  await page.getByLabel("完成进度（%）").fill("35");
  await page.getByLabel("本期完成工作").fill(words);
  await page.getByRole("button", { name: "提交进展" }).click();
  await expect(page.getByTestId("report-saved")).toBeVisible();

  // The initiative list: 製造 (Traditional) finds the 制造 of the plan's wording and of the report.
  await page.goto(`/initiatives?q=${encodeURIComponent("智能製造標準化")}`);
  await expect(page.getByTestId("initiative-row")).toHaveCount(1);
  await expect(page.getByTestId("initiative-row")).toHaveAttribute("data-code", REPORTED);
  await page.goto("/initiatives");
  await page.getByLabel("搜索").fill("製造");
  await page.getByRole("button", { name: "筛选", exact: true }).click();
  await expect(page).toHaveURL(/q=%E8%A3%BD%E9%80%A0/);
  await expect(page.locator('[data-testid="initiative-row"][data-code="KJS-2018-1.1"]')).toBeVisible();
  // Ranked: the title matches come first, and every row says where it was found.
  await expect(page.getByTestId("initiative-row").first().getByTestId("match")).toHaveText("匹配：标题");
  const places = () => page.getByTestId("match").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-place")));
  // Titles only: the checkbox goes into the URL and keeps the title matches alone.
  await page.getByLabel("只查编号和标题（不含原文和进展报告）").check();
  await page.getByRole("button", { name: "筛选", exact: true }).click();
  await expect(page).toHaveURL(/in=titles/);
  await expect(page.getByLabel("只查编号和标题（不含原文和进展报告）")).toBeChecked();
  await expect(page.locator('[data-testid="initiative-row"][data-code="KJS-2018-1.3"]')).toBeVisible();
  expect(new Set(await places())).toEqual(new Set(["title"]));

  // The reports: the search in Traditional finds the report written in Simplified.
  await page.getByRole("navigation", { name: "菜单" }).getByRole("link", { name: "进展报告" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "进展报告" })).toBeVisible();
  await page.getByLabel("搜索").fill("智能製造標準化試點");
  await page.getByRole("button", { name: "筛选", exact: true }).click();
  await expect(page).toHaveURL(/\/updates\?.*q=/);
  const found = page.getByTestId("update-row");
  await expect(found).toHaveCount(1);
  await expect(found.getByTestId("update-work-done")).toHaveText(words);
  await expect(found).toHaveAttribute("data-initiative", REPORTED);
  await expect(found.getByTestId("update-status")).toHaveText("待审核");
  await expect(page.getByTestId("result-count")).toHaveText("共 1 条进展报告");
  await expectAccessible(page);

  // One character is too little to search a million reports: said next to the box, the text stays.
  await page.getByLabel("搜索").fill("製");
  await page.getByRole("button", { name: "筛选", exact: true }).click();
  await expect(page.getByTestId("filter-error-q")).toHaveText("请至少输入两个字（或两个字母、数字）。");
  await expect(page.getByLabel("搜索")).toHaveValue("製");
});

test("a hand-edited link says what is wrong next to the filter, and both lists read well on a phone", async ({ page }) => {
  await signInAs(page, "director@demo.local");
  await page.goto("/initiatives?light=BLUE&overdue=yes&departmnet=KJS");
  await expect(page.getByTestId("filter-error-light")).toHaveText("督办灯只有红、黄、绿三种。");
  await expect(page.getByTestId("filter-error-overdue")).toBeVisible();
  await expect(page.getByLabel("督办灯")).toHaveValue("BLUE");
  await expect(page.getByTestId("unknown-params")).toContainText("departmnet");
  await expect(page.getByTestId("list-invalid")).toBeVisible();
  await expectAccessible(page);

  await page.goto("/updates?period=2018-13");
  await expect(page.getByTestId("filter-error-period")).toHaveText("报告期格式为 年-月，例如 2018-06。");
  await expect(page.getByLabel("报告期")).toHaveValue("2018-13");

  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto("/initiatives?light=RED");
  await expect(page.getByTestId("initiative-row").first()).toBeVisible();
  for (const row of await page.getByTestId("initiative-row").all()) await expect(row).toHaveAttribute("data-light", "RED");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.screenshot({ path: "test-results/lists-initiatives-375.png", fullPage: true });

  await page.goto("/updates");
  await expect(page.getByTestId("result-count")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.screenshot({ path: "test-results/lists-updates-375.png", fullPage: true });
});
