// The monthly report (工作進展月報): what it says of a month with known reports, in every format read
// back, its scope, and the audit event of each export.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { prisma } from "@workplan/db";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSeed } from "../../../../prisma/seed/run-seed";
import { toSimplified } from "../rules/chinese";
import type { Viewer } from "../rules/policy";
import { newUser, refusal, snapshotProgressState, viewer } from "../testing/progress-testing";
import { exportMonthlyReport } from "./export-monthly-report";
import { logProgress } from "./log-progress";
import { getMonthlyReport } from "./monthly-report";
import { reviewUpdate } from "./review-update";
import { defined } from "../testing/defined";

const FILED = new Date("2018-05-20T10:00:00+08:00");
const NOW = new Date("2018-06-10T12:00:00+08:00");
const WORK = "月報測試：五月完成服務型製造示範遴選";

async function report(author: Viewer, code: string, fields: { progress: number; health: string; workDone: string; problems?: string; nextSteps?: string }) {
  const initiative = await prisma.initiative.findUniqueOrThrow({ where: { code }, select: { id: true, version: true } });
  const result = await logProgress(author, initiative.id, { period: "2018-05", baseVersion: initiative.version, healthReason: "按月報測試設定", ...fields }, [], { now: FILED });
  // Filed in May 2018 (the database stamps its own clock): the report and its month's roll-up.
  await prisma.$executeRaw`UPDATE progress_updates SET created_at = ${FILED} WHERE id = ${result.updateId}`;
  await prisma.$executeRaw`UPDATE initiative_months SET first_report_at = ${FILED}, last_report_at = ${FILED}
                            WHERE initiative_id = ${initiative.id} AND period = '2018-05-01'`;
  return result.updateId;
}

/** RFC 4180 rows (quoted fields with commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quoted && c === '"' && text.charAt(i + 1) === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ",") {
      row.push(field);
      field = "";
    } else if (!quoted && c === "\n") {
      row.push(field.replace(/\r$/, ""));
      rows.push(row);
      row = [];
      field = "";
    } else {
      field += c;
    }
  }
  return rows;
}

describe("the monthly report", () => {
  let restore: () => Promise<void> = async () => {};
  let director: Viewer;
  let policyLead: Viewer;
  let techStaff: Viewer;
  let approvedCode: string;
  let waitingCode: string;

  beforeAll(async () => {
    await runSeed({ demo: true });
    restore = await snapshotProgressState();
    director = await viewer("director@demo.local");
    policyLead = await viewer("policy.lead@demo.local");
    techStaff = await newUser("mr", "STAFF", "KJS");
    const staff = await newUser("mr", "STAFF", "CYZCS");
    approvedCode = "CYZCS-2018-1";
    waitingCode = "CYZCS-2018-2";
    const approved = await report(staff, approvedCode, { progress: 40, health: "AT_RISK", workDone: WORK, problems: "地方配套資金未到位", nextSteps: "六月召開推進會" });
    await reviewUpdate(policyLead, approved, { decision: "approve" });
    await report(staff, waitingCode, { progress: 25, health: "ON_TRACK", workDone: "待審核的五月報告" });
  });
  afterAll(async () => {
    await restore();
    await prisma.$disconnect();
  });

  it("quotes the month's approved report, marks the rest plainly, and counts as the database does", async () => {
    const monthly = await getMonthlyReport(policyLead, { period: "2018-05", department: "CYZCS" }, { now: NOW });
    expect(monthly.department?.code).toBe("CYZCS");
    expect(monthly.departments).toHaveLength(1);
    const entries = defined(monthly.departments[0]).themes.flatMap((t) => t.entries);
    const expected = await prisma.initiative.findMany({
      where: { department: { code: "CYZCS" }, plan: { year: 2018 }, archivedAt: null },
      select: { code: true, originalText: true },
      orderBy: { ordinal: "asc" },
    });
    expect(entries.map((e) => e.code).sort()).toEqual(expected.map((e) => e.code).sort());
    // The source wording exactly as stored.
    for (const e of entries) expect(e.originalText).toBe(defined(expected.find((x) => x.code === e.code)).originalText);

    const approved = defined(entries.find((e) => e.code === approvedCode));
    expect(approved).toMatchObject({ progress: 40, health: "AT_RISK", reportStatus: "ON_TIME" });
    expect(approved.report).toMatchObject({ status: "APPROVED", workDone: WORK, problems: "地方配套資金未到位", nextSteps: "六月召開推進會" });

    // Awaiting review: not quoted by default, but counted; it came in on time all the same.
    const waiting = defined(entries.find((e) => e.code === waitingCode));
    expect(waiting.report).toBeNull();
    expect(waiting.awaitingReview).toBe(1);
    expect(waiting.reportStatus).toBe("ON_TIME");

    // The counts are the entries': each initiative counted once by health, lateness from the due day.
    const counts = defined(monthly.departments[0]).counts;
    expect(counts.initiatives).toBe(expected.length);
    expect(counts.onTrack + counts.atRisk + counts.offTrack + counts.done + counts.noReport).toBe(expected.length);
    expect(counts.awaitingReview).toBe(1);
    const missing = await prisma.initiative.count({
      where: { department: { code: "CYZCS" }, plan: { year: 2018 }, archivedAt: null, months: { none: { period: new Date("2018-05-01T00:00:00Z") } } },
    });
    expect(counts.missing).toBe(missing);
    expect(monthly.totals).toEqual(counts);

    const withWaiting = await getMonthlyReport(policyLead, { period: "2018-05", department: "CYZCS", includeSubmitted: "1" }, { now: NOW });
    const quoted = defined(defined(withWaiting.departments[0]).themes.flatMap((t) => t.entries).find((e) => e.code === waitingCode));
    expect(quoted.report).toMatchObject({ status: "SUBMITTED", workDone: "待審核的五月報告" });
    expect(quoted).toMatchObject({ progress: 25, health: "ON_TRACK" });
  });

  it("holds only what the requester sees: another department is not found, the whole scope is theirs", async () => {
    expect((await refusal(getMonthlyReport(techStaff, { period: "2018-05", department: "CYZCS" }))).code).toBe("not_found");
    expect((await refusal(getMonthlyReport(policyLead, { period: "2018-05", department: "NOPE" }))).code).toBe("not_found");
    const bad = await refusal(getMonthlyReport(policyLead, { period: "2018-13" }));
    expect(bad.fields).toEqual({ period: "period.invalid" });
    expect(bad.messages?.["period.invalid"]).toMatch(/YYYY-MM/);

    const ministry = await getMonthlyReport(director, { period: "2018-05" }, { now: NOW });
    expect(ministry.department).toBeNull();
    expect(ministry.departments.map((d) => d.department.code)).toEqual(["CYZCS", "KJS"]);
    expect(ministry.totals.initiatives).toBe(ministry.departments.reduce((n, d) => n + d.counts.initiatives, 0));
    const own = await getMonthlyReport(techStaff, { period: "2018-05" }, { now: NOW });
    const seen = await prisma.initiative.count({
      where: { plan: { year: 2018 }, archivedAt: null, OR: [{ departmentId: defined(techStaff.departmentId) }, { cooperations: { some: { departmentId: defined(techStaff.departmentId) } } }] },
    });
    expect(own.totals.initiatives).toBe(seen);
  });

  it("writes Excel with a summary sheet and a sheet per department: numbers, percentages and dates as such", async () => {
    const file = await exportMonthlyReport(director, { period: "2018-05" }, { format: "xlsx", locale: "zh-Hans", now: NOW });
    expect(file.fileName).toBe("工作进展月报-全部-2018-05.xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["总体情况", "产业政策司", "科技司"]);
    const summary = defined(workbook.getWorksheet("总体情况"));
    expect(summary.views[0]).toMatchObject({ state: "frozen", ySplit: 5 });
    const monthly = await getMonthlyReport(director, { period: "2018-05" }, { now: NOW });
    const policyRow = summary.getRow(6).values as unknown[];
    expect(policyRow[1]).toBe("产业政策司");
    expect(policyRow[2]).toBe(defined(monthly.departments[0]).counts.initiatives);
    expect(summary.getRow(8).getCell(2).value).toBe(monthly.totals.initiatives);

    const sheet = defined(workbook.getWorksheet("产业政策司"));
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    const col = (name: string) => headers.indexOf(name) + 1;
    let found = false;
    sheet.eachRow((row, n) => {
      if (n === 1 || row.getCell(col("编号")).value !== approvedCode) return;
      found = true;
      expect(row.getCell(col("进度")).value).toBe(0.4);
      expect(row.getCell(col("进度")).numFmt).toBe("0%");
      expect(row.getCell(col("完成时限")).value).toBeInstanceOf(Date);
      expect(row.getCell(col("本月工作")).value).toBe(WORK);
      const original = row.getCell(col("原文")).value as string;
      expect(row.getCell(col("简体")).value).toBe(toSimplified(original));
    });
    expect(found).toBe(true);
  });

  it("writes Word with headings, a contents field, the summary table and the source wording", async () => {
    const file = await exportMonthlyReport(policyLead, { period: "2018-05", department: "CYZCS" }, { format: "docx", locale: "zh-Hans", now: NOW });
    expect(file.fileName).toBe("工作进展月报-产业政策司-2018-05.docx");
    const zip = await JSZip.loadAsync(file.body as Buffer);
    const xml = await defined(zip.file("word/document.xml")).async("string");
    const text = xml.replace(/<[^>]+>/g, "");
    expect(xml).toMatch(/w:pStyle w:val="Heading1"/);
    expect(xml).toMatch(/TOC \\h \\o &quot;1-2&quot;/);
    expect(xml).toMatch(/<w:tblHeader\/>/);
    for (const heading of ["工作进展月报", "总体情况", "产业政策司", approvedCode, WORK, "本月无进展报告"]) expect(text).toContain(heading);
    const original = (await prisma.initiative.findUniqueOrThrow({ where: { code: approvedCode }, select: { originalText: true } })).originalText;
    expect(text).toContain(original);
    const footer = defined(Object.keys(zip.files).find((f) => /word\/footer\d*\.xml/.test(f)));
    expect(await defined(zip.file(footer)).async("string")).toMatch(/PAGE/);
  });

  it("writes CSV in UTF-8 with a byte-order mark, one row per initiative, and the print HTML", async () => {
    const csv = await exportMonthlyReport(policyLead, { period: "2018-05", department: "CYZCS" }, { format: "csv", locale: "zh-Hant", now: NOW });
    expect(csv.fileName).toBe("工作進展月報-產業政策司-2018-05.csv");
    const text = csv.body as string;
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(text.slice(1));
    const monthly = await getMonthlyReport(policyLead, { period: "2018-05", department: "CYZCS" }, { now: NOW });
    expect(rows).toHaveLength(1 + monthly.totals.initiatives);
    const header = defined(rows[0]);
    const row = defined(rows.find((r) => r[header.indexOf("編號")] === approvedCode));
    expect(row[header.indexOf("進度")]).toBe("40");
    expect(row[header.indexOf("本月工作")]).toBe(WORK);
    expect(row[header.indexOf("存在問題")]).toBe("地方配套資金未到位");

    const html = await exportMonthlyReport(policyLead, { period: "2018-05", department: "CYZCS" }, { format: "html", locale: "en", now: NOW });
    const page = html.body as string;
    expect(page).toContain("Monthly progress report");
    expect(page).toContain("break-before: page");
    expect(page).toContain(`data-code="${approvedCode}"`);
    expect(page).not.toContain("<script");

    const events = await prisma.auditEvent.findMany({ where: { action: "report.exported", actorId: policyLead.id, after: { path: ["report"], equals: "monthly" } }, orderBy: { id: "asc" } });
    expect(events.map((e) => (e.after as { format: string }).format)).toEqual(["docx", "csv", "html"]);
    expect(events[0]).toMatchObject({ objectType: "Department" });
    expect(defined(events[0]).after).toMatchObject({ report: "monthly", period: "2018-05", department: "CYZCS" });
  });
});

// Word documents must open in more than Word: LibreOffice (headless) turns them into PDF. CI installs
// it (.ci/run); a machine without it says so instead of passing quietly.
const soffice = spawnSync("soffice", ["--version"], { encoding: "utf8" }).status === 0;
describe.skipIf(!soffice && !process.env.CI)("the monthly report in LibreOffice (needs `soffice`; .ci/run installs it)", () => {
  let dir: string;
  beforeAll(async () => {
    await runSeed({ demo: true });
    dir = mkdtempSync(path.join(tmpdir(), "workplan-docx-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function pdfPages(docx: Buffer, name: string): number {
    writeFileSync(path.join(dir, `${name}.docx`), docx);
    const run = spawnSync("soffice", ["--headless", `-env:UserInstallation=file://${dir}/profile`, "--convert-to", "pdf", "--outdir", dir, path.join(dir, `${name}.docx`)], {
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const pdf = readFileSync(path.join(dir, `${name}.pdf`)).toString("latin1");
    return (pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  }

  it("opens the Word report and prints the cover, contents, summary and each department from a new page", async () => {
    const director = await viewer("director@demo.local");
    const one = await exportMonthlyReport(director, { period: "2018-06", department: "KJS" }, { format: "docx", locale: "zh-Hans", now: NOW });
    const all = await exportMonthlyReport(director, { period: "2018-06" }, { format: "docx", locale: "zh-Hans", now: NOW });
    const onePages = pdfPages(one.body as Buffer, "one");
    const allPages = pdfPages(all.body as Buffer, "all");
    // Cover, contents and summary, then at least a page per department.
    expect(onePages).toBeGreaterThanOrEqual(3 + 1);
    expect(allPages).toBeGreaterThanOrEqual(3 + 2);
    expect(allPages).toBeGreaterThan(onePages);
  }, 240_000);
});
