import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signInAs } from "../fixtures";

// Each test imports into a department of its own (TESTKJ + a random suffix), so reruns and tests
// running side by side never clash, and the demo departments stay as they are.

const SOURCE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../prisma/seed/work-report-2017-2018.zh-Hant.txt");

/** 科技司's part of the source document: from its heading line to the end. */
function techText(): string {
  const lines = readFileSync(SOURCE, "utf8").split("\n");
  return lines.slice(lines.findIndex((l) => l.startsWith("科技司"))).join("\n");
}

function newCode(): string {
  return `TESTKJ${randomBytes(3).toString("hex").toUpperCase()}`;
}

async function startImport(page: Page, code: string, text: string) {
  await page.goto("/admin/plans/import");
  await page.getByLabel("司局", { exact: true }).selectOption({ label: "新建司局…" });
  await page.getByLabel("代码", { exact: true }).fill(code);
  await page.getByLabel("名称（简体）").fill(`测试科技司${code}`);
  await page.getByLabel("名称（繁体）").fill(`測試科技司${code}`);
  await page.getByLabel("名称（英文）").fill(`Test Department ${code}`);
  await page.getByLabel("报告文本").fill(text);
  await page.getByRole("button", { name: "预览" }).click();
}

test("the admin imports a plan from pasted text, corrects a title, and finds it on the annual plan", async ({ page }) => {
  const code = newCode();
  const title = `更正后的标题 ${code}`;
  await signInAs(page, "admin@demo.local");
  await page.goto("/admin/plans");
  await expectAccessible(page);
  await page.getByTestId("import-text-link").click();
  await expect(page.getByRole("heading", { name: "从报告文本导入计划" })).toBeVisible();

  await startImport(page, code, techText());
  const preview = page.getByTestId("import-preview");
  await expect(preview).toBeVisible();
  await expect(preview).toContainText("文本中的司局：科技司");
  // The record and the plan, each initiative with its code, wording and target.
  await expect(page.getByTestId("preview-plan-2017").locator("tbody tr")).toHaveCount(5);
  await expect(page.getByTestId("preview-plan-2018").locator("tbody tr")).toHaveCount(3 + 15);
  const first = page.getByTestId("preview-row-2018-1.1");
  await expect(first).toContainText(`${code}-2018-1.1`);
  await expect(first).toContainText("建設3家左右國家制造業創新中心");
  await expect(first.getByLabel(`目标数值 ${code}-2018-1.1`)).toHaveValue("3");
  await expect(first.getByLabel(`目标单位 ${code}-2018-1.1`)).toHaveValue("家");
  await expectAccessible(page);

  // Nothing is written before the commit: the department does not exist yet.
  const other = await page.context().newPage();
  await other.goto("/admin/departments");
  await expect(other.getByTestId("department-list")).toBeVisible();
  await expect(other.getByTestId(`department-row-${code}`)).toHaveCount(0);
  await other.close();

  await page.getByLabel(`标题 ${code}-2018-1.1`, { exact: true }).fill(title);
  await page.getByTestId("import-commit").click();
  await expect(page.getByTestId("import-committed")).toContainText(`已导入 ${code} 的 2018 年计划`);

  await expect(async () => {
    await page.goto("/plan?year=2018");
    await expect(page.locator(`[data-testid="plan-summary-row"][data-department="${code}"]`)).toContainText(`测试科技司${code}`);
  }).toPass();
  await page.getByRole("link", { name: `查看测试科技司${code}的计划` }).click();
  const section = page.getByTestId(`department-${code}`);
  await expect(section.getByRole("heading", { level: 2 })).toHaveText(`测试科技司${code}`);
  await expect(section.locator("li", { hasText: `${code}-2018-1.1` })).toContainText(title);
  await expect(section.locator('a[href^="/initiatives/"]')).toHaveCount(15);
  await expect(section.locator("li", { hasText: `${code}-2018-1.2` })).toContainText("推进国家技术创新示范企业工作");
  await expectAccessible(page);
});

test("a paste of garbage shows the error next to the text box and keeps the text", async ({ page }) => {
  const garbage = "这不是一份工作报告\n只是随手写的几行字";
  await signInAs(page, "admin@demo.local");
  await startImport(page, newCode(), garbage);
  const error = page.getByTestId("import-text-error");
  await expect(error).toContainText("第 1 行");
  await expect(error).toContainText("看不出这是哪个司局的报告");
  const box = page.getByLabel("报告文本");
  await expect(box).toHaveValue(garbage);
  await expect(box).toHaveAttribute("aria-invalid", "true");
  await expect(box).toHaveAttribute("aria-describedby", /import-text-error/);
  await expect(page.getByTestId("import-preview")).toHaveCount(0);
  await expectAccessible(page);

  // The whole source holds two departments: the line where the second begins is named.
  await page.getByLabel("报告文本").fill(readFileSync(SOURCE, "utf8"));
  await page.getByRole("button", { name: "预览" }).click();
  await expect(error).toContainText("第 12 行");
  await expect(error).toContainText("请一次只粘贴一个司局的报告");
});

test("a second import of a year is refused; a department rename shows on the annual plan", async ({ page }) => {
  const code = newCode();
  await signInAs(page, "admin@demo.local");
  await startImport(page, code, techText());
  await page.getByTestId("import-commit").click();
  await expect(page.getByTestId("import-committed")).toBeVisible();

  // A second import of the same year for that department is refused, and says so.
  await page.goto("/admin/plans/import");
  await page.getByLabel("司局", { exact: true }).selectOption({ label: `${code} · 测试科技司${code}` });
  await page.getByLabel("报告文本").fill(techText());
  await page.getByRole("button", { name: "预览" }).click();
  await expect(page.getByTestId("import-preview")).toContainText("该司局已有 2017、2018 年的计划");
  await page.getByTestId("import-commit").click();
  await expect(page.getByTestId("import-error")).toContainText("该司局已有 2017、2018 年的计划，不能重复导入");

  await page.goto("/admin/departments");
  await expectAccessible(page);
  await page.getByTestId(`department-row-${code}`).getByRole("link", { name: `编辑司局 ${code}` }).click();
  await expect(page.getByRole("heading", { name: `司局 ${code}` })).toBeVisible();
  const editPage = page.url();
  await expectAccessible(page);
  const renamed = `更名科技司${code}`;
  await page.getByLabel("名称（简体）").fill(renamed);
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByTestId("department-saved")).toHaveText("已保存。");

  await page.goto(`/plan?year=2018&department=${code}`);
  await expect(page.getByTestId(`department-${code}`).getByRole("heading", { level: 2 })).toHaveText(renamed);
  // A code that is taken is refused next to the field, and what was typed stays.
  await page.goto(editPage);
  await expect(page.getByRole("heading", { name: `司局 ${code}` })).toBeVisible();
  await page.getByLabel("代码", { exact: true }).fill("KJS");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByTestId("error-department-code")).toHaveText("此代码已被其他司局使用。");
  await expect(page.getByLabel("代码", { exact: true })).toHaveValue("KJS");
  await expect(page.getByLabel("代码", { exact: true })).toHaveAttribute("aria-invalid", "true");
});
