import { prisma } from "@workplan/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSeed } from "../../../../prisma/seed/run-seed";
import type { Viewer } from "../rules/policy";
import { decideExtension, listPendingExtensions, requestExtension } from "./extension-requests";
import { newUser, refusal, viewer } from "../testing/progress-testing";

// Only these two initiatives are touched here; their due dates are put back afterwards.
const CYZCS = "CYZCS-2018-7";
const KJS = "KJS-2018-3.3";
const BEFORE_DUE = new Date("2018-07-01T00:00:00Z");
const AFTER_DUE = new Date("2019-01-02T00:00:00Z");

async function initiative(code: string) {
  return prisma.initiative.findUniqueOrThrow({ where: { code }, select: { id: true, dueDate: true, originalDueDate: true, departmentId: true } });
}

describe("extension requests", () => {
  let saved: { id: string; dueDate: Date; originalDueDate: Date | null }[] = [];
  let director: Viewer;
  let policyLead: Viewer;
  let policyStaff: Viewer;
  let techStaff: Viewer;

  beforeAll(async () => {
    await runSeed({ demo: true });
    saved = await Promise.all([initiative(CYZCS), initiative(KJS)]);
    director = await viewer("director@demo.local");
    policyLead = await viewer("policy.lead@demo.local");
    policyStaff = await newUser("ext", "STAFF", "CYZCS");
    techStaff = await newUser("ext", "STAFF", "KJS");
  });
  afterAll(async () => {
    const ids = saved.map((s) => s.id);
    await prisma.extensionRequest.deleteMany({ where: { initiativeId: { in: ids } } });
    for (const { id, dueDate, originalDueDate } of saved) await prisma.initiative.update({ where: { id }, data: { dueDate, originalDueDate } });
  });

  const clear = async (id: string) => prisma.extensionRequest.deleteMany({ where: { initiativeId: id } });

  it("refuses requests that break the rules, next to the field", async () => {
    const item = await initiative(CYZCS);
    await clear(item.id);
    const late = await refusal(requestExtension(policyStaff, item.id, { requestedDueDate: "2019-06-30", reason: "来不及" }, { now: AFTER_DUE }));
    expect(late.fields).toEqual({ form: "extension.pastDue" });
    const earlier = await refusal(requestExtension(policyStaff, item.id, { requestedDueDate: "2018-10-01", reason: "来不及" }, { now: BEFORE_DUE }));
    expect(earlier.fields).toEqual({ requestedDueDate: "requestedDueDate.notLater" });
    const noReason = await refusal(requestExtension(policyStaff, item.id, { requestedDueDate: "2019-06-30", reason: "  " }, { now: BEFORE_DUE }));
    expect(noReason.fields).toEqual({ reason: "reason.required" });
    const tooLong = await refusal(requestExtension(policyStaff, item.id, { requestedDueDate: "2019-06-30", reason: "长".repeat(501) }, { now: BEFORE_DUE }));
    expect(tooLong.fields).toEqual({ reason: "reason.tooLong" });
    const badDate = await refusal(requestExtension(policyStaff, item.id, { requestedDueDate: "2019-02-30", reason: "x" }, { now: BEFORE_DUE }));
    expect(badDate.fields).toEqual({ requestedDueDate: "requestedDueDate.invalid" });
    expect(await prisma.extensionRequest.count({ where: { initiativeId: item.id } })).toBe(0);
  });

  it("keeps requests in scope: another department's staff find nothing, the director cannot ask", async () => {
    const item = await initiative(CYZCS);
    const other = await refusal(requestExtension(techStaff, item.id, { requestedDueDate: "2019-06-30", reason: "x" }, { now: BEFORE_DUE }));
    expect(other.code).toBe("not_found");
    const boss = await refusal(requestExtension(director, item.id, { requestedDueDate: "2019-06-30", reason: "x" }, { now: BEFORE_DUE }));
    expect(boss.code).toBe("not_found");
    expect(await prisma.extensionRequest.count({ where: { initiativeId: item.id } })).toBe(0);
  });

  it("takes one pending request at a time, notifies the reviewers and records the request", async () => {
    const item = await initiative(CYZCS);
    await clear(item.id);
    const { requestId } = await requestExtension(policyStaff, item.id, { requestedDueDate: "2019-06-30", reason: "需要协调地方" }, { now: BEFORE_DUE });
    const again = await refusal(requestExtension(policyStaff, item.id, { requestedDueDate: "2019-03-31", reason: "再来" }, { now: BEFORE_DUE }));
    expect(again.code).toBe("conflict");
    expect(again.fields).toEqual({ form: "extension.pending" });
    const note = await prisma.notification.findFirst({ where: { userId: policyLead.id, kind: "extension.requested", link: `/initiatives/${item.id}` } });
    expect(note).not.toBeNull();
    const audit = await prisma.auditEvent.findFirst({ where: { action: "extension.requested", objectId: requestId } });
    expect(audit?.actorId).toBe(policyStaff.id);
    // Managers see it in their queue; another department's manager does not.
    expect((await listPendingExtensions(policyLead)).map((r) => r.id)).toContain(requestId);
    expect((await listPendingExtensions(director)).map((r) => r.id)).toContain(requestId);
    const kjsLead = await newUser("ext-lead", "MANAGER", "KJS");
    expect((await listPendingExtensions(kjsLead)).map((r) => r.id)).not.toContain(requestId);
    expect(await listPendingExtensions(policyStaff)).toEqual([]);
    const foreign = await refusal(decideExtension(kjsLead, requestId, { decision: "approve" }));
    expect(foreign.code).toBe("not_found");
    const staffDecides = await refusal(decideExtension(policyStaff, requestId, { decision: "approve" }));
    expect(staffDecides.code).toBe("not_found");
  });

  it("needs a comment to refuse, and a refusal leaves the due date alone", async () => {
    const item = await initiative(CYZCS);
    const pending = await prisma.extensionRequest.findFirstOrThrow({ where: { initiativeId: item.id, status: "PENDING" } });
    const bare = await refusal(decideExtension(policyLead, pending.id, { decision: "refuse", comment: " " }));
    expect(bare.fields).toEqual({ comment: "comment.required" });
    const result = await decideExtension(policyLead, pending.id, { decision: "refuse", comment: "理由不充分" });
    expect(result.status).toBe("REFUSED");
    const after = await initiative(CYZCS);
    expect(after.dueDate).toEqual(item.dueDate);
    expect(after.originalDueDate).toBeNull();
    const audit = await prisma.auditEvent.findFirst({ where: { action: "extension.refused", objectId: pending.id } });
    expect(audit?.after).toMatchObject({ status: "REFUSED", comment: "理由不充分" });
    const note = await prisma.notification.findFirst({ where: { userId: policyStaff.id, kind: "extension.decided" } });
    expect(note?.params).toMatchObject({ decision: "refuse" });
    // Decided once.
    const twice = await refusal(decideExtension(policyLead, pending.id, { decision: "approve" }));
    expect(twice.code).toBe("conflict");
  });

  it("decides once when two managers act at the same moment; approval moves the due date and keeps the original", async () => {
    const item = await initiative(KJS);
    await clear(item.id);
    const original = item.dueDate;
    const { requestId } = await requestExtension(techStaff, item.id, { requestedDueDate: "2019-03-31", reason: "设备延迟到货" }, { now: BEFORE_DUE });
    const kjsLead = await newUser("ext-lead", "MANAGER", "KJS");
    const results = await Promise.allSettled([
      decideExtension(director, requestId, { decision: "approve" }),
      decideExtension(kjsLead, requestId, { decision: "approve" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected");
    expect(lost?.status === "rejected" && (lost.reason as { code?: string }).code).toBe("conflict");
    const after = await initiative(KJS);
    expect(after.dueDate.toISOString().slice(0, 10)).toBe("2019-03-31");
    expect(after.originalDueDate).toEqual(original);
    expect(await prisma.auditEvent.count({ where: { action: "extension.approved", objectId: requestId } })).toBe(1);
    const audit = await prisma.auditEvent.findFirst({ where: { action: "extension.approved", objectId: requestId } });
    expect(audit?.before).toMatchObject({ dueDate: original.toISOString().slice(0, 10) });
    expect(audit?.after).toMatchObject({ dueDate: "2019-03-31", originalDueDate: original.toISOString().slice(0, 10) });
    expect(await prisma.notification.count({ where: { userId: techStaff.id, kind: "extension.decided" } })).toBe(1);

    // A second extension keeps the first original due date.
    const second = await requestExtension(techStaff, item.id, { requestedDueDate: "2019-06-30", reason: "再延" }, { now: BEFORE_DUE });
    await decideExtension(director, second.requestId, { decision: "approve" });
    const later = await initiative(KJS);
    expect(later.dueDate.toISOString().slice(0, 10)).toBe("2019-06-30");
    expect(later.originalDueDate).toEqual(original);
  });
});
