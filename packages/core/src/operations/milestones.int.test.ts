import { prisma } from "@workplan/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSeed } from "../../../../prisma/seed/run-seed";
import type { Viewer } from "../rules/policy";
import { addMilestone, setMilestoneDone } from "./milestones";
import { newUser, refusal, snapshotProgressState, viewer } from "../testing/progress-testing";

const initiativeId = async (code: string) => (await prisma.initiative.findUniqueOrThrow({ where: { code }, select: { id: true } })).id;
const counts = async () => ({ milestones: await prisma.milestone.count(), audits: await prisma.auditEvent.count() });
const audits = (milestoneId: string) => prisma.auditEvent.findMany({ where: { objectType: "Milestone", objectId: milestoneId }, orderBy: { id: "asc" } });

describe("milestones", () => {
  let director: Viewer;
  let admin: Viewer;
  let techStaff: Viewer;

  let restore: () => Promise<void> = async () => {};

  beforeAll(async () => {
    await runSeed({ demo: true });
    restore = await snapshotProgressState();
    director = await viewer("director@demo.local");
    admin = await viewer("admin@demo.local");
    techStaff = await viewer("tech.staff@demo.local");
  });
  afterAll(async () => {
    await restore();
    await prisma.$disconnect();
  });

  it("adds a milestone with its audit event", async () => {
    const staff = await newUser("milestone", "STAFF", "CYZCS");
    const id = await initiativeId("CYZCS-2018-7");
    const milestone = await addMilestone(staff, id, { title: "  完成政策草案  ", dueDate: "2018-09-30" }, { ip: "10.0.0.5" });
    const stored = await prisma.milestone.findUniqueOrThrow({ where: { id: milestone.id } });
    expect(stored).toMatchObject({ initiativeId: id, title: "完成政策草案", createdById: staff.id, doneAt: null });
    expect(stored.dueDate.toISOString()).toBe("2018-09-30T00:00:00.000Z");
    const events = await audits(milestone.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorId: staff.id,
      action: "milestone.created",
      ip: "10.0.0.5",
      after: { initiativeId: id, title: "完成政策草案", dueDate: "2018-09-30" },
    });
    // a department manager manages milestones too
    const manager = await newUser("milestone", "MANAGER", "CYZCS");
    await expect(addMilestone(manager, id, { title: "中期評估", dueDate: "2018-06-30" })).resolves.toEqual({ id: expect.any(String) });
  });

  it("validates the title and the due date, and writes nothing when refused", async () => {
    const staff = await newUser("milestone", "STAFF", "CYZCS");
    const id = await initiativeId("CYZCS-2018-6");
    const before = await counts();
    const cases: [Record<string, unknown>, Record<string, string>][] = [
      [{ title: "", dueDate: "2018-09-30" }, { title: "title.required" }],
      [{ title: "   ", dueDate: "2018-09-30" }, { title: "title.required" }],
      [{ title: "x".repeat(201), dueDate: "2018-09-30" }, { title: "title.tooLong" }],
      [{ title: "ok", dueDate: "" }, { dueDate: "dueDate.format" }],
      [{ title: "ok", dueDate: "2018/09/30" }, { dueDate: "dueDate.format" }],
      [{ title: "ok", dueDate: "30-09-2018" }, { dueDate: "dueDate.format" }],
      [{ title: "ok", dueDate: "2018-02-30" }, { dueDate: "dueDate.invalid" }],
      [{ title: "ok", dueDate: "2018-13-01" }, { dueDate: "dueDate.invalid" }],
      [{ title: "ok" }, { dueDate: "dueDate.format" }],
      [{ dueDate: "2018-09-30" }, { title: "title.required" }],
      [{ title: "", dueDate: "x" }, { title: "title.required", dueDate: "dueDate.format" }],
      [{ title: "ok", dueDate: "2018-09-30", doneAt: "2018-01-01" }, { form: "form.invalid" }],
    ];
    for (const [input, fields] of cases) {
      const error = await refusal(addMilestone(staff, id, input));
      expect({ input, code: error.code, fields: error.fields }).toEqual({ input, code: "invalid", fields });
    }
    expect(await counts()).toEqual(before);
  });

  it("marks a milestone done and undone, auditing each change once", async () => {
    const staff = await newUser("milestone", "STAFF", "CYZCS");
    const colleague = await newUser("milestone", "STAFF", "CYZCS");
    const { id } = await addMilestone(staff, await initiativeId("CYZCS-2018-5"), { title: "召開座談會", dueDate: "2018-08-15" });

    await setMilestoneDone(colleague, id, true, { ip: "10.0.0.6" });
    const done = await prisma.milestone.findUniqueOrThrow({ where: { id } });
    expect(done.doneAt).toBeInstanceOf(Date);
    // marking it done again changes nothing: same day, no second event
    await setMilestoneDone(staff, id, true);
    expect((await prisma.milestone.findUniqueOrThrow({ where: { id } })).doneAt).toEqual(done.doneAt);

    await setMilestoneDone(staff, id, false);
    expect((await prisma.milestone.findUniqueOrThrow({ where: { id } })).doneAt).toBeNull();
    await setMilestoneDone(staff, id, false);

    const events = await audits(id);
    expect(events.map((e) => [e.action, e.actorId, e.before, e.after])).toEqual([
      ["milestone.created", staff.id, null, expect.anything()],
      ["milestone.done", colleague.id, { done: false }, { done: true }],
      ["milestone.reopened", staff.id, { done: true }, { done: false }],
    ]);
    expect(events[1]?.ip).toBe("10.0.0.6");
  });

  it("answers another department, the director and the admin as if the initiative did not exist", async () => {
    const owner = await newUser("milestone", "STAFF", "CYZCS");
    const id = await initiativeId("CYZCS-2018-4");
    const { id: milestoneId } = await addMilestone(owner, id, { title: "報送方案", dueDate: "2018-10-31" });
    const before = await counts();
    for (const other of [techStaff, director, admin]) {
      expect((await refusal(addMilestone(other, id, { title: "越權", dueDate: "2018-10-31" }))).code).toBe("not_found");
      expect((await refusal(setMilestoneDone(other, milestoneId, true))).code).toBe("not_found");
    }
    for (const bad of ["x", "", null, 7, "'; drop table milestones; --"]) {
      expect((await refusal(addMilestone(owner, bad, { title: "x", dueDate: "2018-10-31" }))).code).toBe("not_found");
      expect((await refusal(setMilestoneDone(owner, bad, true))).code).toBe("not_found");
    }
    // scope comes first: an outsider learns nothing from the validation either
    expect((await refusal(addMilestone(techStaff, id, { title: "", dueDate: "" }))).code).toBe("not_found");
    expect(await counts()).toEqual(before);
    expect((await prisma.milestone.findUniqueOrThrow({ where: { id: milestoneId } })).doneAt).toBeNull();
  });

  it("lets a co-operating department manage the milestones of an initiative it works on", async () => {
    const partner = await newUser("milestone", "STAFF", "CYZCS");
    const id = await initiativeId("KJS-2018-1.3");
    expect((await refusal(addMilestone(partner, id, { title: "聯合驗收", dueDate: "2018-11-30" }))).code).toBe("not_found");
    const cyzcs = await prisma.department.findUniqueOrThrow({ where: { code: "CYZCS" } });
    await prisma.initiativeCooperation.create({ data: { initiativeId: id, departmentId: cyzcs.id } });
    const { id: milestoneId } = await addMilestone(partner, id, { title: "聯合驗收", dueDate: "2018-11-30" });
    await setMilestoneDone(techStaff, milestoneId, true);
    expect((await prisma.milestone.findUniqueOrThrow({ where: { id: milestoneId } })).doneAt).not.toBeNull();
  });

  it("keeps the prior year's record and closed initiatives read-only", async () => {
    const staff = await newUser("milestone", "STAFF", "KJS");
    const record = await initiativeId("KJS-2017-2"); // in the CLOSED 2017 plan
    const policyStaff = await newUser("milestone", "STAFF", "CYZCS");
    const closed = await initiativeId("CYZCS-2018-1");
    const existing = await prisma.milestone.create({
      data: { initiativeId: record, title: "2017 年的節點", dueDate: new Date("2017-12-31T00:00:00Z"), createdById: staff.id },
    });
    const before = await counts();
    const error = await refusal(addMilestone(staff, record, { title: "補記", dueDate: "2018-01-31" }));
    expect({ code: error.code, fields: error.fields }).toEqual({ code: "invalid", fields: { form: "initiative.closed" } });
    const toggled = await refusal(setMilestoneDone(staff, existing.id, true));
    expect(toggled.fields).toEqual({ form: "initiative.closed" });

    const open = await addMilestone(policyStaff, closed, { title: "結項前節點", dueDate: "2018-10-01" });
    await prisma.initiative.update({ where: { id: closed }, data: { closedAt: new Date() } });
    try {
      expect((await refusal(addMilestone(policyStaff, closed, { title: "結項後", dueDate: "2018-12-01" }))).fields).toEqual({
        form: "initiative.closed",
      });
      expect((await refusal(setMilestoneDone(policyStaff, open.id, true))).fields).toEqual({ form: "initiative.closed" });
    } finally {
      await prisma.initiative.update({ where: { id: closed }, data: { closedAt: null } });
    }
    expect(await counts()).toEqual({ milestones: before.milestones + 1, audits: before.audits + 1 });
    expect((await prisma.milestone.findUniqueOrThrow({ where: { id: existing.id } })).doneAt).toBeNull();
  });
});
