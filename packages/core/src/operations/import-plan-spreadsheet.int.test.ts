import { prisma } from "@workplan/db";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSeed } from "../../../../prisma/seed/run-seed";
import { PLAN_HEADERS } from "../rules/plan-spreadsheet";
import type { Viewer } from "../rules/policy";
import {
  DATA_SHEET,
  importPlanSpreadsheet,
  INSTRUCTIONS_SHEET,
  planTemplateFor,
  type ImportSpreadsheetResult,
} from "./import-plan-spreadsheet";
import { newUser, refusal, viewer } from "../testing/progress-testing";

// Years no other test uses; everything made here is removed afterwards (audit events stay: they
// are append-only).
const YEAR = 2031;
const TEMPLATE_YEAR = 2032;
const LARGE_YEAR = 2034;

type Cell = string | number | Date | null;

async function workbook(rows: Cell[][], header: readonly string[] | null = PLAN_HEADERS): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(DATA_SHEET);
  if (header) sheet.addRow([...header]);
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

const file = (bytes: Uint8Array, name = "计划.xlsx") => ({ name, bytes });

async function counts() {
  const [plans, themes, initiatives, cooperations, audits] = await Promise.all([
    prisma.workPlan.count(),
    prisma.theme.count(),
    prisma.initiative.count(),
    prisma.initiativeCooperation.count(),
    prisma.auditEvent.count({ where: { action: { startsWith: "plan." } } }),
  ]);
  return { plans, themes, initiatives, cooperations, audits };
}

function errorsOf(result: ImportSpreadsheetResult) {
  if (result.ok) throw new Error("expected errors, but the import succeeded");
  return result.errors;
}

describe("importing a plan from a spreadsheet", () => {
  let admin: Viewer;

  beforeAll(async () => {
    await runSeed({ demo: true });
    admin = await viewer("admin@demo.local");
  });
  afterAll(async () => {
    await prisma.workPlan.deleteMany({ where: { year: { in: [YEAR, TEMPLATE_YEAR, LARGE_YEAR] } } });
    await prisma.$disconnect();
  });

  it("imports a valid workbook in one go: codes, targets, co-operations, roll-ups and one audit event", async () => {
    const before = await counts();
    const bytes = await workbook([
      ["KJS", YEAR, 1, "著力推進中國制造向中國創造轉變", 1, "建設創新中心", "建設3家左右國家制造業創新中心。", 3, "家", "是", new Date(Date.UTC(YEAR, 11, 31)), "CYZCS"],
      // numbers typed as text, a date typed as text, an empty row after
      ["KJS", String(YEAR), "1", "著力推進中國制造向中國創造轉變", "2", "發布技術路線圖", "發布重點領域技術路線圖。", "1,200", "項", "否", `${YEAR}/6/30`, null],
      [null, null, null, null, null, null, null, null, null, null, null, null],
      ["KJS", YEAR, 2, "推進綠色製造", 1, "綠色工廠", "創建綠色工廠100家以上。", 100, "家", "是", null, "cyzcs"],
      ["KJS", YEAR, null, null, 3, "其他工作", "完成其他重點工作。", null, null, null, null, null],
      ["CYZCS", YEAR, null, null, 1, "產業政策", "制定產業政策。", null, null, null, "2032-03-31", "KJS"],
    ]);

    const result = await importPlanSpreadsheet(admin, file(bytes), { ip: "10.9.8.7" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.counts).toEqual({ plans: 2, themes: 2, initiatives: 5, cooperations: 3 });
    expect(result.plans.map((p) => [p.departmentCode, p.year, p.initiatives])).toEqual([
      ["KJS", YEAR, 4],
      ["CYZCS", YEAR, 1],
    ]);

    const plan = await prisma.workPlan.findFirstOrThrow({
      where: { year: YEAR, department: { code: "KJS" } },
      select: {
        status: true,
        heading: true,
        initiativeCount: true,
        progress: true,
        sourceDocument: true,
        themes: { orderBy: { ordinal: "asc" }, select: { code: true, title: true, initiativeCount: true } },
        initiatives: {
          orderBy: { code: "asc" },
          select: {
            code: true,
            title: true,
            targetValue: true,
            targetUnit: true,
            targetApproximate: true,
            dueDate: true,
            themeId: true,
            cooperations: { select: { department: { select: { code: true } } } },
          },
        },
      },
    });
    expect(plan).toMatchObject({ status: "ACTIVE", heading: `${YEAR}年工作計劃`, initiativeCount: 4, progress: 0 });
    expect(plan.sourceDocument).toContain("建設3家左右國家制造業創新中心。");
    expect(plan.themes).toEqual([
      { code: `KJS-${YEAR}-1`, title: "著力推進中國制造向中國創造轉變", initiativeCount: 2 },
      { code: `KJS-${YEAR}-2`, title: "推進綠色製造", initiativeCount: 1 },
    ]);
    expect(
      plan.initiatives.map((i) => [
        i.code,
        i.targetValue?.toNumber() ?? null,
        i.targetUnit,
        i.targetApproximate,
        i.dueDate.toISOString().slice(0, 10),
        i.cooperations.map((c) => c.department.code),
      ]),
    ).toEqual([
      [`KJS-${YEAR}-1.1`, 3, "家", true, `${YEAR}-12-31`, ["CYZCS"]],
      [`KJS-${YEAR}-1.2`, 1200, "項", false, `${YEAR}-06-30`, []],
      [`KJS-${YEAR}-2.1`, 100, "家", true, `${YEAR}-12-31`, ["CYZCS"]],
      [`KJS-${YEAR}-3`, null, null, false, `${YEAR}-12-31`, []],
    ]);
    expect(plan.initiatives.find((i) => i.code === `KJS-${YEAR}-3`)?.themeId).toBeNull();
    const policy = await prisma.initiative.findUniqueOrThrow({
      where: { code: `CYZCS-${YEAR}-1` },
      select: { dueDate: true, plan: { select: { initiativeCount: true } }, cooperations: { select: { department: { select: { code: true } } } } },
    });
    expect(policy.dueDate.toISOString().slice(0, 10)).toBe("2032-03-31");
    expect(policy.plan.initiativeCount).toBe(1);
    expect(policy.cooperations.map((c) => c.department.code)).toEqual(["KJS"]);

    const after = await counts();
    expect(after).toEqual({
      plans: before.plans + 2,
      themes: before.themes + 2,
      initiatives: before.initiatives + 5,
      cooperations: before.cooperations + 3,
      audits: before.audits + 1,
    });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "plan.imported_spreadsheet" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ actorId: admin.id, ip: "10.9.8.7" });
    expect(audit.after).toMatchObject({ fileName: "计划.xlsx", plans: expect.any(Array), themes: 2, initiatives: 5, cooperations: 3 });

    // The same file again: those plans exist now; nothing more is written.
    const again = errorsOf(await importPlanSpreadsheet(admin, file(bytes)));
    expect(again.map((e) => [e.row, e.column, e.key])).toEqual([
      [2, "year", "plan.exists"],
      [7, "year", "plan.exists"],
    ]);
    expect(await counts()).toEqual(after);
  });

  it("lists every error (three rows, three columns) and writes nothing", async () => {
    const before = await counts();
    const bytes = await workbook([
      ["KJS", 2030 + 9, 1, "主題", 1, "一", "第一項。", null, null, null, null, null],
      ["NOPE", 2039, 1, "主題", 2, "二", "第二項。", null, null, null, null, null],
      ["KJS", 2039, 1, "主題", 3, "三", "第三項。", "three", "家", null, null, null],
      ["KJS", 2039, 1, "主題", 4, "四", "第四項。", null, null, null, "2038-12-31", null],
    ]);
    const errors = errorsOf(await importPlanSpreadsheet(admin, file(bytes)));
    expect(errors).toEqual([
      { row: 3, column: "departmentCode", key: "department.unknown", params: { code: "NOPE" }, cell: "A3" },
      { row: 4, column: "target", key: "target.invalid", cell: "H4" },
      { row: 5, column: "dueDate", key: "dueDate.beforeYear", params: { year: 2039 }, cell: "K5" },
    ]);
    expect(await counts()).toEqual(before);
  });

  it("reports a missing header row, a file that is no workbook, and too many rows", async () => {
    const noHeader = await workbook([["KJS", YEAR, 1, "主題", 1, "一", "第一項。", null, null, null, null, null]], null);
    expect(errorsOf(await importPlanSpreadsheet(admin, file(noHeader)))).toEqual([{ row: 1, column: null, key: "header.notFound" }]);

    const wrongHeader = await workbook([], PLAN_HEADERS.map((h, i) => (i === 10 ? "到期日" : h)));
    expect(errorsOf(await importPlanSpreadsheet(admin, file(wrongHeader))).map((e) => [e.row, e.column, e.key])).toEqual([
      [1, null, "header.unknown"],
      [1, "dueDate", "header.missing"],
    ]);

    const pdf = new TextEncoder().encode("%PDF-1.4\n%%EOF\n");
    expect(errorsOf(await importPlanSpreadsheet(admin, file(pdf, "plan.xlsx")))).toEqual([{ row: null, column: null, key: "file.notXlsx" }]);

    const many = await workbook(Array.from({ length: 2001 }, (_, i) => ["KJS", 2040, null, null, i + 1, "項", "工作。", null, null, null, null, null]));
    expect(errorsOf(await importPlanSpreadsheet(admin, file(many))).map((e) => e.key)).toEqual(["rows.tooMany"]);

    expect(errorsOf(await importPlanSpreadsheet(admin, file(await workbook([]))))).toEqual([{ row: null, column: null, key: "rows.none" }]);
  });

  it("round-trips its own template: download, fill two rows, import", async () => {
    const template = await planTemplateFor(admin);
    expect(template.fileName).toMatch(/\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(template.bytes as unknown as ExcelJS.Buffer);
    expect(book.worksheets.map((s) => s.name)).toEqual([DATA_SHEET, INSTRUCTIONS_SHEET, "部门代码 Departments"]);
    const sheet = book.getWorksheet(DATA_SHEET);
    if (!sheet) throw new Error("no Plan sheet");
    expect(sheet.getRow(1).values).toEqual([undefined, ...PLAN_HEADERS]);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.actualRowCount).toBe(1);
    const instructions = book.getWorksheet(INSTRUCTIONS_SHEET);
    const text: string[] = [];
    instructions?.eachRow((row) => row.eachCell((cell) => text.push(String(cell.value))));
    expect(text.join("\n")).toContain("示例");
    expect(text.join("\n")).toContain("Examples");
    const departments = book.getWorksheet("部门代码 Departments");
    expect(departments?.getColumn(1).values).toEqual(expect.arrayContaining(["KJS", "CYZCS"]));

    sheet.addRow(["KJS", TEMPLATE_YEAR, 1, "推進製造業創新", 1, "創新中心", "建設2家創新中心。", 2, "家", "否", new Date(Date.UTC(TEMPLATE_YEAR, 8, 30)), "CYZCS"]);
    sheet.addRow(["KJS", TEMPLATE_YEAR, 1, "推進製造業創新", 2, "標準", "制定標準。", null, null, null, null, null]);
    const filled = new Uint8Array(await book.xlsx.writeBuffer());
    const result = await importPlanSpreadsheet(admin, file(filled, template.fileName));
    expect(result.ok ? result.counts : result.errors).toEqual({ plans: 1, themes: 1, initiatives: 2, cooperations: 1 });
    const items = await prisma.initiative.findMany({ where: { plan: { year: TEMPLATE_YEAR } }, orderBy: { code: "asc" }, select: { code: true, dueDate: true } });
    expect(items.map((i) => [i.code, i.dueDate.toISOString().slice(0, 10)])).toEqual([
      [`KJS-${TEMPLATE_YEAR}-1.1`, `${TEMPLATE_YEAR}-09-30`],
      [`KJS-${TEMPLATE_YEAR}-1.2`, `${TEMPLATE_YEAR}-12-31`],
    ]);
  });

  it("imports the most rows a file may hold in one transaction", async () => {
    const rows: Cell[][] = Array.from({ length: 2000 }, (_, i) => [
      "CYZCS",
      LARGE_YEAR,
      Math.floor(i / 100) + 1,
      `主題 ${Math.floor(i / 100) + 1}`,
      (i % 100) + 1,
      `工作 ${i + 1}`,
      `完成第 ${i + 1} 項工作。`,
      i + 1,
      "項",
      "否",
      null,
      i % 2 === 0 ? "KJS" : null,
    ]);
    const started = Date.now();
    const result = await importPlanSpreadsheet(admin, file(await workbook(rows)));
    expect(result.ok ? result.counts : result.errors).toEqual({ plans: 1, themes: 20, initiatives: 2000, cooperations: 1000 });
    expect(Date.now() - started).toBeLessThan(30_000);
    const plan = await prisma.workPlan.findFirstOrThrow({ where: { year: LARGE_YEAR }, select: { initiativeCount: true } });
    expect(plan.initiativeCount).toBe(2000);
  });

  it("is refused to anyone but an admin, as if it did not exist", async () => {
    const before = await counts();
    const bytes = await workbook([["KJS", 2045, null, null, 1, "一", "第一項。", null, null, null, null, null]]);
    const staff = await newUser("sheet", "STAFF", "KJS");
    for (const who of [staff, await viewer("director@demo.local"), await viewer("policy.lead@demo.local")]) {
      expect((await refusal(importPlanSpreadsheet(who, file(bytes)))).code).toBe("not_found");
      expect((await refusal(planTemplateFor(who))).code).toBe("not_found");
    }
    expect(await counts()).toMatchObject({ plans: before.plans, initiatives: before.initiatives });
  });
});
