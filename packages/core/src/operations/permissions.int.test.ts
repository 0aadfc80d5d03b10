import { prisma } from "@workplan/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSeed } from "../../../../prisma/seed/run-seed";
import { chaseInitiative } from "./chase";
import { getDashboard } from "./dashboard";
import { editUpdate } from "./edit-update";
import { requestExtension } from "./extension-requests";
import { getInitiative } from "./get-initiative";
import { logProgress } from "./log-progress";
import { addMilestone } from "./milestones";
import { reviewUpdate } from "./review-update";
import { refusal } from "../testing/progress-testing";
import { newDepartmentWithPlan, removeDepartment, type TestDepartment } from "../testing/scale-testing";

// Every operation asks rules/policy.ts, with the state of what it acts on, and the page reads the
// same answers as capabilities: a closed, archived or prior-year initiative refuses the work the
// matrix refuses, whichever door the request comes through.

const NOW = new Date("2018-07-01T00:00:00Z");
const report = (baseVersion: number) => ({ period: "2018-06", progress: "50", health: "ON_TRACK", workDone: "推进中", baseVersion: String(baseVersion) });
const version = async (id: string) => (await prisma.initiative.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;

describe("operations follow the permission matrix, state included", () => {
  let dept: TestDepartment;
  let closed: string;
  let archived: string;
  let open: string;

  beforeAll(async () => {
    await runSeed({ demo: true });
    dept = await newDepartmentWithPlan("PRM", 3);
    [closed, archived, open] = dept.initiatives.map((i) => i.id) as [string, string, string];
    await prisma.initiative.update({ where: { id: closed }, data: { closedAt: NOW, outcome: "ACHIEVED" } });
    await prisma.initiative.update({ where: { id: archived }, data: { archivedAt: NOW } });
  });
  afterAll(async () => {
    await prisma.milestone.deleteMany({ where: { initiativeId: { in: dept.initiatives.map((i) => i.id) } } });
    await prisma.extensionRequest.deleteMany({ where: { initiativeId: { in: dept.initiatives.map((i) => i.id) } } });
    await prisma.chase.deleteMany({ where: { initiativeId: { in: dept.initiatives.map((i) => i.id) } } });
    await removeDepartment(dept);
    await prisma.$disconnect();
  });

  it("a closed initiative takes no report, milestone, extension request or chase; its page offers none", async () => {
    const refused = [
      await refusal(logProgress(dept.staff, closed, report(await version(closed)), [], { now: NOW })),
      await refusal(addMilestone(dept.staff, closed, { title: "验收", dueDate: "2018-09-30" })),
      await refusal(requestExtension(dept.staff, closed, { requestedDueDate: "2019-03-31", reason: "需要更多时间" }, { now: NOW })),
    ];
    expect(refused.map((e) => e.fields)).toEqual([{ form: "initiative.closed" }, { form: "initiative.closed" }, { form: "initiative.closed" }]);
    expect((await refusal(chaseInitiative(dept.manager, closed, {}, { now: NOW }))).fields).toEqual({ form: "chase.notLate" });
    expect(await prisma.progressUpdate.count({ where: { initiativeId: closed } })).toBe(0);

    const asStaff = await getInitiative(dept.staff, closed);
    expect(asStaff?.capabilities).toEqual({
      canReport: false,
      canManageMilestones: false,
      canRequestExtension: false,
      canDecideExtensions: false,
      canChase: false,
      canClose: false,
    });
    // Its manager may still undo the close.
    expect((await getInitiative(dept.manager, closed))?.capabilities).toMatchObject({ canClose: true, canChase: false });
  });

  it("an archived initiative is read-only for everyone, and its waiting report can be neither edited nor reviewed", async () => {
    const asStaff = await getInitiative(dept.staff, archived);
    expect(asStaff && Object.values(asStaff.capabilities).some(Boolean)).toBe(false);
    expect((await refusal(logProgress(dept.staff, archived, report(await version(archived)), [], { now: NOW }))).code).toMatch(/not_found|invalid/);

    const filed = await logProgress(dept.staff, open, report(await version(open)), [], { now: NOW });
    const page = await getInitiative(dept.manager, open);
    expect(page?.updates.find((u) => u.id === filed.updateId)?.capabilities).toEqual({ canReview: true, canEdit: false });
    expect((await getInitiative(dept.staff, open))?.updates.find((u) => u.id === filed.updateId)?.capabilities).toEqual({ canReview: false, canEdit: true });

    await prisma.initiative.update({ where: { id: open }, data: { archivedAt: NOW } });
    try {
      const text = { workDone: "改了措辞", problems: "", nextSteps: "", version: "1" };
      expect((await refusal(editUpdate(dept.staff, filed.updateId, text))).code).toBe("not_found");
      expect((await refusal(reviewUpdate(dept.manager, filed.updateId, { decision: "approve" }))).code).toBe("not_found");
    } finally {
      await prisma.initiative.update({ where: { id: open }, data: { archivedAt: null } });
    }
  });

  it("a closed initiative's waiting report is still reviewed, from its page as from the queue", async () => {
    const filed = await logProgress(dept.staff, open, { ...report(await version(open)), progress: "60" }, [], { now: NOW });
    await prisma.initiative.update({ where: { id: open }, data: { closedAt: NOW, outcome: "ACHIEVED" } });
    try {
      const page = await getInitiative(dept.manager, open);
      expect(page?.updates.find((u) => u.id === filed.updateId)?.capabilities.canReview).toBe(true);
      await reviewUpdate(dept.manager, filed.updateId, { decision: "approve" });
      expect((await prisma.progressUpdate.findUniqueOrThrow({ where: { id: filed.updateId } })).status).toBe("APPROVED");
    } finally {
      await prisma.initiative.update({ where: { id: open }, data: { closedAt: null, outcome: null } });
    }
  });

  it("the prior year's record (a closed plan) takes no report or extension request, and its page offers none", async () => {
    await prisma.workPlan.update({ where: { id: dept.planId }, data: { status: "CLOSED" } });
    try {
      expect((await getInitiative(dept.staff, open))?.capabilities).toMatchObject({ canReport: false, canRequestExtension: false, canManageMilestones: false });
      expect((await refusal(requestExtension(dept.staff, open, { requestedDueDate: "2019-03-31", reason: "需要更多时间" }, { now: NOW }))).fields).toEqual({
        form: "initiative.closed",
      });
      expect((await refusal(logProgress(dept.staff, open, report(await version(open)), [], { now: NOW }))).fields).toEqual({ form: "initiative.closed" });
    } finally {
      await prisma.workPlan.update({ where: { id: dept.planId }, data: { status: "ACTIVE" } });
    }
  });

  it("read operations check their own permission too: the overview refuses staff", async () => {
    expect((await refusal(getDashboard(dept.staff, { now: NOW }))).code).toBe("not_found");
    await expect(getDashboard(dept.manager, { now: NOW })).resolves.toMatchObject({ department: "PRM" });
  });
});
