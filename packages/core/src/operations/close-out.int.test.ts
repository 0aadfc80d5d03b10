import { prisma } from "@workplan/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSeed } from "../../../../prisma/seed/run-seed";
import type { Viewer } from "../rules/policy";
import { addInitiative } from "./admin-initiatives";
import { addTheme, createPlan } from "./admin-plans";
import { chaseDepartment, chaseInitiative } from "./chase";
import {
  AlreadyCarriedError,
  AlreadyClosedError,
  CLOSED_EXTENSION_COMMENT,
  carryOverInitiative,
  closeInitiative,
  getCloseOut,
  reopenInitiative,
} from "./close-out";
import { AlreadyDecidedError, decideExtension, listPendingExtensions, requestExtension } from "./extension-requests";
import { logProgress } from "./log-progress";
import { newUser, refusal, snapshotProgressState, viewer } from "../testing/progress-testing";
import { getInitiativeLight } from "./reporting-calendar";

// The initiatives this file closes; everything is put back afterwards (the next year's plans it
// creates, as an admin would before a carry-over, are deleted), so that no other file sees a closed
// initiative or a 2019 plan.
const CLOSE = "CYZCS-2018-5";
const RACE = "CYZCS-2018-4";
const DROP = "CYZCS-2018-6";
const THEMED = "KJS-2018-2.1";
const bj = (s: string) => new Date(`${s}+08:00`);
const LATE = bj("2018-06-27T10:00:00"); // June's report overdue: an open initiative is red
const MID_YEAR = new Date("2018-07-01T00:00:00Z");

const closeFields = { closedAt: true, outcome: true, closingNote: true, closedById: true, version: true, progress: true, health: true } as const;

async function initiative(code: string) {
  return prisma.initiative.findUniqueOrThrow({ where: { code }, select: { id: true, departmentId: true, planId: true, ...closeFields } });
}

function report(baseVersion: number) {
  return { period: "2018-06", progress: "50", health: "ON_TRACK", workDone: "召開推進會，完成方案初稿。", baseVersion: String(baseVersion) };
}

describe("close-out", () => {
  let director: Viewer;
  let admin: Viewer;
  let policyLead: Viewer;
  let policyStaff: Viewer;
  let kjsLead: Viewer;
  let saved: Awaited<ReturnType<typeof initiative>>[] = [];
  let plansBefore: string[] = [];
  let chasesBefore: string[] = [];
  let chaseCounts: { id: string; chaseCount: number }[] = [];
  let restoreProgress: () => Promise<void> = async () => {};

  beforeAll(async () => {
    await runSeed({ demo: true });
    director = await viewer("director@demo.local");
    admin = await viewer("admin@demo.local");
    policyLead = await viewer("policy.lead@demo.local");
    policyStaff = await newUser("close", "STAFF", "CYZCS");
    kjsLead = await newUser("close-lead", "MANAGER", "KJS");
    saved = await Promise.all([CLOSE, RACE, DROP, THEMED].map(initiative));
    plansBefore = (await prisma.workPlan.findMany({ select: { id: true } })).map((p) => p.id);
    chasesBefore = (await prisma.chase.findMany({ select: { id: true } })).map((c) => c.id);
    chaseCounts = await prisma.initiative.findMany({ select: { id: true, chaseCount: true } });
    restoreProgress = await snapshotProgressState();
  });

  afterAll(async () => {
    // The carried initiatives go with the plans this file created (cascade), then the origins reopen.
    await prisma.workPlan.deleteMany({ where: { id: { notIn: plansBefore } } });
    await prisma.extensionRequest.deleteMany({ where: { initiativeId: { in: saved.map((s) => s.id) } } });
    await prisma.chase.deleteMany({ where: { id: { notIn: chasesBefore } } });
    const counts = new Map((await prisma.initiative.findMany({ select: { id: true, chaseCount: true } })).map((r) => [r.id, r.chaseCount]));
    for (const { id, chaseCount } of chaseCounts) {
      if (counts.get(id) !== chaseCount) await prisma.initiative.update({ where: { id }, data: { chaseCount } });
    }
    // Reports, progress, versions and roll-ups as they were; then the close-out fields.
    await restoreProgress();
    for (const { id, closedAt, outcome, closingNote, closedById } of saved) {
      await prisma.initiative.update({ where: { id }, data: { closedAt, outcome, closingNote, closedById } });
    }
  });

  it("refuses a close-out without an outcome or a note, next to the field, and writes nothing", async () => {
    const item = await initiative(CLOSE);
    const audits = await prisma.auditEvent.count();
    const empty = await refusal(closeInitiative(policyLead, { initiativeId: item.id, note: "   " }));
    expect(empty.code).toBe("invalid");
    expect(empty.fields).toEqual({ outcome: "outcome.required", note: "note.required" });
    const bad = await refusal(closeInitiative(policyLead, { initiativeId: item.id, outcome: "DONE", note: "x" }));
    expect(bad.fields).toEqual({ outcome: "outcome.required" });
    const long = await refusal(closeInitiative(policyLead, { initiativeId: item.id, outcome: "ACHIEVED", note: "长".repeat(2001) }));
    expect(long.fields).toEqual({ note: "note.tooLong" });
    expect(await initiative(CLOSE)).toEqual(item);
    expect(await prisma.auditEvent.count()).toBe(audits);
  });

  it("is for managers over the lead department: staff, other departments' managers and admins find nothing", async () => {
    const item = await initiative(CLOSE);
    for (const v of [policyStaff, kjsLead, admin]) {
      const error = await refusal(closeInitiative(v, { initiativeId: item.id, outcome: "ACHIEVED", note: "完成" }));
      expect(error.code).toBe("not_found");
    }
    expect((await refusal(closeInitiative(policyLead, { initiativeId: "not-an-id", outcome: "ACHIEVED", note: "完成" }))).code).toBe("not_found");
    expect(await initiative(CLOSE)).toEqual(item);
  });

  it("closes with the outcome and the trimmed note, keeps progress as reported, audits it and tells the staff", async () => {
    const item = await initiative(CLOSE);
    const planBefore = await prisma.workPlan.findUniqueOrThrow({ where: { id: item.planId }, select: { progress: true, initiativeCount: true } });
    // An earlier request, decided, and one still pending when the initiative is closed.
    const decided = await prisma.extensionRequest.create({
      data: {
        initiativeId: item.id,
        requesterId: policyStaff.id,
        currentDueDate: new Date("2018-12-31T00:00:00Z"),
        requestedDueDate: new Date("2019-03-31T00:00:00Z"),
        reason: "等待批复",
        status: "REFUSED",
        deciderId: director.id,
        decisionComment: "按期完成",
        decidedAt: new Date("2018-04-01T00:00:00Z"),
      },
    });
    const { requestId } = await requestExtension(
      policyStaff,
      item.id,
      { requestedDueDate: "2019-06-30", reason: "试点需延至明年" },
      { now: new Date("2018-11-01T00:00:00Z") },
    );
    expect((await listPendingExtensions(policyLead)).map((r) => r.id)).toContain(requestId);
    const now = new Date("2018-12-28T08:00:00Z");
    const result = await closeInitiative(
      policyLead,
      { initiativeId: item.id, outcome: "PARTLY_ACHIEVED", note: "  完成了兩項中的一項，其餘轉入明年。  ", baseVersion: item.version },
      { now, ip: "10.0.0.5" },
    );
    expect(result).toMatchObject({ outcome: "PARTLY_ACHIEVED", version: item.version + 1 });
    const after = await initiative(CLOSE);
    expect(after).toMatchObject({
      closedAt: now,
      outcome: "PARTLY_ACHIEVED",
      closingNote: "完成了兩項中的一項，其餘轉入明年。",
      closedById: policyLead.id,
      version: item.version + 1,
      progress: item.progress,
      health: item.health,
    });
    // Nothing the roll-ups read changed.
    expect(await prisma.workPlan.findUniqueOrThrow({ where: { id: item.planId }, select: { progress: true, initiativeCount: true } })).toEqual(planBefore);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "initiative.closed", objectId: item.id }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ actorId: policyLead.id, objectType: "Initiative", ip: "10.0.0.5" });
    expect(audit.before).toMatchObject({ closedAt: null, outcome: null });
    expect(audit.after).toMatchObject({
      outcome: "PARTLY_ACHIEVED",
      closingNote: "完成了兩項中的一項，其餘轉入明年。",
      closedById: policyLead.id,
      closedExtensionRequests: [requestId],
    });
    // The pending extension request is ended with the close, by the closer, saying why; it leaves
    // the review queue and cannot be decided any more. The decided one is left as it was.
    expect(await prisma.extensionRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({
      status: "REFUSED",
      decisionComment: CLOSED_EXTENSION_COMMENT,
      deciderId: policyLead.id,
      decidedAt: now,
    });
    expect(await prisma.extensionRequest.findUniqueOrThrow({ where: { id: decided.id } })).toEqual(decided);
    expect((await listPendingExtensions(policyLead)).map((r) => r.id)).not.toContain(requestId);
    expect(await refusal(decideExtension(policyLead, requestId, { decision: "approve" }))).toBeInstanceOf(AlreadyDecidedError);
    expect((await initiative(CLOSE)).closedAt).toEqual(now);
    const note = await prisma.notification.findFirst({ where: { userId: policyStaff.id, kind: "initiative.closed", link: `/initiatives/${item.id}` } });
    expect(note?.params).toMatchObject({ code: CLOSE, outcome: "PARTLY_ACHIEVED" });
    expect(await prisma.notification.count({ where: { userId: policyLead.id, kind: "initiative.closed" } })).toBe(0);

    const view = await getCloseOut(policyStaff, item.id);
    expect(view).toMatchObject({ outcome: "PARTLY_ACHIEVED", closedBy: "产业政策司处长", carriedFrom: null, carriedTo: null });
    // A second close is refused and changes nothing.
    const again = await refusal(closeInitiative(director, { initiativeId: item.id, outcome: "DROPPED", note: "撤销" }));
    expect(again).toBeInstanceOf(AlreadyClosedError);
    expect(await initiative(CLOSE)).toEqual(after);
  });

  it("takes no more reports, extension requests or chases once closed", async () => {
    const item = await initiative(CLOSE);
    expect(item.closedAt).not.toBeNull();
    const reported = await refusal(logProgress(policyStaff, item.id, report(item.version), [], { now: MID_YEAR }));
    expect(reported.fields).toMatchObject({ form: "initiative.closed" });
    const extension = await refusal(
      requestExtension(policyStaff, item.id, { requestedDueDate: "2019-06-30", reason: "来不及" }, { now: MID_YEAR }),
    );
    expect(extension.fields).toEqual({ form: "initiative.closed" });
    // The open one next to it is late in June and can be chased; the closed one is not late.
    const open = await initiative(RACE);
    expect((await getInitiativeLight(director, open.id, LATE))?.light).not.toBe("GREEN");
    expect((await getInitiativeLight(director, item.id, LATE))?.light).toBe("GREEN");
    const chased = await refusal(chaseInitiative(director, item.id, {}, { now: LATE }));
    expect(chased.fields).toEqual({ form: "chase.notLate" });
    const batch = await chaseDepartment(director, { departmentId: item.departmentId, year: 2018 }, {}, { now: LATE });
    expect(batch.codes).toContain(RACE);
    expect(batch.codes).not.toContain(CLOSE);
    expect(await prisma.chase.count({ where: { initiativeId: item.id, id: { notIn: chasesBefore } } })).toBe(0);
    expect(await initiative(CLOSE)).toEqual(item);
  });

  it("keeps a request left pending on an initiative closed outside the close-out out of the queue and undecidable", async () => {
    const item = await initiative(RACE);
    const far = new Date("2018-03-01T00:00:00Z");
    const { requestId } = await requestExtension(policyStaff, item.id, { requestedDueDate: "2019-06-30", reason: "需要协调" }, { now: far });
    expect((await listPendingExtensions(policyLead)).map((r) => r.id)).toContain(requestId);
    await prisma.initiative.update({ where: { id: item.id }, data: { closedAt: new Date(), outcome: "DROPPED" } });
    expect((await listPendingExtensions(policyLead)).map((r) => r.id)).not.toContain(requestId);
    const decided = await refusal(decideExtension(policyLead, requestId, { decision: "approve" }));
    expect(decided.fields).toEqual({ form: "initiative.closed" });
    expect((await prisma.extensionRequest.findUniqueOrThrow({ where: { id: requestId } })).status).toBe("PENDING");
    await prisma.extensionRequest.delete({ where: { id: requestId } });
    await prisma.initiative.update({ where: { id: item.id }, data: { closedAt: null, outcome: null } });
  });

  it("lets exactly one of two managers closing at the same moment win, and leaves no request pending", async () => {
    const item = await initiative(RACE);
    // An extension request at the same moment: refused as closed, or made first and ended by the close.
    const [first, second, request] = await Promise.allSettled([
      closeInitiative(policyLead, { initiativeId: item.id, outcome: "ACHIEVED", note: "全部完成" }),
      closeInitiative(director, { initiativeId: item.id, outcome: "NOT_ACHIEVED", note: "未能完成" }),
      requestExtension(policyStaff, item.id, { requestedDueDate: "2019-06-30", reason: "需要协调" }, { now: new Date("2018-03-01T00:00:00Z") }),
    ]);
    const results = [first, second];
    if (request.status === "rejected") expect((request.reason as { fields?: unknown }).fields).toEqual({ form: "initiative.closed" });
    expect(await prisma.extensionRequest.count({ where: { initiativeId: item.id, status: "PENDING" } })).toBe(0);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect(rejected?.status === "rejected" && rejected.reason).toBeInstanceOf(AlreadyClosedError);
    const after = await initiative(RACE);
    expect(after.version).toBe(item.version + 1);
    expect(await prisma.auditEvent.count({ where: { action: "initiative.closed", objectId: item.id } })).toBe(1);
  });

  it("refuses a close against a stale version: someone reported since the page was read", async () => {
    const item = await initiative(DROP);
    await logProgress(policyStaff, item.id, report(item.version), [], { now: MID_YEAR });
    const stale = await refusal(closeInitiative(policyLead, { initiativeId: item.id, outcome: "DROPPED", note: "撤销", baseVersion: item.version }));
    expect(stale.code).toBe("conflict");
    expect(stale.fields).toEqual({ form: "closeOut.stale" });
    expect((await initiative(DROP)).closedAt).toBeNull();
  });

  it("refuses to carry over before next year's plan exists, and creates no plan (it would block the import of the real one)", async () => {
    const origin = await initiative(CLOSE);
    expect(origin.outcome).toBe("PARTLY_ACHIEVED");
    expect(await prisma.workPlan.findFirst({ where: { departmentId: origin.departmentId, year: 2019 } })).toBeNull();
    const audits = await prisma.auditEvent.count();
    const refused = await refusal(carryOverInitiative(policyLead, { initiativeId: origin.id }));
    expect(refused.code).toBe("invalid");
    expect(refused.fields).toEqual({ targetPlanId: "closeOut.noNextPlan" });
    expect(await prisma.workPlan.count({ where: { departmentId: origin.departmentId, year: { gt: 2018 } } })).toBe(0);
    expect(await prisma.initiative.count({ where: { carriedFromId: origin.id } })).toBe(0);
    expect(await prisma.auditEvent.count()).toBe(audits);
    // The page explains it instead of offering a button that fails.
    expect((await getCloseOut(policyLead, origin.id))?.nextPlan).toEqual({ year: 2019, status: null });
    // A plan given explicitly must be a later one of the department.
    const wrong = await refusal(carryOverInitiative(policyLead, { initiativeId: origin.id, targetPlanId: origin.planId }));
    expect(wrong.fields).toEqual({ targetPlanId: "closeOut.target" });
  });

  it("carries a partly achieved initiative into the next year's plan the admin made, after its own items, once, linked both ways", async () => {
    const origin = await prisma.initiative.findUniqueOrThrow({
      where: { code: CLOSE },
      select: { id: true, title: true, originalText: true, sourceParagraph: true, targetValue: true, targetUnit: true, departmentId: true },
    });
    // The admin makes the 2019 plan (as an import would) with an item of its own: CYZCS-2019-1.
    const { id: planId } = await createPlan(admin, { departmentId: origin.departmentId, year: 2019, heading: "2019年工作要點", reportDueDay: "20" });
    const own = await addInitiative(admin, planId, { title: "新工作", originalText: "開展新工作。", dueDate: "2019-12-31", leadDepartmentId: origin.departmentId });
    expect(own.code).toBe("CYZCS-2019-1");
    expect((await getCloseOut(policyLead, origin.id))?.nextPlan).toEqual({ year: 2019, status: "ACTIVE" });
    // Staff cannot; two managers at once: one carries it over, the other is told it is done.
    expect((await refusal(carryOverInitiative(policyStaff, { initiativeId: origin.id }))).code).toBe("not_found");
    const results = await Promise.allSettled([
      carryOverInitiative(policyLead, { initiativeId: origin.id }, { ip: "10.0.0.6" }),
      carryOverInitiative(director, { initiativeId: origin.id }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect(rejected?.status === "rejected" && rejected.reason).toBeInstanceOf(AlreadyCarriedError);
    const result = won[0]?.status === "fulfilled" ? won[0].value : null;
    expect(result).toMatchObject({ code: "CYZCS-2019-2", year: 2019, planId });

    // The admin's plan as it was, with one more initiative.
    expect(await prisma.workPlan.count({ where: { departmentId: origin.departmentId, year: 2019 } })).toBe(1);
    const plan = await prisma.workPlan.findUniqueOrThrow({ where: { id: planId } });
    expect(plan).toMatchObject({ status: "ACTIVE", heading: "2019年工作要點", reportDueDay: 20, initiativeCount: 2, progress: 0 });
    const carried = await prisma.initiative.findUniqueOrThrow({ where: { code: "CYZCS-2019-2" } });
    expect(carried).toMatchObject({
      planId: plan.id,
      themeId: null,
      departmentId: origin.departmentId,
      title: origin.title,
      originalText: origin.originalText,
      sourceParagraph: origin.sourceParagraph,
      targetUnit: origin.targetUnit,
      dueDate: new Date("2019-12-31T00:00:00Z"),
      progress: 0,
      health: null,
      closedAt: null,
      carriedFromId: origin.id,
    });
    expect(carried.targetValue?.toString() ?? null).toBe(origin.targetValue?.toString() ?? null);
    expect(carried.searchText).toContain("cyzcs-2019-2");
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "initiative.carried_over", objectId: carried.id } });
    expect(audit.after).toMatchObject({ carriedFrom: CLOSE, code: "CYZCS-2019-2", year: 2019, planId });

    // Both pages link to each other; the staff see the link and can report on the new one.
    expect(await getCloseOut(policyStaff, origin.id)).toMatchObject({ carriedTo: { id: carried.id, code: "CYZCS-2019-2", plan: { year: 2019 } }, nextPlan: null });
    expect(await getCloseOut(policyStaff, carried.id)).toMatchObject({ carriedFrom: { id: origin.id, code: CLOSE, plan: { year: 2018 } }, carriedTo: null });
    // Once only, and then the close cannot be undone.
    expect(await refusal(carryOverInitiative(policyLead, { initiativeId: origin.id }))).toBeInstanceOf(AlreadyCarriedError);
    expect(await refusal(reopenInitiative(policyLead, origin.id))).toBeInstanceOf(AlreadyCarriedError);
  });

  it("carries a themed initiative into the next year's theme of the same title, with its co-operating departments", async () => {
    const origin = await initiative(THEMED);
    const row = await prisma.initiative.findUniqueOrThrow({ where: { id: origin.id }, select: { theme: { select: { title: true } } } });
    const cyzcs = await prisma.department.findUniqueOrThrow({ where: { code: "CYZCS" }, select: { id: true } });
    await prisma.initiativeCooperation.create({ data: { initiativeId: origin.id, departmentId: cyzcs.id } });
    try {
      // Not before it is closed.
      expect((await refusal(carryOverInitiative(director, { initiativeId: origin.id }))).fields).toEqual({ form: "closeOut.notClosed" });
      await closeInitiative(director, { initiativeId: origin.id, outcome: "NOT_ACHIEVED", note: "條件不具備" });
      // The admin's 2019 plan has a theme of its own (KJS-2019-1), with an item.
      const { id: planId } = await createPlan(admin, { departmentId: origin.departmentId, year: 2019, heading: "2019年工作計劃" });
      const other = await addTheme(admin, planId, { title: "其他工作" });
      await addInitiative(admin, planId, { themeId: other.id, title: "一", originalText: "一", dueDate: "2019-12-31", leadDepartmentId: origin.departmentId });
      const result = await carryOverInitiative(director, { initiativeId: origin.id, dueDate: "2019-06-30" });
      expect(result.planId).toBe(planId);
      const carried = await prisma.initiative.findUniqueOrThrow({
        where: { id: result.initiativeId },
        select: { code: true, dueDate: true, theme: { select: { title: true, code: true } }, cooperations: { select: { departmentId: true } } },
      });
      // A theme of the origin's title is added after the plan's own.
      expect(carried).toMatchObject({ code: "KJS-2019-2.1", dueDate: new Date("2019-06-30T00:00:00Z"), theme: { title: row.theme?.title, code: "KJS-2019-2" } });
      expect(carried.cooperations.map((c) => c.departmentId)).toEqual([cyzcs.id]);
      // The co-operating department's staff see it (and its origin) too.
      expect(await getCloseOut(policyStaff, result.initiativeId)).toMatchObject({ carriedFrom: { code: THEMED } });
      const themes = await prisma.theme.findMany({ where: { planId: result.planId }, orderBy: { ordinal: "asc" }, select: { code: true, initiativeCount: true } });
      expect(themes).toEqual([
        { code: "KJS-2019-1", initiativeCount: 1 },
        { code: "KJS-2019-2", initiativeCount: 1 },
      ]);
    } finally {
      await prisma.initiativeCooperation.delete({ where: { initiativeId_departmentId: { initiativeId: origin.id, departmentId: cyzcs.id } } });
    }
  });

  it("does not carry over what was achieved or dropped; a mistaken close can be reopened until it is carried over", async () => {
    const item = await initiative(DROP);
    await closeInitiative(policyLead, { initiativeId: item.id, outcome: "DROPPED", note: "任務調整，不再實施" });
    const refused = await refusal(carryOverInitiative(policyLead, { initiativeId: item.id }));
    expect(refused.fields).toEqual({ form: "closeOut.notCarryable" });
    expect(await prisma.initiative.count({ where: { carriedFromId: item.id } })).toBe(0);

    expect((await refusal(reopenInitiative(policyStaff, item.id))).code).toBe("not_found");
    const closed = await initiative(DROP);
    const { version } = await reopenInitiative(policyLead, item.id, { ip: "10.0.0.7" });
    const reopened = await initiative(DROP);
    expect(reopened).toMatchObject({ closedAt: null, outcome: null, closingNote: null, closedById: null, version: closed.version + 1 });
    expect(version).toBe(closed.version + 1);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "initiative.reopened", objectId: item.id } });
    expect(audit.before).toMatchObject({ outcome: "DROPPED", closingNote: "任務調整，不再實施" });
    expect((await refusal(reopenInitiative(policyLead, item.id))).fields).toEqual({ form: "closeOut.notClosed" });
    // Open again: it takes reports.
    await logProgress(policyStaff, item.id, report(reopened.version), [], { now: MID_YEAR });
  });
});
