// The lists as files: every page of what the list shows with the same filters, streamed, audited.
import { Readable } from "node:stream";
import { prisma } from "@workplan/db";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSeed } from "../../../../prisma/seed/run-seed";
import { INITIATIVE_COLUMNS, listCsv, listXlsx, UPDATE_COLUMNS } from "../documents/list-export";
import type { Viewer } from "../rules/policy";
import { newUser, refusal, snapshotProgressState, viewer } from "../testing/progress-testing";
import { exportInitiatives } from "./export-initiatives";
import { exportUpdates } from "./export-updates";
import { listInitiatives } from "./list-initiatives";
import { logProgress } from "./log-progress";

const MARK = "导出测试";

async function text(chunks: AsyncIterable<string>): Promise<string> {
  let out = "";
  for await (const chunk of chunks) out += chunk;
  return out;
}

describe("list exports", () => {
  let restore: () => Promise<void> = async () => {};
  let director: Viewer;

  beforeAll(async () => {
    await runSeed({ demo: true });
    restore = await snapshotProgressState();
    director = await viewer("director@demo.local");
    const staff = await newUser("ex", "STAFF", "KJS");
    for (const code of ["KJS-2018-1.1", "KJS-2018-1.2", "KJS-2018-1.3", "KJS-2018-1.4", "KJS-2018-1.5"]) {
      const i = await prisma.initiative.findUniqueOrThrow({ where: { code }, select: { id: true, version: true } });
      await logProgress(staff, i.id, { period: "2018-06", progress: 30, health: "ON_TRACK", workDone: `${MARK}:${code}`, healthReason: "测试", baseVersion: i.version });
    }
  });
  afterAll(async () => {
    await restore();
    await prisma.$disconnect();
  });

  it("writes every page of the filtered initiatives as CSV, in the list's order", async () => {
    const { batches } = await exportInitiatives(director, { department: "KJS", year: "2018", page: "3" }, { format: "csv", pageSize: 4 });
    const csv = await text(listCsv(INITIATIVE_COLUMNS, batches, "zh-Hans"));
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^编号,牵头司局,主题,任务,原文/);
    const listed = (await listInitiatives(director, { department: "KJS", year: "2018", limit: 500 })).items.map((i) => i.code);
    expect(listed).toHaveLength(15);
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(listed);
  });

  it("streams the filtered reports into an Excel sheet that reads back with numbers and dates", async () => {
    const { batches } = await exportUpdates(director, { q: MARK, sort: "oldest", page: "2" }, { format: "xlsx", pageSize: 2 });
    const stream = listXlsx(UPDATE_COLUMNS, batches, "zh-Hant", "進展報告");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.read(Readable.from(stream));
    const sheet = workbook.worksheets[0];
    expect(sheet?.name).toBe("進展報告");
    expect(sheet?.getRow(1).getCell(1).value).toBe("報告期");
    expect(sheet?.rowCount).toBe(6);
    const codes = [2, 3, 4, 5, 6].map((n) => sheet?.getRow(n).getCell(2).value);
    expect(codes).toEqual(["KJS-2018-1.1", "KJS-2018-1.2", "KJS-2018-1.3", "KJS-2018-1.4", "KJS-2018-1.5"]);
    expect(sheet?.getRow(2).getCell(6).value).toBe(0.3);
    expect(sheet?.getRow(2).getCell(12).value).toBeInstanceOf(Date);
  });

  it("refuses bad filters before anything is written, keeps to the scope, and audits each export", async () => {
    expect((await refusal(exportUpdates(director, { sort: "sideways" }, { format: "csv" }))).fields).toEqual({ sort: "sort.invalid" });
    const policyStaff = await newUser("ex", "STAFF", "CYZCS");
    const { batches } = await exportUpdates(policyStaff, { q: MARK }, { format: "csv" });
    const csv = await text(listCsv(UPDATE_COLUMNS, batches, "en"));
    expect(csv.slice(1).trimEnd().split("\r\n")).toHaveLength(1);
    const events = await prisma.auditEvent.findMany({ where: { action: "report.exported", actorId: director.id, OR: [{ after: { path: ["report"], equals: "initiatives" } }, { after: { path: ["report"], equals: "updates" } }] }, orderBy: { id: "asc" } });
    expect(events.map((e) => (e.after as { report: string }).report)).toEqual(["initiatives", "updates"]);
  });
});
