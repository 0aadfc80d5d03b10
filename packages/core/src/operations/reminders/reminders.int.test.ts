// Automatic reminders and the weekly digest against the real database, with an injected clock.
import { prisma } from "@workplan/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSeed } from "../../../../../prisma/seed/run-seed";
import { beijingDayStart } from "../../rules/dates";
import { reminderDue } from "../../rules/reminders";
import { defined } from "../../testing/defined";
import { digestFigures, sendDigests } from "../digest/send-digests";
import { findInitiatives } from "../list-initiatives/query";
import { LIST_QUERY_MESSAGES, listInitiativesQuerySchema } from "../list-initiatives/schema";
import { parseListQuery } from "../list-query";
import { listUpdates } from "../list-updates";
import { getPendingExtensionsPage } from "../extension-requests/get-pending-extensions-page";
import { sendReminders } from "./send-reminders";

/** 09:00 Beijing time on that day (minutes apart per call, so each run's rows can be told apart). */
let tick = 0;
const at = (y: number, m: number, d: number, h = 9) => new Date(beijingDayStart(y, m, d).getTime() + h * 3600_000 + (tick += 1) * 60_000);

/** The initiatives that owe a June 2018 report: open, unarchived, not done, no lead-department report for the month. */
async function owing(period: string): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ code: string }[]>`
    SELECT i.code FROM initiatives i JOIN work_plans p ON p.id = i.plan_id
     WHERE p.status = 'ACTIVE' AND p.year = ${Number(period.slice(0, 4))} AND i.archived_at IS NULL AND i.closed_at IS NULL
       AND i.progress < 100 AND i.health IS DISTINCT FROM 'DONE'
       AND NOT EXISTS (SELECT 1 FROM initiative_months m WHERE m.initiative_id = i.id AND m.period = ${`${period}-01`}::date)
     ORDER BY i.code`;
  return rows.map((r) => r.code);
}

const reminded = async (period: string, kind: string) =>
  (
    await prisma.reminder.findMany({ where: { period: new Date(`${period}-01T00:00:00Z`), kind }, select: { initiative: { select: { code: true } } } })
  )
    .map((r) => r.initiative.code)
    .sort();

describe("automatic reminders", () => {
  const restore: Array<() => Promise<unknown>> = [];
  beforeAll(async () => {
    await runSeed({ demo: true });
  });
  afterAll(async () => {
    for (const undo of restore.reverse()) await undo();
    // What this file sent stays out of every other file's way.
    await prisma.notification.deleteMany({ where: { kind: { in: ["reminder.due_soon", "reminder.overdue", "digest.weekly"] } } });
    await prisma.reminder.deleteMany({});
    await prisma.digest.deleteMany({});
    await prisma.$disconnect();
  });

  it("three days before the due day, every staff member with an unreported initiative gets exactly one reminder naming them", async () => {
    const now = at(2018, 6, 22);
    const since = new Date();
    const expected = await owing("2018-06");
    expect(expected.length).toBeGreaterThan(0);
    const result = await sendReminders(now);
    expect(result.initiatives).toBe(expected.length);
    expect(await reminded("2018-06", "due_soon")).toEqual(expected);

    const notes = await prisma.notification.findMany({ where: { kind: "reminder.due_soon", createdAt: { gte: since } }, select: { userId: true, params: true, link: true } });
    expect(notes.length).toBe(result.notified);
    // One per person; each names exactly the person's initiatives among those owed.
    expect(new Set(notes.map((n) => n.userId)).size).toBe(notes.length);
    // Every active staff member of a lead or co-operating department of an owed initiative, and no one
    // else (managers, deactivated accounts): each with one reminder, waiting for the mail outbox.
    const owed = await prisma.initiative.findMany({ where: { code: { in: expected } }, select: { departmentId: true, cooperations: { select: { departmentId: true } } } });
    const departments = [...new Set(owed.flatMap((i) => [i.departmentId, ...i.cooperations.map((c) => c.departmentId)]))];
    const everyone = await prisma.user.findMany({ where: { role: "STAFF", active: true, departmentId: { in: departments } }, select: { id: true } });
    expect(notes.map((n) => n.userId).sort()).toEqual(everyone.map((u) => u.id).sort());
    const queued = await prisma.notification.count({ where: { kind: "reminder.due_soon", createdAt: { gte: since }, emailedAt: null } });
    expect(queued).toBe(everyone.length);
    const staff = defined(await prisma.user.findUnique({ where: { email: "tech.staff@demo.local" }, select: { id: true, departmentId: true } }));
    const mine = defined(notes.find((n) => n.userId === staff.id));
    const theirs = (await prisma.initiative.findMany({
      where: { code: { in: expected }, OR: [{ departmentId: staff.departmentId ?? "" }, { cooperations: { some: { departmentId: staff.departmentId ?? "" } } }] },
      select: { code: true },
    })).map((i) => i.code).sort();
    const params = mine.params as { count: number; codes: string; period: string; dueDate: string };
    expect(params.codes.split("、").sort()).toEqual(theirs);
    expect(params).toMatchObject({ count: theirs.length, period: "2018-06", dueDate: "2018-06-25" });
    expect(mine.link).toBe(theirs.length === 1 ? expect.stringMatching(/^\/initiatives\//) : "/initiatives?attention=1");

    // The same day again, and the next: nothing new.
    expect(await sendReminders(at(2018, 6, 22, 15))).toEqual({ initiatives: 0, notified: 0 });
    expect(await sendReminders(at(2018, 6, 24))).toEqual({ initiatives: 0, notified: 0 });
  });

  it("goes out once even when two schedulers run at the same moment", async () => {
    const now = at(2018, 7, 22);
    const since = new Date();
    const [a, b] = await Promise.all([sendReminders(now), sendReminders(now)]);
    expect(a.initiatives + b.initiatives).toBe((await owing("2018-07")).length);
    expect(Math.min(a.initiatives, b.initiatives)).toBe(0);
    const notes = await prisma.notification.findMany({ where: { kind: "reminder.due_soon", createdAt: { gte: since } }, select: { userId: true } });
    expect(notes.length).toBe(a.notified + b.notified);
    expect(new Set(notes.map((n) => n.userId)).size).toBe(notes.length);
  });

  it("is not sent for reported, done, closed or archived initiatives, nor by a plan that turned reminders off", async () => {
    const open = await owing("2018-08");
    const [reported, done, closed, archived] = await Promise.all(
      open.slice(0, 4).map((code) => prisma.initiative.findUniqueOrThrow({ where: { code }, select: { id: true, progress: true, planId: true } })),
    );
    const r = defined(reported), d = defined(done), c = defined(closed), a = defined(archived);
    await prisma.initiativeMonth.create({ data: { initiativeId: r.id, period: new Date("2018-08-01T00:00:00Z"), firstReportAt: new Date("2018-08-03T02:00:00Z"), lastReportAt: new Date("2018-08-03T02:00:00Z"), progress: 40 } });
    await prisma.initiative.update({ where: { id: d.id }, data: { progress: 100 } });
    await prisma.initiative.update({ where: { id: c.id }, data: { closedAt: new Date("2018-08-01T00:00:00Z") } });
    await prisma.initiative.update({ where: { id: a.id }, data: { archivedAt: new Date("2018-08-01T00:00:00Z") } });
    restore.push(
      () => prisma.initiativeMonth.delete({ where: { initiativeId_period: { initiativeId: r.id, period: new Date("2018-08-01T00:00:00Z") } } }),
      () => prisma.initiative.update({ where: { id: d.id }, data: { progress: d.progress } }),
      () => prisma.initiative.update({ where: { id: c.id }, data: { closedAt: null } }),
      () => prisma.initiative.update({ where: { id: a.id }, data: { archivedAt: null } }),
    );
    // Another plan turns reminders off.
    const otherPlan = defined(await prisma.workPlan.findFirst({ where: { year: 2018, id: { not: r.planId } }, select: { id: true } }));
    await prisma.workPlan.update({ where: { id: otherPlan.id }, data: { reminderDaysBefore: 0 } });
    restore.push(() => prisma.workPlan.update({ where: { id: otherPlan.id }, data: { reminderDaysBefore: 3 } }));

    await sendReminders(at(2018, 8, 23));
    const sent = await reminded("2018-08", "due_soon");
    for (const code of open.slice(0, 4)) expect(sent).not.toContain(code);
    const offCodes = (await prisma.initiative.findMany({ where: { planId: otherPlan.id }, select: { code: true } })).map((i) => i.code);
    for (const code of offCodes) expect(sent).not.toContain(code);
    expect(sent.length).toBeGreaterThan(0);
  });

  it("follows the plan's own due day and notice, in every month length, as the rule says; overdue the day after", async () => {
    const plan = defined(await prisma.workPlan.findFirst({ where: { year: 2018, reminderDaysBefore: { gt: 0 } }, select: { id: true, reportDueDay: true } }));
    const ofPlan = new Set((await prisma.initiative.findMany({ where: { planId: plan.id }, select: { code: true } })).map((i) => i.code));
    restore.push(() => prisma.workPlan.update({ where: { id: plan.id }, data: { reportDueDay: plan.reportDueDay, reminderDaysBefore: 3 } }));
    // February (28 days), April (30), October (31); due days early, middle and late.
    for (const [month, dueDay, notice] of [[2, 28, 2], [4, 1, 3], [10, 15, 5], [10, 28, 1]] as const) {
      await prisma.workPlan.update({ where: { id: plan.id }, data: { reportDueDay: dueDay, reminderDaysBefore: notice } });
      const period = `2018-${String(month).padStart(2, "0")}`;
      const code = defined((await owing(period)).find((c) => ofPlan.has(c)));
      await prisma.reminder.deleteMany({ where: { initiative: { code } } });
      const days = new Date(Date.UTC(2018, month, 0)).getUTCDate();
      const startMonth = month - 1; // the notice may begin in the month before
      const lastOfBefore = new Date(Date.UTC(2018, startMonth, 0)).getUTCDate();
      const calendar = [
        ...Array.from({ length: 5 }, (_, i) => [startMonth, lastOfBefore - 4 + i]),
        ...Array.from({ length: days }, (_, i) => [month, i + 1]),
        ...Array.from({ length: 9 }, (_, i) => [month + 1, i + 1]),
      ] as [number, number][];
      for (const [m, d] of calendar) {
        const now = at(2018, m, d);
        const before = await prisma.reminder.count({ where: { initiative: { code }, period: new Date(`${period}-01T00:00:00Z`) } });
        await sendReminders(now);
        const rows = await prisma.reminder.findMany({ where: { initiative: { code }, period: new Date(`${period}-01T00:00:00Z`) }, select: { kind: true, sentAt: true } });
        const fresh = rows.filter((r) => r.sentAt.getTime() === now.getTime()).map((r) => r.kind);
        const rule = reminderDue({ period, dueDay, daysBefore: notice, now });
        // A new row exactly on the first day of each window the rule opens, and on no other day.
        const firstOfWindow = rule !== null && !rows.some((r) => r.kind === rule && r.sentAt < now);
        expect(fresh, `${code} ${period} due ${dueDay} notice ${notice}, on 2018-${m}-${d}`).toEqual(firstOfWindow ? [rule] : []);
        expect(rows.length - before).toBe(fresh.length);
      }
      expect((await prisma.reminder.findMany({ where: { initiative: { code }, period: new Date(`${period}-01T00:00:00Z`) }, select: { kind: true } })).map((r) => r.kind).sort()).toEqual(["due_soon", "overdue"]);
    }
  }, 120_000);
});

describe("the weekly digest", () => {
  it("on Monday 08:00 gives each manager the figures of the lists it links to, once a week, only when something needs attention", async () => {
    const monday = at(2018, 7, 30, 8); // July's reports are late by then
    const director = defined(await prisma.user.findUnique({ where: { email: "director@demo.local" }, select: { id: true, role: true, departmentId: true } }));
    const figures = await digestFigures(director, monday);
    const query = (filter: Record<string, string>) => parseListQuery(listInitiativesQuerySchema, { ...filter, limit: 500 }, LIST_QUERY_MESSAGES);
    // Each figure is the length of the list it links to, read in full.
    expect(figures.late).toBe((await findInitiatives(director, query({ late: "1" }), monday, { total: false })).rows.length);
    expect(figures.red).toBe((await findInitiatives(director, query({ light: "RED" }), monday, { total: false })).rows.length);
    expect(figures.review).toBe((await listUpdates(director, { review: "SUBMITTED", limit: 200 })).items.length);
    expect(figures.extensions).toBe((await getPendingExtensionsPage(director, 1)).total);
    expect(figures.late + figures.red + figures.review + figures.extensions).toBeGreaterThan(0);

    const since = new Date();
    const [a, b] = await Promise.all([sendDigests(monday), sendDigests(monday)]);
    const notes = await prisma.notification.findMany({ where: { kind: "digest.weekly", createdAt: { gte: since } }, select: { userId: true, params: true, emailedAt: true } });
    expect(notes.length).toBe(a.sent + b.sent);
    expect(new Set(notes.map((n) => n.userId)).size).toBe(notes.length);
    const mine = defined(notes.find((n) => n.userId === director.id));
    expect(mine.params).toEqual({ week: "2018-07-30", ...figures });
    expect(mine.emailedAt).toBeNull(); // to be mailed
    // Later that week: nothing again.
    expect((await sendDigests(at(2018, 8, 2, 10))).sent).toBe(0);
  });

  it("is in the app only for a manager who turned digest mail off, and not sent when nothing needs attention", async () => {
    const lead = defined(await prisma.user.findUnique({ where: { email: "policy.lead@demo.local" }, select: { id: true } }));
    await prisma.user.update({ where: { id: lead.id }, data: { digestEmail: false } });
    try {
      const monday = at(2018, 8, 27, 9); // August's reports are late by then
      const since = new Date();
      await sendDigests(monday);
      const note = await prisma.notification.findFirst({ where: { kind: "digest.weekly", userId: lead.id, createdAt: { gte: since } }, select: { emailedAt: true } });
      expect(note?.emailedAt).toBeInstanceOf(Date); // marked as mailed: the outbox never takes it
    } finally {
      await prisma.user.update({ where: { id: lead.id }, data: { digestEmail: true } });
    }
    // A manager of a department with nothing open: the digest row (the week is done), no message.
    const empty = await prisma.department.create({ data: { code: `Q${Date.now() % 100000}`, nameZhHans: "空司", nameZhHant: "空司", nameEn: "Empty" } });
    const quietManager = await prisma.user.create({ data: { email: `quiet.${Date.now()}@test.local`, name: "无事", role: "MANAGER", departmentId: empty.id } });
    await sendDigests(at(2018, 9, 3, 9));
    expect(await prisma.digest.count({ where: { userId: quietManager.id } })).toBe(1);
    expect(await prisma.notification.count({ where: { userId: quietManager.id } })).toBe(0);
    await prisma.digest.deleteMany({ where: { userId: quietManager.id } });
    await prisma.user.delete({ where: { id: quietManager.id } });
    await prisma.department.delete({ where: { id: empty.id } });
  });
});
