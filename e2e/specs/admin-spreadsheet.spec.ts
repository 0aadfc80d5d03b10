import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import ExcelJS from "exceljs";
import { expectAccessible, signInAs } from "../fixtures";

// The year this spec imports, and no other spec uses. It lies before the seeded 2017 record on
// purpose: /plan opens on the newest year, which other specs running alongside expect to be 2018.
const YEAR = 2016;
const PAGE = "/admin/plans/import-spreadsheet";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

type Cell = string | number | Date | null;

/** The downloaded template with these rows typed into its Plan sheet. */
async function filled(template: Buffer, rows: Cell[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(template as unknown as ExcelJS.Buffer);
  const sheet = book.getWorksheet("计划 Plan");
  if (!sheet) throw new Error("the template has no Plan sheet");
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function upload(page: Page, name: string, buffer: Buffer) {
  await page.getByLabel("计划文件").setInputFiles({ name, mimeType: XLSX, buffer });
  await page.getByRole("button", { name: "检查并导入" }).click();
}

test("an admin downloads the template, sees every error of a faulty file, then imports a plan", async ({ page }) => {
  // Three uploads and five pages in one story: more than the default 30 seconds on a busy machine.
  test.slow();
  await signInAs(page, "admin@demo.local");
  await page.goto(PAGE);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("从电子表格导入年度计划");
  await expectAccessible(page);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "下载模板（.xlsx）" }).click()]);
  expect(download.suggestedFilename()).toBe("年度工作计划导入模板.xlsx");
  const template = await readFile(await download.path());
  const response = await page.request.get(`${PAGE}/template`);
  expect(response.headers()["content-type"]).toBe(XLSX);
  expect(response.headers()["content-disposition"]).toContain(`filename*=UTF-8''${encodeURIComponent("年度工作计划导入模板.xlsx")}`);

  // A file with two mistakes: both are listed with their row and column, and nothing is imported.
  const faulty = await filled(template, [
    ["NOPE", YEAR, 1, "推进制造业创新", 1, "建设创新中心", "建设2家左右创新中心。", 2, "家", "是", `${YEAR}-12-31`, null],
    ["KJS", YEAR, 1, "推进制造业创新", 2, "制定标准", "制定重点领域标准。", null, null, null, `${YEAR}-02-30`, null],
  ]);
  await upload(page, "有错误的计划.xlsx", faulty);
  await expect(page.getByTestId("import-failed")).toHaveText("未导入任何内容：发现 2 处错误，请修改文件后重新上传。");
  const errors = page.getByTestId("import-error");
  await expect(errors).toHaveCount(2);
  await expect(errors.nth(0).getByTestId("import-error-row")).toHaveText("2");
  await expect(errors.nth(0).getByTestId("import-error-column")).toHaveText("部门代码 (A2)");
  await expect(errors.nth(0).getByTestId("import-error-message")).toContainText("没有代码为“NOPE”的司局");
  await expect(errors.nth(1).getByTestId("import-error-row")).toHaveText("3");
  await expect(errors.nth(1).getByTestId("import-error-column")).toHaveText("截止日期 (K3)");
  await expect(errors.nth(1).getByTestId("import-error-message")).toHaveText("不是有效日期，请按 YYYY-MM-DD 填写，如 2031-12-31。");
  await expectAccessible(page);

  // The corrected file goes in whole.
  const valid = await filled(template, [
    ["KJS", YEAR, 1, "推进制造业创新", 1, "建设创新中心", "建设2家左右创新中心。", 2, "家", "是", new Date(Date.UTC(YEAR, 11, 31)), "CYZCS"],
    ["KJS", YEAR, 1, "推进制造业创新", 2, "制定标准", "制定重点领域标准。", null, null, null, `${YEAR}-06-30`, null],
  ]);
  await upload(page, "计划.xlsx", valid);
  await expect(page.getByTestId("import-summary")).toHaveText("已导入 1 份计划、2 项重点工作。");
  await expect(page.getByTestId("import-error")).toHaveCount(0);
  await expectAccessible(page);

  await page.getByRole("link", { name: `查看 ${YEAR} 年计划` }).click();
  await expect(page).toHaveURL(new RegExp(`/plan\\?year=${YEAR}&department=KJS$`));
  const plan = page.getByTestId("department-KJS");
  await expect(plan.getByTestId(`theme-KJS-${YEAR}-1`)).toContainText("推进制造业创新");
  await expect(plan).toContainText(`KJS-${YEAR}-1.1`);
  await expect(plan).toContainText(`KJS-${YEAR}-1.2`);
  await expect(plan.getByRole("link", { name: "建设创新中心" })).toBeVisible();
  await expectAccessible(page);

  // The same file again: the plan exists now, and the import says so.
  await page.goto(PAGE);
  await upload(page, "计划.xlsx", valid);
  await expect(page.getByTestId("import-error-message")).toHaveText(`KJS 的 ${YEAR} 年计划已经存在，不能再次导入。`);
});

test("a file that is not a workbook is refused next to the field", async ({ page }) => {
  await signInAs(page, "admin@demo.local");
  await page.goto(PAGE);
  await page.getByLabel("计划文件").setInputFiles({ name: "plan.xlsx", mimeType: XLSX, buffer: Buffer.from("just text, renamed") });
  await page.getByRole("button", { name: "检查并导入" }).click();
  await expect(page.getByTestId("file-error")).toContainText("这不是 .xlsx 文件");
  await expect(page.getByLabel("计划文件")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
});

test("for anyone but an admin the page and the template do not exist", async ({ page }) => {
  await signInAs(page, "director@demo.local");
  expect((await page.request.get(`${PAGE}/template`)).status()).toBe(404);
  const response = await page.goto(PAGE);
  expect(response?.status()).toBe(404);
});
