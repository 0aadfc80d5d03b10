import { BEIJING_OFFSET_MS, DAY_MS } from "../rules/dates";

// The plan calendar's "today". The demo shows a ministry at work in mid-July 2018, so it pins the
// day with WORKPLAN_TODAY (YYYY-MM-DD, with DEMO_MODE=1 only: env.ts refuses it otherwise) while the
// time of day still runs. Only what the plan calendar computes reads this clock — lights, the
// month a report is for and when it counts as filed, lateness, the overview, the reports —
// never sessions, tokens, links or throttles, which keep the real clock.

/** The demo has pinned the plan calendar's day (else planNow() is the real clock). */
export function planClockPinned(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.DEMO_MODE === "1" && /^\d{4}-\d{2}-\d{2}$/.test(env.WORKPLAN_TODAY?.trim() ?? "");
}

/** The instant the plan calendar takes as now. */
export function planNow(env: NodeJS.ProcessEnv = process.env): Date {
  const real = new Date();
  const pinned = env.DEMO_MODE === "1" ? env.WORKPLAN_TODAY?.trim() : undefined;
  if (!pinned || !/^\d{4}-\d{2}-\d{2}$/.test(pinned)) return real;
  // The same Beijing time of day, on the pinned Beijing day.
  const timeOfDay = (real.getTime() + BEIJING_OFFSET_MS) % DAY_MS;
  return new Date(Date.parse(`${pinned}T00:00:00Z`) - BEIJING_OFFSET_MS + timeOfDay);
}
