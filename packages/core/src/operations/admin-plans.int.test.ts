import { prisma } from "@workplan/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSeed } from "../../../../prisma/seed/run-seed";
import type { Viewer } from "../rules/policy";
import { createDepartment } from "./admin-departments";
import { addInitiative, getAdminInitiative, setInitiativeArchived, updateInitiative } from "./admin-initiatives";
import { addTheme, archiveTheme, createPlan, getAdminPlan, listAdminPlans, updatePlan, updateTheme } from "./admin-plans";
import { admin, departmentInput, removeDepartments, uniqueCode } from "../testing/admin-plans-testing";
import { getInitiative } from "./get-initiative";
import { getPlanOverview } from "./get-plan-overview";
import { listInitiatives } from "./list-initiatives";
import { logProgress } from "./log-progress";
import { newUser, refusal, viewer } from "../testing/progress-testing";

const YEAR = 2019;
const now = new Date(`${YEAR}-07-01T00:00:00Z`);

/** The stored roll-ups of a plan and its themes, and what they should be from the plan's live initiatives. */
async function rollups(planId: string) {
  const plan = await prisma.workPlan.findUniqueOrThrow({
    where: { id: planId },
    select: {
      initiativeCount: true,
      progress: true,
      themes: { select: { id: true, initiativeCount: true, progress: true } },
      initiatives: { where: { archivedAt: null }, select: { themeId: true, progress: true } },
    },
  });
  const avg = (xs: number[]) => (xs.length === 0 ? 0 : Math.round(xs.reduce((a, b) => a + b, 0) / xs.length));
  return {
    stored: {
      plan: [plan.initiativeCount, plan.progress],
      themes: plan.themes.map((t) => [t.id, t.initiativeCount, t.progress]),
    },
    expected: {
      plan: [plan.initiatives.length, avg(plan.initiatives.map((i) => i.progress))],
      themes: plan.themes.map((t) => {
        const own = plan.initiatives.filter((i) => i.themeId === t.id);
        return [t.id, own.length, avg(own.map((i) => i.progress))];
      }),
    },
  };
}

async function expectRollupsRight(planId: string) {
  const { stored, expected } = await rollups(planId);
  expect(stored).toEqual(expected);
}

describe("plans, themes and initiatives as the admins keep them", () => {
  let actor: Viewer;
  let departmentId: string;
  let code: string;
  let kjsId: string;
  let cyzcsId: string;
  let planId: string;
  const codes: string[] = [];

  beforeAll(async () => {
    await runSeed({ demo: true });
    actor = await admin();
    code = uniqueCode("P");
    codes.push(code);
    departmentId = (await createDepartment(actor, departmentInput(code))).id;
    kjsId = (await prisma.department.findUniqueOrThrow({ where: { code: "KJS" } })).id;
    cyzcsId = (await prisma.department.findUniqueOrThrow({ where: { code: "CYZCS" } })).id;
  });
  afterAll(async () => {
    await removeDepartments(codes);
    await prisma.$disconnect();
  });

  it("creates a department's plan for a year, one per department and year, with the reporting due day", async () => {
    const plan = await createPlan(actor, { departmentId, year: String(YEAR), heading: `${YEAR}年工作要點`, preamble: "  全年工作安排。 ", reportDueDay: "" });
    planId = plan.id;
    const row = await prisma.workPlan.findUniqueOrThrow({ where: { id: planId } });
    expect(row).toMatchObject({ year: YEAR, status: "ACTIVE", heading: `${YEAR}年工作要點`, preamble: "全年工作安排。", reportDueDay: 25, initiativeCount: 0 });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "plan.created", objectId: planId } });
    expect(audit.after).toMatchObject({ department: code, year: YEAR, reportDueDay: 25 });

    const again = await refusal(createPlan(actor, { departmentId, year: YEAR, heading: "又一個" }));
    expect([again.code, again.fields]).toEqual(["conflict", { year: "plan.exists" }]);
    expect(await prisma.workPlan.count({ where: { departmentId, year: YEAR } })).toBe(1);

    const bad = await refusal(createPlan(actor, { departmentId, year: "20x", heading: "", reportDueDay: 29 }));
    expect(bad.fields).toEqual({ year: "year.invalid", heading: "heading.required", reportDueDay: "reportDueDay.range" });
    const unknown = await refusal(createPlan(actor, { departmentId: "nonexistent0000000000000", year: 2040, heading: "x" }));
    expect(unknown.fields).toEqual({ departmentId: "departmentId.unknown" });
  });

  it("edits the plan's heading, preamble, due day and reminder notice, audited before and after", async () => {
    for (const day of [0, 29, "x"]) {
      expect((await refusal(updatePlan(actor, planId, { heading: "x", preamble: "", reportDueDay: day }))).fields).toEqual({ reportDueDay: "reportDueDay.range" });
    }
    for (const days of [-1, 15, "x", 2.5]) {
      expect((await refusal(updatePlan(actor, planId, { heading: "x", preamble: "", reminderDaysBefore: days }))).fields).toEqual({ reminderDaysBefore: "reminderDaysBefore.range" });
    }
    await updatePlan(actor, planId, { heading: `${YEAR}年工作思路`, preamble: "新的開篇。", reportDueDay: 1, reminderDaysBefore: 0 });
    expect(await prisma.workPlan.findUniqueOrThrow({ where: { id: planId } })).toMatchObject({ heading: `${YEAR}年工作思路`, preamble: "新的開篇。", reportDueDay: 1, reminderDaysBefore: 0 });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "plan.updated", objectId: planId } });
    expect(audit.before).toEqual({ heading: `${YEAR}年工作要點`, preamble: "全年工作安排。", reportDueDay: 25, reminderDaysBefore: 3 });
    expect(audit.after).toEqual({ heading: `${YEAR}年工作思路`, preamble: "新的開篇。", reportDueDay: 1, reminderDaysBefore: 0 });
    const list = await listAdminPlans(actor, { year: String(YEAR), departmentId });
    expect(list.plans.map((p) => [p.department.code, p.year, p.initiativeCount])).toEqual([[code, YEAR, 0]]);
    expect(list.years).toContain(YEAR);
  });

  it("adds, edits and archives themes with codes like the seed's", async () => {
    const first = await addTheme(actor, planId, { title: "著力推進創新", intro: "" });
    const second = await addTheme(actor, planId, { title: "著力推進質量", intro: "導語。" });
    expect([first.code, second.code]).toEqual([`${code}-${YEAR}-1`, `${code}-${YEAR}-2`]);
    expect((await refusal(addTheme(actor, planId, { title: " " }))).fields).toEqual({ title: "title.required" });

    await updateTheme(actor, second.id, { title: "著力推進質量提升", intro: "新導語。" });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "theme.updated", objectId: second.id } });
    expect([audit.before, audit.after]).toEqual([
      { title: "著力推進質量", intro: "導語。" },
      { title: "著力推進質量提升", intro: "新導語。" },
    ]);
  });

  it("adds initiatives with targets, due dates, lead and co-operating departments, and keeps the roll-ups right", async () => {
    const plan = await getAdminPlan(actor, planId);
    const [theme1, theme2] = plan?.themes ?? [];
    if (!theme1 || !theme2) throw new Error("expected two themes");
    const a = await addInitiative(actor, planId, {
      themeId: theme1.id,
      title: "建設創新中心",
      originalText: "建設3家左右國家制造業創新中心",
      targetValue: "3",
      targetUnit: "家",
      targetApproximate: "on",
      dueDate: `${YEAR}-10-31`,
      leadDepartmentId: kjsId,
      cooperatingDepartmentIds: [cyzcsId, departmentId, kjsId],
    });
    const b = await addInitiative(actor, planId, { themeId: theme1.id, title: "第二項", originalText: "第二項工作", dueDate: `${YEAR}-12-31`, leadDepartmentId: departmentId });
    const c = await addInitiative(actor, planId, { themeId: theme2.id, title: "第三項", originalText: "第三項工作", dueDate: `${YEAR}-12-31`, leadDepartmentId: departmentId });
    const d = await addInitiative(actor, planId, { themeId: "", title: "不在主題下", originalText: "不在主題下的工作", dueDate: `${YEAR}-12-31`, leadDepartmentId: departmentId });
    expect([a.code, b.code, c.code, d.code]).toEqual([`${code}-${YEAR}-1.1`, `${code}-${YEAR}-1.2`, `${code}-${YEAR}-2.1`, `${code}-${YEAR}-1`]);

    const row = await getAdminInitiative(actor, a.id);
    expect(row).toMatchObject({
      title: "建設創新中心",
      originalText: "建設3家左右國家制造業創新中心",
      target: { value: 3, unit: "家", approximate: true },
      department: { id: kjsId },
      progress: 0,
      health: null,
    });
    expect(row?.dueDate.toISOString().slice(0, 10)).toBe(`${YEAR}-10-31`);
    // The lead is not also a co-operating department.
    expect(new Set(row?.cooperatingDepartmentIds)).toEqual(new Set([cyzcsId, departmentId]));
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "initiative.created", objectId: a.id } });
    expect(audit.after).toMatchObject({ code: a.code, leadDepartment: "KJS", cooperatingDepartments: [code, "CYZCS"].sort(), target: { value: 3, unit: "家", approximate: true } });

    expect((await prisma.workPlan.findUniqueOrThrow({ where: { id: planId } })).initiativeCount).toBe(4);
    await expectRollupsRight(planId);

    const problems = await refusal(
      addInitiative(actor, planId, { themeId: theme1.id, title: "", originalText: "", targetValue: "12.345", dueDate: "2019-02-30", leadDepartmentId: departmentId }),
    );
    expect(problems.fields).toEqual({
      title: "title.required",
      originalText: "originalText.required",
      targetValue: "targetValue.decimals",
      targetUnit: "targetUnit.required",
      dueDate: "dueDate.invalid",
    });
    const noUnit = await refusal(addInitiative(actor, planId, { title: "x", originalText: "x", targetValue: "5", dueDate: `${YEAR}-12-31`, leadDepartmentId: departmentId }));
    expect(noUnit.fields).toEqual({ targetUnit: "targetUnit.required" });
    const early = await refusal(addInitiative(actor, planId, { title: "x", originalText: "x", dueDate: `${YEAR - 1}-12-31`, leadDepartmentId: departmentId }));
    expect(early.fields).toEqual({ dueDate: "dueDate.beforePlan" });
    const closed = await prisma.workPlan.findFirstOrThrow({ where: { department: { code: "KJS" }, year: 2017 } });
    expect((await refusal(addInitiative(actor, closed.id, { title: "x", originalText: "x", dueDate: "2017-12-31", leadDepartmentId: kjsId }))).fields).toEqual({ form: "plan.closed" });
  });

  it("edits an initiative users have reported on without touching its progress or history", async () => {
    const item = await prisma.initiative.findUniqueOrThrow({ where: { code: `${code}-${YEAR}-1.1` } });
    // A KJS staff member reports on it (KJS leads it).
    const reporter = await newUser("admin-plans", "STAFF", "KJS");
    await logProgress(reporter, item.id, { period: `${YEAR}-06`, progress: "40", health: "ON_TRACK", healthReason: "按計劃推進", workDone: "完成方案。", measuredValue: "1", baseVersion: "0" }, [], { now });
    const reported = await prisma.initiative.findUniqueOrThrow({ where: { id: item.id }, include: { updates: true } });
    expect([reported.progress, reported.health, reported.version, reported.updates.length]).toEqual([40, "ON_TRACK", 1, 1]);
    await expectRollupsRight(planId);

    await updateInitiative(actor, item.id, {
      title: "建設國家制造業創新中心",
      originalText: "建設4家國家制造業創新中心",
      targetValue: "4",
      targetUnit: "家",
      targetApproximate: false,
      dueDate: `${YEAR}-11-30`,
      leadDepartmentId: kjsId,
      cooperatingDepartmentIds: [cyzcsId],
    });
    const edited = await prisma.initiative.findUniqueOrThrow({ where: { id: item.id }, include: { updates: true, cooperations: true } });
    expect(edited).toMatchObject({
      code: item.code,
      title: "建設國家制造業創新中心",
      originalText: "建設4家國家制造業創新中心",
      targetUnit: "家",
      targetApproximate: false,
      progress: 40,
      health: "ON_TRACK",
      version: 1,
      lastUpdateAt: reported.lastUpdateAt,
    });
    expect(edited.targetValue?.toNumber()).toBe(4);
    expect(edited.measuredValue?.toNumber()).toBe(1);
    expect(edited.updates).toEqual(reported.updates);
    expect(edited.cooperations.map((c) => c.departmentId)).toEqual([cyzcsId]);
    await expectRollupsRight(planId);

    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "initiative.updated", objectId: item.id } });
    expect(audit.before).toMatchObject({ title: "建設創新中心", target: { value: 3, approximate: true }, dueDate: `${YEAR}-10-31`, cooperatingDepartments: [code, "CYZCS"].sort() });
    expect(audit.after).toMatchObject({ title: "建設國家制造業創新中心", target: { value: 4, approximate: false }, dueDate: `${YEAR}-11-30`, cooperatingDepartments: ["CYZCS"] });

    // The history is still the reporter's to see, the report form still takes the next month.
    const seen = await getInitiative(reporter, item.id);
    expect(seen?.updates).toHaveLength(1);
    expect(seen?.title).toBe("建設國家制造業創新中心");
  });

  it("archives an initiative: out of the plan's lists, roll-ups and reports; its page keeps its history", async () => {
    const item = await prisma.initiative.findUniqueOrThrow({ where: { code: `${code}-${YEAR}-1.1` } });
    const before = await prisma.workPlan.findUniqueOrThrow({ where: { id: planId } });
    await setInitiativeArchived(actor, item.id, true);

    const plan = await prisma.workPlan.findUniqueOrThrow({ where: { id: planId } });
    expect([before.initiativeCount, before.progress]).toEqual([4, 10]);
    expect([plan.initiativeCount, plan.progress]).toEqual([3, 0]);
    await expectRollupsRight(planId);

    const overview = await getPlanOverview(actor, YEAR);
    const mine = overview?.plans.find((p) => p.id === planId);
    const codes = [...(mine?.initiatives ?? []), ...(mine?.themes ?? []).flatMap((t) => t.initiatives)].map((i) => i.code);
    expect(codes.sort()).toEqual([`${code}-${YEAR}-1`, `${code}-${YEAR}-1.2`, `${code}-${YEAR}-2.1`]);
    const listed = await listInitiatives(actor, { year: String(YEAR), department: "KJS" });
    expect(listed.items.map((i) => i.code)).not.toContain(item.code);

    // Reachable by its id, with its history, marked archived; no more reports.
    const page = await getInitiative(actor, item.id);
    expect(page?.archivedAt).toBeInstanceOf(Date);
    expect(page?.updates).toHaveLength(1);
    const reporter = await newUser("admin-plans-archived", "STAFF", "KJS");
    const refused = await refusal(logProgress(reporter, item.id, { period: `${YEAR}-07`, progress: "50", health: "ON_TRACK", workDone: "x", baseVersion: "1" }, [], { now }));
    expect(refused.code).toBe("not_found");
    expect((await refusal(updateInitiative(actor, item.id, { title: "x", originalText: "x", dueDate: `${YEAR}-12-31`, leadDepartmentId: kjsId }))).fields).toEqual({
      form: "initiative.archived",
    });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "initiative.archived", objectId: item.id } });
    expect(audit.before).toMatchObject({ archivedAt: null });

    // Brought back, it counts again with the progress it had.
    await setInitiativeArchived(actor, item.id, false);
    expect((await prisma.workPlan.findUniqueOrThrow({ where: { id: planId } })).initiativeCount).toBe(4);
    await expectRollupsRight(planId);
    await setInitiativeArchived(actor, item.id, true);
  });

  it("archives a theme with its initiatives, and the plan pages leave both out", async () => {
    const theme = await prisma.theme.findUniqueOrThrow({ where: { code: `${code}-${YEAR}-2` } });
    await archiveTheme(actor, theme.id);
    expect(await prisma.initiative.count({ where: { themeId: theme.id, archivedAt: null } })).toBe(0);
    expect((await prisma.workPlan.findUniqueOrThrow({ where: { id: planId } })).initiativeCount).toBe(2);
    await expectRollupsRight(planId);
    const overview = await getPlanOverview(actor, YEAR);
    const mine = overview?.plans.find((p) => p.id === planId);
    expect(mine?.themes.map((t) => t.code)).toEqual([`${code}-${YEAR}-1`]);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "theme.archived", objectId: theme.id } });
    expect(audit.after).toMatchObject({ initiativesArchived: [`${code}-${YEAR}-2.1`] });
    // No new initiative in an archived theme; a new theme takes the next ordinal, never an archived one's.
    expect((await refusal(addInitiative(actor, planId, { themeId: theme.id, title: "x", originalText: "x", dueDate: `${YEAR}-12-31`, leadDepartmentId: departmentId }))).fields).toEqual({
      themeId: "themeId.archived",
    });
    expect((await addTheme(actor, planId, { title: "第三主題" })).code).toBe(`${code}-${YEAR}-3`);
    // Ordinals are not reused after an archive either.
    const next = await addInitiative(actor, planId, { themeId: (await prisma.theme.findUniqueOrThrow({ where: { code: `${code}-${YEAR}-1` } })).id, title: "x", originalText: "x", dueDate: `${YEAR}-12-31`, leadDepartmentId: departmentId });
    expect(next.code).toBe(`${code}-${YEAR}-1.3`);
  });

  it("is the admins' alone", async () => {
    const manager = await viewer("director@demo.local");
    expect((await refusal(listAdminPlans(manager))).code).toBe("forbidden");
    expect((await refusal(createPlan(manager, { departmentId, year: 2040, heading: "x" }))).code).toBe("forbidden");
    expect((await refusal(updatePlan(manager, planId, { heading: "x" }))).code).toBe("forbidden");
    expect((await refusal(addInitiative(manager, planId, {}))).code).toBe("forbidden");
    expect((await refusal(setInitiativeArchived(manager, planId, true))).code).toBe("forbidden");
  });
});
