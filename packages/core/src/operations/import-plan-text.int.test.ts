import { readFile } from "node:fs/promises";
import { prisma } from "@workplan/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSeed, SOURCE_FILE } from "../../../../prisma/seed/run-seed";
import type { Viewer } from "../rules/policy";
import { admin, departmentInput, removeDepartments, rowCounts, uniqueCode } from "../testing/admin-plans-testing";
import { PlanExistsError } from "./import-work-report";
import { commitPlanText, PlanTextError, previewPlanText } from "./import-plan-text";
import { refusal, viewer } from "../testing/progress-testing";

/** 科技司's part of the source document: from its heading line to the end. */
async function techText(): Promise<string> {
  const lines = (await readFile(SOURCE_FILE, "utf8")).split("\n");
  const start = lines.findIndex((l) => l.startsWith("科技司"));
  return lines.slice(start).join("\n");
}

function newDepartment(code: string) {
  return { kind: "new" as const, ...departmentInput(code, "科技") };
}

/** Every row of a department's plans, themes and initiatives, with its own code taken out of the codes. */
async function planRows(code: string) {
  const department = await prisma.department.findUniqueOrThrow({ where: { code } });
  const strip = (c: string) => c.slice(code.length);
  const plans = await prisma.workPlan.findMany({ where: { departmentId: department.id }, orderBy: { year: "asc" } });
  const themes = await prisma.theme.findMany({ where: { plan: { departmentId: department.id } }, orderBy: { code: "asc" } });
  const initiatives = await prisma.initiative.findMany({
    where: { plan: { departmentId: department.id } },
    orderBy: { code: "asc" },
    include: { theme: { select: { code: true } }, plan: { select: { year: true } }, cooperations: true },
  });
  return {
    plans: plans.map((p) => ({
      year: p.year,
      status: p.status,
      heading: p.heading,
      preamble: p.preamble,
      sourceDocument: p.sourceDocument,
      reportDueDay: p.reportDueDay,
      initiativeCount: p.initiativeCount,
      progress: p.progress,
    })),
    themes: themes.map((t) => ({
      code: strip(t.code),
      ordinal: t.ordinal,
      title: t.title,
      intro: t.intro,
      sourceParagraph: t.sourceParagraph,
      initiativeCount: t.initiativeCount,
      progress: t.progress,
      archivedAt: t.archivedAt,
    })),
    initiatives: initiatives.map((i) => ({
      code: strip(i.code),
      year: i.plan.year,
      theme: i.theme ? strip(i.theme.code) : null,
      leadIsPlanDepartment: i.departmentId === department.id,
      ordinal: i.ordinal,
      title: i.title,
      originalText: i.originalText,
      sourceParagraph: i.sourceParagraph,
      targetValue: i.targetValue?.toString() ?? null,
      targetUnit: i.targetUnit,
      targetApproximate: i.targetApproximate,
      dueDate: i.dueDate.toISOString(),
      progress: i.progress,
      health: i.health,
      measuredValue: i.measuredValue,
      lastUpdateAt: i.lastUpdateAt,
      closedAt: i.closedAt,
      archivedAt: i.archivedAt,
      version: i.version,
      cooperations: i.cooperations.length,
    })),
  };
}

describe("loading a plan from a department's report text", () => {
  let actor: Viewer;
  let text: string;
  const codes: string[] = [];
  const code = (prefix: string) => {
    const c = uniqueCode(prefix);
    codes.push(c);
    return c;
  };

  beforeAll(async () => {
    await runSeed({ demo: true });
    actor = await admin();
    text = await techText();
  });
  afterAll(async () => {
    await removeDepartments([...codes, "KJS2"]);
    await prisma.$disconnect();
  });

  it("proposes the record, the plan, its themes, initiatives and targets, and writes nothing", async () => {
    const before = await rowCounts();
    const preview = await previewPlanText(actor, { text, department: newDepartment("KJS2") });
    expect(await rowCounts()).toEqual(before);

    expect(preview).toMatchObject({ departmentName: "科技司", departmentCode: "KJS2", nameMismatch: false, existingYears: [] });
    expect(preview.plans.map((p) => [p.kind, p.year, p.heading, p.items.length, p.themes.length])).toEqual([
      ["record", 2017, "2017年重點工作和成效", 5, 0],
      ["plan", 2018, "2018年工作思路和目標", 0, 3],
    ]);
    const first = preview.plans[1]?.themes[0]?.items[0];
    expect(first).toMatchObject({ key: "2018-1.1", target: { value: 3, unit: "家", approximate: true }, dueDate: "2018-12-31" });
    expect(first?.originalText).toContain("建設3家左右國家制造業創新中心");
  });

  it("imports 科技司's text into a new department exactly as the seed has it, field by field", async () => {
    const result = await commitPlanText(actor, { text, department: newDepartment("KJS2") }, { ip: "198.51.100.7" });
    expect(result).toMatchObject({ departmentCode: "KJS2", year: 2018, createdInitiatives: 20 });
    const imported = await planRows("KJS2");
    const seeded = await planRows("KJS");
    expect(imported.plans).toEqual(seeded.plans);
    expect(imported.themes).toEqual(seeded.themes);
    // Progress users reported on the seeded plan (other test files) is not part of what the text says.
    const asWritten = (rows: typeof seeded.initiatives) =>
      rows.map(({ progress: _p, health: _h, measuredValue: _m, lastUpdateAt: _l, version: _v, cooperations: _c, closedAt: _x, ...r }) => r);
    expect(asWritten(imported.initiatives)).toEqual(asWritten(seeded.initiatives));
    expect(imported.initiatives).toHaveLength(20);
    expect(imported.initiatives.filter((i) => i.year === 2017).every((i) => i.progress === 100 && i.health === "DONE")).toBe(true);
    expect(imported.initiatives.filter((i) => i.year === 2018).every((i) => i.progress === 0 && i.health === null && i.version === 0)).toBe(true);
    expect(result.planId).toBe((await prisma.workPlan.findFirstOrThrow({ where: { department: { code: "KJS2" }, year: 2018 } })).id);

    const department = await prisma.department.findUniqueOrThrow({ where: { code: "KJS2" } });
    expect(department).toMatchObject({ nameZhHant: "測試司科技", nameZhHans: "测试司科技", nameEn: "Test Department 科技" });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "plan.imported", objectId: department.id } });
    expect(audit).toMatchObject({ actorId: actor.id, ip: "198.51.100.7" });
    expect(audit.after).toMatchObject({ code: "KJS2", createdPlans: 2, createdThemes: 3, createdInitiatives: 20, departmentCreated: { code: "KJS2" } });
  });

  it("refuses a plan year the department already has, and writes nothing", async () => {
    const kjs2 = await prisma.department.findUniqueOrThrow({ where: { code: "KJS2" } });
    const preview = await previewPlanText(actor, { text, department: { kind: "existing", departmentId: kjs2.id } });
    expect(preview.existingYears).toEqual([2017, 2018]);
    const before = await rowCounts();
    const again = await refusal(commitPlanText(actor, { text, department: { kind: "existing", departmentId: kjs2.id } }));
    expect(again).toBeInstanceOf(PlanExistsError);
    expect(again instanceof PlanExistsError ? again.years : null).toEqual([2017, 2018]);
    // Leaving the record out does not help: the plan's year is taken too.
    const planOnly = await refusal(commitPlanText(actor, { text, department: { kind: "existing", departmentId: kjs2.id }, corrections: { skipRecord: true } }));
    expect(planOnly instanceof PlanExistsError ? planOnly.years : null).toEqual([2018]);
    // A new department with a code in use is refused the same way.
    const taken = await refusal(commitPlanText(actor, { text, department: newDepartment("KJS") }));
    expect(taken.fields).toEqual({ code: "code.taken" });
    expect(await rowCounts()).toEqual(before);
  });

  it("warns when an existing department is not the one the text names", async () => {
    const cyzcs = await prisma.department.findUniqueOrThrow({ where: { code: "CYZCS" } });
    const preview = await previewPlanText(actor, { text, department: { kind: "existing", departmentId: cyzcs.id } });
    expect(preview.nameMismatch).toBe(true);
    expect(preview.existingYears).toEqual([2017, 2018]);
  });

  it("applies the admin's corrections: titles, targets, due dates, dropped items and themes, the record left out", async () => {
    const c = code("KJ");
    const corrections = {
      skipRecord: true,
      themes: { "2018-3": { title: "製造強國", drop: false }, "2018-2": { title: "不要", drop: true } },
      items: {
        "2018-1.1": { title: "建設國家制造業創新中心", targetValue: "4", targetUnit: "家", targetApproximate: false, dueDate: "2018-09-30", drop: false },
        "2018-1.2": { title: "x", targetValue: "", targetUnit: "", targetApproximate: false, dueDate: "2018-12-31", drop: true },
        "2018-1.3": { title: "強化制造業知識產權創造、保護、運用", targetValue: "100", targetUnit: "件", targetApproximate: true, dueDate: "2018-12-31", drop: false },
        // As proposed: no correction.
        "2018-1.4": { title: "促進制造業科技成果轉移轉化", targetValue: "", targetUnit: "", targetApproximate: false, dueDate: "2018-12-31", drop: false },
      },
    };
    const result = await commitPlanText(actor, { text, department: newDepartment(c), corrections });
    expect(result.createdInitiatives).toBe(15 - 1 - 5);
    const rows = await planRows(c);
    expect(rows.plans.map((p) => p.year)).toEqual([2018]);
    expect(rows.themes.map((t) => [t.code, t.title, t.initiativeCount])).toEqual([
      ["-2018-1", "著力推進中國制造向中國創造轉變", 4],
      ["-2018-3", "製造強國", 5],
    ]);
    const byCode = new Map(rows.initiatives.map((i) => [i.code, i]));
    expect([...byCode.keys()]).toEqual(["-2018-1.1", "-2018-1.3", "-2018-1.4", "-2018-1.5", "-2018-3.1", "-2018-3.2", "-2018-3.3", "-2018-3.4", "-2018-3.5"]);
    expect(byCode.get("-2018-1.1")).toMatchObject({ title: "建設國家制造業創新中心", targetValue: "4", targetUnit: "家", targetApproximate: false, dueDate: "2018-09-30T00:00:00.000Z" });
    expect(byCode.get("-2018-1.1")?.originalText).toContain("建設3家左右國家制造業創新中心");
    expect(byCode.get("-2018-1.3")).toMatchObject({ targetValue: "100", targetUnit: "件", targetApproximate: true });

    const department = await prisma.department.findUniqueOrThrow({ where: { code: c } });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "plan.imported", objectId: department.id } });
    expect(audit.after).toMatchObject({
      skipRecord: true,
      dropped: ["2018-1.2", "2018-2"],
      corrected: [
        { key: "2018-1.1", title: "建設國家制造業創新中心", target: { value: 4, unit: "家", approximate: false }, dueDate: "2018-09-30" },
        { key: "2018-1.3", target: { value: 100, unit: "件", approximate: true } },
        { key: "2018-3", themeTitle: "製造強國" },
      ],
    });
  });

  it("refuses corrections with problems, naming the row and field, and writes nothing", async () => {
    const c = code("KJ");
    const before = await rowCounts();
    const error = await refusal(
      commitPlanText(actor, {
        text,
        department: newDepartment(c),
        corrections: {
          items: {
            "2018-1.1": { title: " ", targetValue: "abc", targetUnit: "家", dueDate: "2018-12-31" },
            "2018-1.2": { title: "x", targetValue: "3", targetUnit: "", dueDate: "2017-12-31" },
            "2018-1.3": { title: "x", targetValue: "", targetUnit: "", dueDate: "2018-13-01" },
          },
        },
      }),
    );
    expect(error).toBeInstanceOf(PlanTextError);
    expect(error.fields).toEqual({
      "item:2018-1.1:title": "title.required",
      "item:2018-1.1:targetValue": "targetValue.number",
      "item:2018-1.2:targetUnit": "targetUnit.required",
      "item:2018-1.3:dueDate": "dueDate.invalid",
    });
    const beforePlan = await refusal(
      commitPlanText(actor, { text, department: newDepartment(c), corrections: { items: { "2018-1.2": { title: "x", dueDate: "2017-12-31" } } } }),
    );
    expect(beforePlan.fields).toEqual({ "item:2018-1.2:dueDate": "dueDate.beforePlan" });
    const stale = await refusal(commitPlanText(actor, { text, department: newDepartment(c), corrections: { items: { "2019-9.9": { title: "x", dueDate: "2019-12-31" } } } }));
    expect(stale.fields).toEqual({ form: "corrections.stale" });
    const allDropped = Object.fromEntries([1, 2, 3].flatMap((t) => [1, 2, 3, 4, 5].map((i) => [`2018-${t}.${i}`, { drop: true }])));
    const nothing = await refusal(commitPlanText(actor, { text, department: newDepartment(c), corrections: { items: allDropped } }));
    expect(nothing.fields).toEqual({ form: "items.allDropped" });
    expect(await rowCounts()).toEqual(before);
  });

  it("answers text it cannot read with the problem and its line, and writes nothing", async () => {
    const before = await rowCounts();
    const problem = async (input: string) => {
      const error = await refusal(previewPlanText(actor, { text: input, department: newDepartment("KJS9") }));
      expect(error).toBeInstanceOf(PlanTextError);
      return error instanceof PlanTextError ? [error.fields?.text, error.text?.problem, error.text?.line] : null;
    };
    expect(await problem("")).toEqual(["parse.empty", "empty", null]);
    expect(await problem("hello world\nthis is not a work report")).toEqual(["parse.unknownDepartment", "unknownDepartment", 1]);
    expect(await problem("科技司:標題\n只有一段介紹。")).toEqual(["parse.noYearHeading", "noYearHeading", 1]);
    expect(await problem("科技司:標題\n介紹。\n2018年工作思路\n繼續努力。")).toEqual(["parse.noPlanItems", "noPlanItems", 3]);
    // The whole source holds two departments: one at a time, and the line where the second begins.
    const whole = await readFile(SOURCE_FILE, "utf8");
    expect(await problem(whole)).toEqual(["parse.severalDepartments", "severalDepartments", 12]);
    // The department's problems come with the text's.
    const both = await refusal(previewPlanText(actor, { text: "garbage", department: { kind: "new", code: "kjs", nameZhHans: "", nameZhHant: "x", nameEn: "x" } }));
    expect(both.fields).toMatchObject({ text: "parse.unknownDepartment", code: "code.format", nameZhHans: "nameZhHans.required" });
    const commit = await refusal(commitPlanText(actor, { text: "garbage", department: newDepartment("KJS9") }));
    expect(commit.fields).toEqual({ text: "parse.unknownDepartment" });
    expect(await rowCounts()).toEqual(before);
  });

  it("is the admins' alone", async () => {
    const manager = await viewer("director@demo.local");
    expect((await refusal(previewPlanText(manager, { text, department: newDepartment("KJS9") }))).code).toBe("forbidden");
    expect((await refusal(commitPlanText(manager, { text, department: newDepartment("KJS9") }))).code).toBe("forbidden");
  });
});
