import "server-only";
import PgBoss from "pg-boss";
import { sendDigests } from "../operations/digest/send-digests";
import { sendReminders } from "../operations/reminders/send-reminders";
import { planNow } from "./plan-clock";

// The server's clockwork: automatic reminders and the weekly digest, on pg-boss (its tables in the
// `pgboss` schema of the app's own PostgreSQL). Every 15 minutes (Beijing time) one job runs the
// cycle; the queue is a singleton, so several app processes never run it side by side, and what the
// cycle sends is once per initiative-month or manager-week by the database's keys anyway. At start
// a job is queued at once: a reminder or digest missed while the server was down goes out then.

export const CYCLE_QUEUE = "workplan-cycle";
export const CYCLE_CRON = "*/15 * * * *";

/** One turn of the clockwork at `now`: what reminders and digests it is time for. */
export async function runCycle(now: Date) {
  const reminders = await sendReminders(now);
  const digests = await sendDigests(now);
  return { reminders, digests };
}

export interface Scheduler {
  stop(): Promise<void>;
}

export async function startScheduler(
  options: { connectionString?: string; now?: () => Date; pollingIntervalSeconds?: number; onCycle?: (result: Awaited<ReturnType<typeof runCycle>>) => void } = {},
): Promise<Scheduler> {
  const connectionString = options.connectionString ?? process.env.DATABASE_URL;
  if (!connectionString) throw new Error("the scheduler needs DATABASE_URL");
  const now = options.now ?? planNow;
  const boss = new PgBoss({ connectionString, schema: "pgboss", max: 2, application_name: "workplan-scheduler" });
  boss.on("error", (error: Error) => console.warn(`[scheduler] ${error.message}`));
  await boss.start();
  await ensureQueue(boss);
  await boss.schedule(CYCLE_QUEUE, CYCLE_CRON, {}, { tz: "Asia/Shanghai" });
  await boss.work(CYCLE_QUEUE, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 5 }, async () => {
    const result = await runCycle(now());
    options.onCycle?.(result);
    if (result.reminders.notified > 0 || result.digests.sent > 0) {
      console.log(`[scheduler] reminders for ${result.reminders.initiatives} initiative(s) to ${result.reminders.notified} person(s); ${result.digests.sent} digest(s)`);
    }
  });
  // Catch up now (one job for all processes starting within the minute).
  await boss.send(CYCLE_QUEUE, {}, { singletonKey: "start", singletonSeconds: 60 });
  return { stop: () => boss.stop({ graceful: true, wait: true, timeout: 10_000 }) };
}

/**
 * The queue, created by whichever process comes first: two starting at once can deadlock in
 * pg-boss's CREATE TABLE, and the loser finds the winner's queue on its next look.
 */
async function ensureQueue(boss: PgBoss): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    if (await boss.getQueue(CYCLE_QUEUE)) return;
    try {
      await boss.createQueue(CYCLE_QUEUE, { name: CYCLE_QUEUE, policy: "singleton", retryLimit: 2, expireInMinutes: 10 });
      return;
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 400));
    }
  }
}

let running: Promise<Scheduler | null> | null = null;

/**
 * Start the clockwork for this server process (apps/web/instrumentation.ts), retrying every 30 s
 * while PostgreSQL cannot be reached: a server that starts before its database still reminds.
 */
export function startSchedulerInBackground(): void {
  if (running) return;
  running = (async () => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await startScheduler();
      } catch (error) {
        console.warn(`[scheduler] not started (attempt ${attempt}): ${error instanceof Error ? error.message : String(error)}; retrying in 30 s`);
        await new Promise((resolve) => setTimeout(resolve, 30_000).unref());
      }
    }
  })();
}

/** Stop it (on shutdown): the job under way finishes first, for at most 10 s. */
export async function stopScheduler(): Promise<void> {
  const scheduler = await running;
  running = null;
  await scheduler?.stop();
}
