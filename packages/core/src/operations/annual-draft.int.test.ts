// The year-end report draft (年度工作總結): written from the system in the source document's
// structure, read back by the plan import's parser, and imported as the next year's plan.
import { prisma } from "@workplan/db";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSeed } from "../../../../prisma/seed/run-seed";
import { annualDraftText } from "../rules/annual-draft";
import { parseWorkReport } from "../rules/parse-work-report";
import type { Viewer } from "../rules/policy";
import { defined } from "../testing/defined";
import { newUser, refusal, snapshotProgressState, viewer } from "../testing/progress-testing";
import { getAnnualDraft } from "./annual-draft";
import { closeInitiative } from "./close-out";
import { exportAnnualDraft } from "./export-annual-draft";
import { commitPlanText } from "./import-plan-text";
import { logProgress } from "./log-progress";
import { reviewUpdate } from "./review-update";

const CLOSED = "CYZCS-2018-1";
const WORK = "全年遴選服務型製造示範企業33家";
const NOTE = "年度目標全部完成,示範效應明顯。";

describe("the year-end report draft", () => {
  let restore: () => Promise<void> = async () => {};
  let policyLead: Viewer;
  let admin: Viewer;

  beforeAll(async () => {
    await runSeed({ demo: true });
    restore = await snapshotProgressState();
    policyLead = await viewer("policy.lead@demo.local");
    admin = await viewer("admin@demo.local");
    const staff = await newUser("ad", "STAFF", "CYZCS");
    const initiative = await prisma.initiative.findUniqueOrThrow({ where: { code: CLOSED }, select: { id: true, version: true } });
    const filed = await logProgress(staff, initiative.id, { period: "2018-11", progress: 100, health: "DONE", workDone: WORK, healthReason: "已完成", baseVersion: initiative.version });
    await reviewUpdate(policyLead, filed.updateId, { decision: "approve" });
    await closeInitiative(policyLead, { initiativeId: initiative.id, outcome: "ACHIEVED", note: NOTE });
  });
  afterAll(async () => {
    await prisma.workPlan.deleteMany({ where: { year: 2019, department: { code: "CYZCS" } } });
    await prisma.initiative.updateMany({ where: { code: CLOSED }, data: { outcome: null, closingNote: null, closedById: null } });
    await restore();
    await prisma.$disconnect();
  });

  it("reads like the source: opening, the year's numbered sections with results, then next year's plan", async () => {
    const { draft } = await getAnnualDraft(policyLead, { year: "2018", department: "CYZCS" });
    const text = annualDraftText(draft);
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^2018年,工信部產業政策司根據部黨組的工作部署/);
    expect(lines[0]).toContain("全年計劃重點任務7項,已完成1項");
    expect(lines[1]).toBe("2018年重點工作情況");
    const sections = lines.filter((l) => /^\([一二三四五六七八九十]+\)/.test(l));
    expect(sections.map((l) => l.slice(0, 3))).toEqual(["(一)", "(二)", "(三)", "(四)", "(五)", "(六)", "(七)"]);
    // The closed initiative's results: its outcome, its last approved report, its closing note.
    expect(sections[0]).toContain("已完成。");
    expect(sections[0]).toContain(`${WORK}。`);
    expect(sections[0]).toContain(NOTE);
    expect(sections[1]).toContain("完成進度0%");
    expect(lines).toContain("2019年工作計劃");
  });

  it("is read back by the plan import's parser, and imports as next year's plan with the unfinished goals", async () => {
    const { draft, department } = await getAnnualDraft(policyLead, { year: 2018, department: "CYZCS" });
    const text = annualDraftText(draft);
    const [parsed] = parseWorkReport(text);
    expect(parsed?.departmentName).toBe("產業政策司");
    expect(parsed?.record?.year).toBe(2018);
    expect(parsed?.record?.items).toHaveLength(7);
    expect(parsed?.plan?.year).toBe(2019);
    const unfinished = await prisma.initiative.findMany({
      where: { department: { code: "CYZCS" }, plan: { year: 2018 }, archivedAt: null, NOT: { code: CLOSED } },
      orderBy: { ordinal: "asc" },
      select: { originalText: true },
    });
    expect(parsed?.plan?.items.map((i) => i.originalText)).toEqual(unfinished.map((i) => i.originalText));

    // The department edits it, an admin imports it: the year's record is the system's already.
    const edited = text.replace("請修改補充", "經司務會審議");
    const result = await commitPlanText(admin, { text: edited, department: { kind: "existing", departmentId: department.id }, corrections: { skipRecord: true } });
    expect(result.year).toBe(2019);
    const plan = await prisma.workPlan.findUniqueOrThrow({
      where: { departmentId_year: { departmentId: department.id, year: 2019 } },
      select: { preamble: true, initiatives: { orderBy: { ordinal: "asc" }, select: { originalText: true } } },
    });
    expect(plan.preamble).toContain("經司務會審議");
    expect(plan.initiatives.map((i) => i.originalText)).toEqual(unfinished.map((i) => i.originalText));

    // With next year's plan in the system, the draft lists that plan.
    const again = annualDraftText((await getAnnualDraft(policyLead, { year: 2018, department: "CYZCS" })).draft);
    expect(defined(parseWorkReport(again)[0]).plan?.preamble).toContain("經司務會審議");
  });

  it("keeps 科技司's themes, writes Word and text files, audits them, and is for the department's own readers", async () => {
    const techLead = await newUser("ad", "MANAGER", "KJS");
    const kjs = annualDraftText((await getAnnualDraft(techLead, { year: 2018, department: "KJS" })).draft);
    const [parsed] = parseWorkReport(kjs);
    expect(parsed?.departmentName).toBe("科技司");
    expect(parsed?.record?.items).toHaveLength(3);
    expect(parsed?.plan?.items.length ?? 0).toBeGreaterThan(0);

    const docx = await exportAnnualDraft(policyLead, { year: 2018, department: "CYZCS" }, { format: "docx" });
    expect(docx.fileName).toBe("產業政策司2018年工作總結和2019年工作計劃（初稿）.docx");
    const xml = await defined((await JSZip.loadAsync(docx.body as Buffer)).file("word/document.xml")).async("string");
    const words = xml.replace(/<[^>]+>/g, "");
    for (const text of ["2018年重點工作情況", "2019年工作計劃", WORK, NOTE]) expect(words).toContain(text);
    const txt = await exportAnnualDraft(policyLead, { year: 2018, department: "CYZCS" }, { format: "txt" });
    expect((txt.body as string).charCodeAt(0)).toBe(0xfeff);
    expect(defined(parseWorkReport(txt.body as string)[0]).departmentName).toBe("產業政策司");
    const events = await prisma.auditEvent.findMany({ where: { actorId: policyLead.id, action: "report.exported", after: { path: ["report"], equals: "annual" } }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.after)).toEqual([
      { report: "annual", year: 2018, department: "CYZCS", format: "docx" },
      { report: "annual", year: 2018, department: "CYZCS", format: "txt" },
    ]);

    const techStaff = await newUser("ad", "STAFF", "KJS");
    expect((await refusal(getAnnualDraft(techStaff, { year: 2018, department: "CYZCS" }))).code).toBe("not_found");
    expect((await refusal(getAnnualDraft(policyLead, { year: 2031, department: "CYZCS" }))).code).toBe("not_found");
    expect((await refusal(getAnnualDraft(policyLead, { year: "soon", department: "CYZCS" }))).fields).toEqual({ year: "year.invalid" });
  });
});
