import { prisma } from "@workplan/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSeed } from "../../../../prisma/seed/run-seed";
import type { Viewer } from "../rules/policy";
import { logProgress } from "./log-progress";
import { newUser, refusal, snapshotProgressState, viewer } from "../testing/progress-testing";
import { AlreadyReviewedError, listReviewQueue, reviewUpdate } from "./review-update";

const NOW = new Date("2018-07-01T00:00:00Z");

async function initiativeId(code: string) {
  return (await prisma.initiative.findUniqueOrThrow({ where: { code }, select: { id: true } })).id;
}

async function report(author: Viewer, code: string, workDone = "本月完成情況") {
  const id = await initiativeId(code);
  const { version } = await prisma.initiative.findUniqueOrThrow({ where: { id }, select: { version: true } });
  const result = await logProgress(
    author,
    id,
    { period: "2018-06", progress: 50, health: "ON_TRACK", workDone, baseVersion: version },
    [],
    { now: NOW },
  );
  return result.updateId;
}

describe("review", () => {
  let restore: () => Promise<void> = async () => {};
  let director: Viewer;
  let policyLead: Viewer;

  beforeAll(async () => {
    await runSeed({ demo: true });
    restore = await snapshotProgressState();
    director = await viewer("director@demo.local");
    policyLead = await viewer("policy.lead@demo.local");
  });
  afterAll(async () => {
    await restore();
    await prisma.$disconnect();
  });

  it("notifies the department's managers of a new report, and shows it in their queue oldest first", async () => {
    const staff = await newUser("rq", "STAFF", "CYZCS");
    const first = await report(staff, "CYZCS-2018-1", "第一份");
    const second = await report(staff, "CYZCS-2018-2", "第二份");
    const queue = (await listReviewQueue(policyLead)).map((u) => u.id);
    expect(queue.indexOf(first)).toBeGreaterThanOrEqual(0);
    expect(queue.indexOf(first)).toBeLessThan(queue.indexOf(second));
    expect(await prisma.notification.count({ where: { userId: policyLead.id, kind: "update.submitted" } })).toBeGreaterThan(0);
    // A 科技司 staff member's report is not in 產業政策司's manager's queue, but is in the director's.
    const tech = await newUser("rq", "STAFF", "KJS");
    const foreign = await report(tech, "KJS-2018-1.2");
    expect((await listReviewQueue(policyLead)).map((u) => u.id)).not.toContain(foreign);
    expect((await listReviewQueue(director)).map((u) => u.id)).toContain(foreign);
    expect(await listReviewQueue(staff)).toEqual([]);
  });

  it("approves once: a second review, even at the same moment, is refused as already reviewed", async () => {
    const staff = await newUser("once", "STAFF", "CYZCS");
    const updateId = await report(staff, "CYZCS-2018-3");
    const results = await Promise.allSettled([
      reviewUpdate(policyLead, updateId, { decision: "approve" }),
      reviewUpdate(director, updateId, { decision: "return", comment: "請補充材料" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect(rejected?.status === "rejected" && rejected.reason).toBeInstanceOf(AlreadyReviewedError);
    expect(await prisma.review.count({ where: { updateId } })).toBe(1);
    expect(await refusal(reviewUpdate(director, updateId, { decision: "approve" }))).toBeInstanceOf(AlreadyReviewedError);
    const audits = await prisma.auditEvent.count({ where: { objectId: updateId, action: { in: ["update.approved", "update.returned"] } } });
    expect(audits).toBe(1);
  });

  it("returns with a required comment; the author is notified, revises, resubmits, and the revision is approved", async () => {
    const staff = await newUser("ret", "STAFF", "CYZCS");
    const updateId = await report(staff, "CYZCS-2018-4");
    const missing = await refusal(reviewUpdate(policyLead, updateId, { decision: "return", comment: "  " }));
    expect(missing.fields).toEqual({ comment: "comment.required" });
    await reviewUpdate(policyLead, updateId, { decision: "return", comment: "請補充具體數據" });
    const note = await prisma.notification.findFirstOrThrow({ where: { userId: staff.id, kind: "update.returned" } });
    expect(note.params).toMatchObject({ code: "CYZCS-2018-4", comment: "請補充具體數據" });

    const id = await initiativeId("CYZCS-2018-4");
    const { version } = await prisma.initiative.findUniqueOrThrow({ where: { id }, select: { version: true } });
    const revised = await logProgress(
      staff,
      id,
      { period: "2018-06", progress: 55, health: "ON_TRACK", workDone: "補充了具體數據", baseVersion: version },
      [],
      { now: NOW, revisionOf: updateId, idempotencyKey: "revision-0001" },
    );
    const row = await prisma.progressUpdate.findUniqueOrThrow({ where: { id: revised.updateId }, select: { revisionOfId: true } });
    expect(row.revisionOfId).toBe(updateId);
    // The same revision sent again (a retry) is answered with the revision it made, not refused.
    const retried = await logProgress(
      staff,
      id,
      { period: "2018-06", progress: 55, health: "ON_TRACK", workDone: "補充了具體數據", baseVersion: version },
      [],
      { now: NOW, revisionOf: updateId, idempotencyKey: "revision-0001" },
    );
    expect(retried).toEqual({ updateId: revised.updateId, created: false, version: revised.version });
    // A returned update is revised once.
    const again = await refusal(
      logProgress(staff, id, { period: "2018-06", progress: 56, health: "ON_TRACK", workDone: "再改", baseVersion: revised.version }, [], { now: NOW, revisionOf: updateId }),
    );
    expect(again.fields).toMatchObject({ form: "revision.invalid" });
    await reviewUpdate(policyLead, revised.updateId, { decision: "approve" });
    expect(await prisma.notification.count({ where: { userId: staff.id, kind: "update.approved" } })).toBe(1);
    // Both stay on the timeline.
    expect(await prisma.progressUpdate.count({ where: { initiativeId: id, id: { in: [updateId, revised.updateId] } } })).toBe(2);
  });

  it("refuses reviews outside the scope, by staff, or of one's own report", async () => {
    const tech = await newUser("scope", "STAFF", "KJS");
    const updateId = await report(tech, "KJS-2018-1.3");
    expect((await refusal(reviewUpdate(policyLead, updateId, { decision: "approve" }))).code).toBe("not_found");
    const otherStaff = await viewer("tech.staff@demo.local");
    expect((await refusal(reviewUpdate(otherStaff, updateId, { decision: "approve" }))).code).toBe("not_found");
    const managerWhoReports = await newUser("self", "MANAGER", "CYZCS");
    const own = await report(managerWhoReports, "CYZCS-2018-5");
    expect((await refusal(reviewUpdate(managerWhoReports, own, { decision: "approve" }))).code).toBe("forbidden");
    expect((await refusal(reviewUpdate(director, "not-an-id", { decision: "approve" }))).code).toBe("not_found");
  });
});
