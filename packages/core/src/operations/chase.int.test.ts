import { prisma } from "@workplan/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSeed } from "../../../../prisma/seed/run-seed";
import type { Viewer } from "../rules/policy";
import { defined } from "../testing/defined";
import { addInitiative } from "./admin-initiatives";
import { createPlan } from "./admin-plans";
import { chaseDepartment, chaseInitiative, getChaseHistory, CHASE_HISTORY_LIMIT, previewDepartmentChase } from "./chase";
import { listAuditEvents } from "./list-audit-events";
import { logProgress } from "./log-progress";
import { newUser, refusal, snapshotProgressState, viewer } from "../testing/progress-testing";

const bj = (s: string) => new Date(`${s}+08:00`);
const LATE = bj("2018-06-27T10:00:00"); // June's report overdue
const EARLY = bj("2018-06-05T10:00:00"); // before the yellow window

describe("chasing", () => {
  let director: Viewer;
  let policyLead: Viewer;
  let techStaff: Viewer;
  let chasesBefore: string[] = [];
  let counts: { id: string; chaseCount: number }[] = [];
  let restoreProgress: () => Promise<void> = async () => {};
  let target = "";
  let kjs = "";

  /** What a refused chase must leave alone: the initiative's chases and count, the staff's notifications, the audit trail of it. */
  async function footprint(initiativeId: string) {
    const [chases, row, notes, audits] = await Promise.all([
      prisma.chase.count({ where: { initiativeId } }),
      prisma.initiative.findUniqueOrThrow({ where: { id: initiativeId }, select: { chaseCount: true } }),
      prisma.notification.count({ where: { userId: techStaff.id } }),
      prisma.auditEvent.count({ where: { action: "initiative.chased", objectId: initiativeId } }),
    ]);
    return { chases, chaseCount: row.chaseCount, notes, audits };
  }

  beforeAll(async () => {
    await runSeed({ demo: true });
    director = await viewer("director@demo.local");
    policyLead = await viewer("policy.lead@demo.local");
    techStaff = await newUser("chased", "STAFF", "KJS");
    chasesBefore = (await prisma.chase.findMany({ select: { id: true } })).map((c) => c.id);
    counts = await prisma.initiative.findMany({ select: { id: true, chaseCount: true } });
    restoreProgress = await snapshotProgressState();
    const row = await prisma.initiative.findUniqueOrThrow({ where: { code: "KJS-2018-1.4" }, select: { id: true, departmentId: true } });
    target = row.id;
    kjs = row.departmentId;
  });
  afterAll(async () => {
    await prisma.chase.deleteMany({ where: { id: { notIn: chasesBefore } } });
    await restoreProgress();
    const now = new Map((await prisma.initiative.findMany({ select: { id: true, chaseCount: true } })).map((r) => [r.id, r.chaseCount]));
    for (const { id, chaseCount } of counts) {
      if (now.get(id) !== chaseCount) await prisma.initiative.update({ where: { id }, data: { chaseCount } });
    }
    await prisma.$disconnect();
  });

  it("records a chase of a late initiative with its note and reply-by day, counts it, audits it and notifies the department's staff with both", async () => {
    const before = await prisma.initiative.findUniqueOrThrow({ where: { id: target }, select: { chaseCount: true } });
    const result = await chaseInitiative(director, target, { note: "请于本周内报送", replyBy: "2018-06-29" }, { now: LATE });
    expect(result.chaseCount).toBe(before.chaseCount + 1);
    const chase = await prisma.chase.findUniqueOrThrow({ where: { id: result.chaseId } });
    expect(chase).toMatchObject({ initiativeId: target, chaserId: director.id, note: "请于本周内报送", replyBy: new Date("2018-06-29T00:00:00Z") });
    // Stamped with the plan calendar's time, as the reports it is compared with are.
    expect(chase.createdAt).toEqual(LATE);
    const note = await prisma.notification.findFirst({ where: { userId: techStaff.id, kind: "chase.received" }, orderBy: { createdAt: "desc" } });
    expect(note?.params).toEqual({ code: "KJS-2018-1.4", title: expect.any(String), note: "请于本周内报送", replyBy: "2018-06-29" });
    expect(note?.link).toBe(`/initiatives/${target}`);
    // The audit page's filter by object finds the chase, with what it said, among the initiative's other events.
    const admin = await viewer("admin@demo.local");
    const page = await listAuditEvents(admin, { objectType: "Initiative", objectId: target, action: "initiative.chased" });
    const audited = page.items.find((e) => (e.after as { chaseId?: string } | null)?.chaseId === result.chaseId);
    expect(audited?.after).toMatchObject({ note: "请于本周内报送", replyBy: "2018-06-29", chaseCount: result.chaseCount });
  });

  it("sends a chase without note or day as before, both left empty", async () => {
    const result = await chaseInitiative(director, target, { note: "  ", replyBy: "" }, { now: LATE });
    expect(await prisma.chase.findUniqueOrThrow({ where: { id: result.chaseId } })).toMatchObject({ note: null, replyBy: null });
    const note = await prisma.notification.findFirst({ where: { userId: techStaff.id, kind: "chase.received" }, orderBy: { createdAt: "desc" } });
    expect(note?.params).toMatchObject({ note: null, replyBy: null });
  });

  it("refuses a reply-by day that is not a day, already past in Beijing or more than 90 days ahead, next to the field, writing nothing", async () => {
    const before = await footprint(target);
    const cases: [unknown, string][] = [
      ["2018-02-30", "replyBy.invalid"],
      ["29/06/2018", "replyBy.invalid"],
      ["2018-06-26", "replyBy.past"], // the day before LATE's Beijing day
      ["2018-09-26", "replyBy.tooFar"], // 91 days after it
      [20180629, "replyBy.invalid"],
      [{ toString: "x" }, "replyBy.invalid"],
    ];
    for (const [replyBy, key] of cases) {
      const refused = await refusal(chaseInitiative(director, target, { note: "请报送", replyBy }, { now: LATE }));
      expect(refused.code).toBe("invalid");
      expect(refused.fields).toEqual({ replyBy: key });
    }
    expect((await refusal(chaseDepartment(director, { departmentId: kjs, year: 2018 }, { expectedCount: "many" }, { now: LATE }))).fields).toEqual({ form: "form.invalid" });
    // Both fields at once: the note's refusal and the day's.
    const both = await refusal(chaseInitiative(director, target, { note: "催".repeat(501), replyBy: "2018-06-26" }, { now: LATE }));
    expect(both.fields).toEqual({ note: "note.tooLong", replyBy: "replyBy.past" });
    const department = await refusal(chaseDepartment(director, { departmentId: kjs, year: 2018 }, { replyBy: "2018-06-01" }, { now: LATE }));
    expect(department.fields).toEqual({ replyBy: "replyBy.past" });
    expect(await footprint(target)).toEqual(before);
    // Today in Beijing is still fine at 23:30 Beijing (15:30 UTC), and so is the 90th day.
    await chaseInitiative(director, target, { replyBy: "2018-06-27" }, { now: bj("2018-06-27T23:30:00") });
    await chaseInitiative(director, target, { replyBy: "2018-09-25" }, { now: LATE });
    expect((await footprint(target)).chases).toBe(before.chases + 2);
  });

  it("refuses to chase an initiative that is not late, and keeps to scope", async () => {
    const early = await refusal(chaseInitiative(director, target, {}, { now: EARLY }));
    expect(early.code).toBe("invalid");
    expect(early.fields).toEqual({ form: "chase.notLate" });
    expect((await refusal(chaseInitiative(policyLead, target, {}, { now: LATE }))).code).toBe("not_found");
    expect((await refusal(chaseInitiative(techStaff, target, {}, { now: LATE }))).code).toBe("not_found");
    expect((await refusal(chaseInitiative(director, "nonsense", {}, { now: LATE }))).code).toBe("not_found");
    const long = await refusal(chaseInitiative(director, target, { note: "催".repeat(501) }, { now: LATE }));
    expect(long.fields).toEqual({ note: "note.tooLong" });
  });

  it("previews a department-wide chase, and the send then reaches exactly those initiatives and people, with the note and day", async () => {
    expect((await refusal(previewDepartmentChase(policyLead, { departmentId: kjs, year: 2018 }, { now: LATE }))).code).toBe("not_found");
    expect((await refusal(previewDepartmentChase(techStaff, { departmentId: kjs, year: 2018 }, { now: LATE }))).code).toBe("not_found");
    expect((await refusal(chaseDepartment(policyLead, { departmentId: kjs, year: 2018 }, {}, { now: LATE }))).code).toBe("not_found");
    expect((await refusal(chaseDepartment(techStaff, { departmentId: kjs, year: 2018 }, {}, { now: LATE }))).code).toBe("not_found");

    const preview = await previewDepartmentChase(director, { departmentId: kjs, year: 2018 }, { now: LATE });
    expect(preview.count).toBeGreaterThan(1);
    expect(preview.codes).toContain("KJS-2018-1.4");
    // At least the department's staff: the seeded one and this file's own.
    expect(preview.recipients).toBeGreaterThanOrEqual(2);
    const targetBefore = await prisma.initiative.findUniqueOrThrow({ where: { id: target }, select: { chaseCount: true } });

    // A sender who confirmed other figures than the department's now is refused, nothing sent.
    const before = await footprint(target);
    const changed = await refusal(chaseDepartment(director, { departmentId: kjs, year: 2018 }, { note: "x", expectedCount: preview.count + 1 }, { now: LATE }));
    expect(changed.fields).toEqual({ form: "chase.changed" });
    expect(await footprint(target)).toEqual(before);

    const note = `本月进展请于周五前报送 ${Date.now()}`;
    const result = await chaseDepartment(director, { departmentId: kjs, year: 2018 }, { note, replyBy: "2018-06-29", expectedCount: preview.count }, { now: LATE });
    expect(result).toEqual({ count: preview.count, codes: preview.codes, recipients: preview.recipients });
    // One notification per person reached, each with the note and day; the staff's lists every code it covers.
    const sent = await prisma.notification.findMany({ where: { kind: "chase.batch", params: { path: ["note"], equals: note } } });
    expect(new Set(sent.map((n) => n.userId)).size).toBe(preview.recipients);
    expect(sent).toHaveLength(preview.recipients);
    const mine = defined(sent.find((n) => n.userId === techStaff.id));
    expect(mine.params).toEqual({ count: preview.count, codes: preview.codes.join("、"), note, replyBy: "2018-06-29" });
    // Every initiative counted, stored with the note and day, and audited as a single chase is.
    expect((await prisma.initiative.findUniqueOrThrow({ where: { id: target }, select: { chaseCount: true } })).chaseCount).toBe(targetBefore.chaseCount + 1);
    const stored = await prisma.chase.findMany({ where: { note }, select: { replyBy: true, initiative: { select: { code: true } } } });
    expect(stored.map((c) => c.initiative.code).sort()).toEqual(preview.codes);
    expect(stored.every((c) => c.replyBy?.toISOString() === "2018-06-29T00:00:00.000Z")).toBe(true);
    const admin = await viewer("admin@demo.local");
    const audited = await listAuditEvents(admin, { objectType: "Initiative", objectId: target, action: "initiative.chased" });
    expect(audited.items.map((e) => e.after)).toContainEqual(expect.objectContaining({ note, replyBy: "2018-06-29" }));
    // Early in the month nothing is late (the seeded initiatives are due at the year's end): nothing to preview or send.
    expect(await previewDepartmentChase(director, { departmentId: kjs, year: 2018 }, { now: EARLY })).toEqual({ count: 0, recipients: 0, codes: [] });
    expect((await chaseDepartment(director, { departmentId: kjs, year: 2018 }, {}, { now: EARLY })).count).toBe(0);
  });

  it("chases one year's plan: a department's late initiatives of another year's open plan are not in the 2018 chase", async () => {
    // An older plan of 科技司's, imported and never closed: its initiative has no June report, so it is late too.
    const admin = await viewer("admin@demo.local");
    const { id: planId } = await createPlan(admin, { departmentId: kjs, year: 2012, heading: "2012年工作要點" });
    try {
      const old = await addInitiative(admin, planId, { title: "舊計劃事項", originalText: "舊計劃事項。", dueDate: "2012-12-31", leadDepartmentId: kjs });
      const oldCode = old.code;
      const older = await previewDepartmentChase(director, { departmentId: kjs, year: 2012 }, { now: LATE });
      expect(older.codes).toEqual([oldCode]);
      const current = await previewDepartmentChase(director, { departmentId: kjs, year: 2018 }, { now: LATE });
      expect(current.codes).not.toContain(oldCode);
      expect(current.codes.every((c) => c.startsWith("KJS-2018-"))).toBe(true);
      const before = await prisma.initiative.findUniqueOrThrow({ where: { id: old.id }, select: { chaseCount: true } });
      const sent = await chaseDepartment(director, { departmentId: kjs, year: 2018 }, { expectedCount: current.count }, { now: LATE });
      expect(sent.codes).toEqual(current.codes);
      expect(await prisma.initiative.findUniqueOrThrow({ where: { id: old.id }, select: { chaseCount: true } })).toEqual(before);
      // A year that is no number, or none at all, is no row to chase from.
      expect((await refusal(previewDepartmentChase(director, { departmentId: kjs, year: "2018" }, { now: LATE }))).code).toBe("not_found");
      expect((await refusal(chaseDepartment(director, { departmentId: kjs, year: undefined }, {}, { now: LATE }))).code).toBe("not_found");
    } finally {
      await prisma.workPlan.delete({ where: { id: planId } });
    }
  });

  it("shows an initiative's chases newest first, each saying whether a report followed, on time or late", async () => {
    const item = await prisma.initiative.findUniqueOrThrow({ where: { code: "KJS-2018-1.5" }, select: { id: true } });
    const reporter = await newUser("reporter", "STAFF", "KJS");
    const report = async (period: string, at: Date) => {
      const { version } = await prisma.initiative.findUniqueOrThrow({ where: { id: item.id }, select: { version: true } });
      await logProgress(reporter, item.id, { period, progress: "50", health: "ON_TRACK", healthReason: "按计划推进", workDone: `${period} 的工作。`, baseVersion: String(version) }, [], { now: at, filedAt: at });
    };
    // August: asked for by the 29th, reported on the 28th. September: asked for by the 28th,
    // reported on the 30th. October: no day asked, reported the next day. November: nothing yet.
    const august = await chaseInitiative(director, item.id, { note: "八月进展", replyBy: "2018-08-29" }, { now: bj("2018-08-27T10:00:00") });
    await report("2018-08", bj("2018-08-28T09:00:00"));
    const september = await chaseInitiative(director, item.id, { note: "九月进展", replyBy: "2018-09-28" }, { now: bj("2018-09-27T10:00:00") });
    await report("2018-09", bj("2018-09-30T09:00:00"));
    const october = await chaseInitiative(director, item.id, {}, { now: bj("2018-10-27T10:00:00") });
    await report("2018-10", bj("2018-10-28T09:00:00"));
    const november = await chaseInitiative(director, item.id, { note: "十一月进展", replyBy: "2018-11-30" }, { now: bj("2018-11-27T10:00:00") });

    const history = defined(await getChaseHistory(techStaff, item.id));
    const mine = history.items.filter((c) => [august, september, october, november].some((r) => r.chaseId === c.id));
    expect(mine.map((c) => [c.note, c.replyBy?.toISOString().slice(0, 10) ?? null, c.followUp])).toEqual([
      ["十一月进展", "2018-11-30", "pending"],
      [null, null, "reported"],
      ["九月进展", "2018-09-28", "late"],
      ["八月进展", "2018-08-29", "onTime"],
    ]);
    expect(mine[0]).toMatchObject({ chaser: "部督查室主任", at: bj("2018-11-27T10:00:00"), followedAt: null });
    expect(mine[3]?.followedAt).toEqual(bj("2018-08-28T09:00:00"));
    expect(history.total).toBe(await prisma.chase.count({ where: { initiativeId: item.id } }));

    // Only for those who see the initiative.
    expect(await getChaseHistory(policyLead, item.id)).toBeNull();
    expect(await getChaseHistory(director, "nonsense")).toBeNull();
  });

  it("keeps the history to the newest chases and says how many are older", async () => {
    const item = await prisma.initiative.findUniqueOrThrow({ where: { code: "KJS-2018-1.3" }, select: { id: true } });
    const empty = defined(await getChaseHistory(director, item.id));
    const already = empty.total;
    await prisma.chase.createMany({
      data: Array.from({ length: CHASE_HISTORY_LIMIT + 5 }, (_, n) => ({ initiativeId: item.id, chaserId: director.id, note: `第${n}次`, createdAt: new Date(Date.UTC(2018, 6, 1 + n)) })),
    });
    const history = defined(await getChaseHistory(director, item.id));
    expect(history.items).toHaveLength(CHASE_HISTORY_LIMIT);
    expect(history.total).toBe(already + CHASE_HISTORY_LIMIT + 5);
    expect(history.older).toBe(history.total - CHASE_HISTORY_LIMIT);
    expect(history.items[0]?.note).toBe(`第${CHASE_HISTORY_LIMIT + 4}次`);
  });
});
