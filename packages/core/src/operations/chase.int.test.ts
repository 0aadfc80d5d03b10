import { prisma } from "@workplan/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSeed } from "../../../../prisma/seed/run-seed";
import type { Viewer } from "../rules/policy";
import { chaseDepartment, chaseInitiative } from "./chase";
import { listAuditEvents } from "./list-audit-events";
import { newUser, refusal, viewer } from "../testing/progress-testing";

const bj = (s: string) => new Date(`${s}+08:00`);
const LATE = bj("2018-06-27T10:00:00"); // June's report overdue
const EARLY = bj("2018-06-05T10:00:00"); // before the yellow window

describe("chasing", () => {
  let director: Viewer;
  let policyLead: Viewer;
  let techStaff: Viewer;
  let chasesBefore: string[] = [];
  let counts: { id: string; chaseCount: number }[] = [];
  let target = "";
  let kjs = "";

  beforeAll(async () => {
    await runSeed({ demo: true });
    director = await viewer("director@demo.local");
    policyLead = await viewer("policy.lead@demo.local");
    techStaff = await newUser("chased", "STAFF", "KJS");
    chasesBefore = (await prisma.chase.findMany({ select: { id: true } })).map((c) => c.id);
    counts = await prisma.initiative.findMany({ select: { id: true, chaseCount: true } });
    const row = await prisma.initiative.findUniqueOrThrow({ where: { code: "KJS-2018-1.4" }, select: { id: true, departmentId: true } });
    target = row.id;
    kjs = row.departmentId;
  });
  afterAll(async () => {
    await prisma.chase.deleteMany({ where: { id: { notIn: chasesBefore }, chaserId: { in: [director.id, policyLead.id] } } });
    const now = new Map((await prisma.initiative.findMany({ select: { id: true, chaseCount: true } })).map((r) => [r.id, r.chaseCount]));
    for (const { id, chaseCount } of counts) {
      if (now.get(id) !== chaseCount) await prisma.initiative.update({ where: { id }, data: { chaseCount } });
    }
    await prisma.$disconnect();
  });

  it("records a chase of a late initiative, counts it, audits it and notifies the department's staff", async () => {
    const before = await prisma.initiative.findUniqueOrThrow({ where: { id: target }, select: { chaseCount: true } });
    const result = await chaseInitiative(director, target, { note: "请于本周内报送" }, { now: LATE });
    expect(result.chaseCount).toBe(before.chaseCount + 1);
    const chase = await prisma.chase.findUniqueOrThrow({ where: { id: result.chaseId } });
    expect(chase).toMatchObject({ initiativeId: target, chaserId: director.id, note: "请于本周内报送" });
    const note = await prisma.notification.findFirst({ where: { userId: techStaff.id, kind: "chase.received" } });
    expect(note?.params).toMatchObject({ code: "KJS-2018-1.4" });
    expect(note?.link).toBe(`/initiatives/${target}`);
    expect(await prisma.auditEvent.count({ where: { action: "initiative.chased", objectId: target, actorId: director.id } })).toBeGreaterThan(0);
    // The audit page's filter by object finds the chase with the initiative's other events.
    const admin = await viewer("admin@demo.local");
    const page = await listAuditEvents(admin, { objectType: "Initiative", objectId: target });
    expect(page.items.map((e) => e.action)).toContain("initiative.chased");
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

  it("chases a department's late initiatives at once, one notification per person", async () => {
    expect((await refusal(chaseDepartment(policyLead, kjs, { now: LATE }))).code).toBe("not_found");
    expect((await refusal(chaseDepartment(techStaff, kjs, { now: LATE }))).code).toBe("not_found");
    const before = await prisma.initiative.findUniqueOrThrow({ where: { id: target }, select: { chaseCount: true } });
    const notesBefore = await prisma.notification.count({ where: { userId: techStaff.id, kind: "chase.batch" } });
    const result = await chaseDepartment(director, kjs, { now: LATE });
    expect(result.count).toBeGreaterThan(0);
    expect(result.codes).toHaveLength(result.count);
    expect(result.codes).toContain("KJS-2018-1.4");
    expect((await prisma.initiative.findUniqueOrThrow({ where: { id: target }, select: { chaseCount: true } })).chaseCount).toBe(before.chaseCount + 1);
    const notes = await prisma.notification.findMany({ where: { userId: techStaff.id, kind: "chase.batch" } });
    expect(notes).toHaveLength(notesBefore + 1);
    expect(notes.at(-1)?.params).toMatchObject({ count: result.count });
    // Audited per initiative, as a single chase is: the object filter of the audit page finds it.
    const admin = await viewer("admin@demo.local");
    const audited = await listAuditEvents(admin, { objectType: "Initiative", objectId: target, action: "initiative.chased" });
    expect(audited.items.length).toBeGreaterThanOrEqual(2);
    // Early in the month nothing is late (the seeded initiatives are due at the year's end).
    expect((await chaseDepartment(director, kjs, { now: EARLY })).count).toBe(0);
  });
});
