import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signInAs } from "../fixtures";

// The monthly report leadership reads: picked on /reports, printed from the print view (rendered to
// PDF by Chromium here), and downloaded as Word, Excel and CSV with names that carry scope and month.
const artifacts = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "artifacts");

async function download(page: Page, testId: string) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  const saved = await file.path();
  return { name: file.suggestedFilename(), body: readFileSync(saved) };
}

test("the director prints the whole ministry's 2018-06 report and downloads it in each format", async ({ page, context }, testInfo) => {
  await signInAs(page, "director@demo.local");
  await page.goto("/reports");
  await expect(page.getByRole("heading", { level: 1, name: "工作报告" })).toBeVisible();
  await page.getByLabel("报告期").selectOption("2018-06");
  await page.getByLabel("范围").selectOption("");
  await page.getByRole("button", { name: "查看" }).click();
  await expect(page).toHaveURL(/period=2018-06/);
  const summary = page.getByTestId("report-summary");
  await expect(summary.getByRole("rowheader", { name: "产业政策司", exact: true })).toBeVisible();
  await expect(summary.getByRole("rowheader", { name: "科技司", exact: true })).toBeVisible();
  await expect(summary.getByRole("rowheader", { name: "合计", exact: true })).toBeVisible();
  await expectAccessible(page);

  await test.step("the print view is a document of several A4 pages, without the app's navigation", async () => {
    const href = await page.getByTestId("report-print").getAttribute("href");
    const print = await context.newPage();
    await print.goto(href ?? "");
    await expect(print.getByRole("heading", { level: 1, name: "工作进展月报" })).toBeVisible();
    await expect(print.getByRole("heading", { level: 2, name: "科技司", exact: true })).toBeVisible();
    await print.emulateMedia({ media: "print" });
    await expect(print.locator("nav.toolbar")).toBeHidden();
    const pdf = await print.pdf({ format: "A4", displayHeaderFooter: false });
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThan(1);
    mkdirSync(artifacts, { recursive: true });
    const first = await print.screenshot({ path: path.join(artifacts, "monthly-report-print.png") });
    await testInfo.attach("monthly report, first page", { body: first, contentType: "image/png" });
    await testInfo.attach("monthly report", { body: pdf, contentType: "application/pdf" });
    await print.close();
  });

  await test.step("Word, Excel and CSV download under names with scope and month", async () => {
    const docx = await download(page, "report-docx");
    expect(docx.name).toBe("工作进展月报-全部-2018-06.docx");
    expect(docx.body.subarray(0, 2).toString()).toBe("PK");
    const xlsx = await download(page, "report-xlsx");
    expect(xlsx.name).toBe("工作进展月报-全部-2018-06.xlsx");
    expect(xlsx.body.subarray(0, 2).toString()).toBe("PK");
    const csv = await download(page, "report-csv");
    expect(csv.name).toBe("工作进展月报-全部-2018-06.csv");
    const text = csv.body.toString("utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain("科技司");
  });
});

test("a department manager gets their own department by default; another department is not theirs", async ({ page }) => {
  await signInAs(page, "policy.lead@demo.local");
  await page.goto("/reports?period=2018-06");
  await expect(page.getByLabel("范围")).toHaveValue("CYZCS");
  const summary = page.getByTestId("report-summary");
  await expect(summary.getByRole("rowheader", { name: "产业政策司", exact: true })).toBeVisible();
  await expect(summary.getByRole("rowheader", { name: "科技司", exact: true })).toHaveCount(0);
  expect((await page.request.get("/api/v1/reports/monthly?period=2018-06&department=KJS&format=csv")).status()).toBe(404);

  // The department's year-end draft, in Word and as text the plan import reads.
  await page.getByTestId("annual-form").getByLabel("年度").selectOption("2018");
  const docx = await download(page, "annual-docx");
  expect(docx.name).toBe("產業政策司2018年工作總結和2019年工作計劃（初稿）.docx");
  const txt = await download(page, "annual-txt");
  expect(txt.name).toBe("產業政策司2018年工作總結和2019年工作計劃（初稿）.txt");
  const lines = txt.body.toString("utf8").replace(/^\uFEFF/, "").split("\n");
  expect(lines[1]).toBe("2018年重點工作情況");
  expect(lines).toContain("2019年工作計劃");
  await expect(page).toHaveURL(/\/reports/);
  // A month that is not one: the message is next to the field, the page still works.
  await page.goto("/reports?period=2018-13&department=CYZCS");
  await expect(page.locator("#report-period-error")).toHaveText("请选择报告期（年月）。");
});

test("on a phone the reports page fits the screen", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await signInAs(page, "director@demo.local");
  await page.goto("/reports?period=2018-06&department=");
  await expect(page.getByTestId("report-downloads")).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, "reports-phone.png"), fullPage: true });
});

test("the lists export what they show, with their filters, as Excel and CSV", async ({ page }) => {
  await signInAs(page, "director@demo.local");
  await page.goto("/initiatives?department=KJS");
  const href = await page.getByTestId("export-csv").getAttribute("href");
  expect(href).toContain("department=KJS");
  expect(href).toContain("year=2018");
  const csv = await download(page, "export-csv");
  expect(csv.name).toMatch(/^任务清单-\d{8}-\d{4}\.csv$/);
  const lines = csv.body.toString("utf8").replace(/^\uFEFF/, "").trimEnd().split("\r\n");
  expect(lines[0]?.startsWith("编号,牵头司局")).toBe(true);
  expect(lines).toHaveLength(1 + 15);
  expect(lines.slice(1).every((l) => l.startsWith("KJS-2018-"))).toBe(true);
  const xlsx = await download(page, "export-xlsx");
  expect(xlsx.name).toMatch(/^任务清单-\d{8}-\d{4}\.xlsx$/);
  expect(xlsx.body.subarray(0, 2).toString()).toBe("PK");

  await page.goto("/updates");
  const updates = await download(page, "export-csv");
  expect(updates.name).toMatch(/^进展报告-/);
  expect(updates.body.toString("utf8").replace(/^\uFEFF/, "").split("\r\n")[0]).toMatch(/^报告期,任务编号/);
  // Filters that are not valid: no export link, and the route answers 400.
  expect((await page.request.get("/updates/export?format=csv&sort=sideways")).status()).toBe(400);
});
