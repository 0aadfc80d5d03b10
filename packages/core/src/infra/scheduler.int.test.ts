// The clockwork on pg-boss, two app processes' worth of it on one database: a cycle runs as soon as
// the schedulers start (what was missed while down goes out), once, and sends each reminder once.
import { prisma } from "@workplan/db";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runSeed } from "../../../../prisma/seed/run-seed";
import { beijingDayStart } from "../rules/dates";
import { startScheduler, type Scheduler } from "./scheduler";

const NOW = new Date(beijingDayStart(2018, 9, 22).getTime() + 9 * 3600_000); // three days before 25 September

let schedulers: Scheduler[] = [];
beforeAll(async () => {
  await runSeed({ demo: true });
});
afterAll(async () => {
  await Promise.all(schedulers.map((s) => s.stop()));
  await prisma.notification.deleteMany({ where: { kind: { startsWith: "reminder." } } });
  await prisma.reminder.deleteMany({});
  await prisma.digest.deleteMany({});
  await prisma.notification.deleteMany({ where: { kind: "digest.weekly" } });
  await prisma.$disconnect();
});

it("two schedulers started together run the missed cycle at once, and every reminder goes out once", async () => {
  const cycles: number[] = [];
  const start = () => startScheduler({ now: () => NOW, pollingIntervalSeconds: 0.5, onCycle: (r) => cycles.push(r.reminders.initiatives) });
  schedulers = await Promise.all([start(), start()]);
  const deadline = Date.now() + 30_000;
  while (cycles.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  expect(cycles.length).toBeGreaterThan(0);
  // Give a second job, if one were wrongly queued, time to run.
  await new Promise((r) => setTimeout(r, 2_000));
  expect(cycles.filter((n) => n > 0)).toHaveLength(1);

  const reminded = await prisma.reminder.count({ where: { period: new Date("2018-09-01T00:00:00Z"), kind: "due_soon" } });
  expect(reminded).toBe(cycles.reduce((a, b) => a + b, 0));
  const notes = await prisma.notification.findMany({ where: { kind: "reminder.due_soon", params: { path: ["period"], equals: "2018-09" } }, select: { userId: true } });
  expect(notes.length).toBeGreaterThan(0);
  expect(new Set(notes.map((n) => n.userId)).size).toBe(notes.length);
}, 60_000);
