// Pace and periods: pure and free of zod, so the report form can import them without taking the
// validation library into the browser (rules/progress.ts holds the schema and re-exports these).
import type { Health } from "./health";

/** Pace thresholds: how far behind the elapsed time a report may be before it is at risk / off track. */
export const AT_RISK_GAP = 10;
export const OFF_TRACK_GAP = 25;

/**
 * Suggest a health from pace: compare the percent complete with the share of time elapsed from the
 * start of the plan's year to the due date.
 */
export function suggestHealth(input: { progress: number; now: Date; start: Date; due: Date }): Health {
  const { progress, now, start, due } = input;
  if (progress >= 100) return "DONE";
  if (now.getTime() > due.getTime() + 24 * 3600_000) return "OFF_TRACK";
  const span = Math.max(1, due.getTime() - start.getTime());
  const elapsed = Math.min(1, Math.max(0, (now.getTime() - start.getTime()) / span));
  const gap = elapsed * 100 - progress;
  if (gap <= AT_RISK_GAP) return "ON_TRACK";
  if (gap <= OFF_TRACK_GAP) return "AT_RISK";
  return "OFF_TRACK";
}

export function expectedProgress(now: Date, start: Date, due: Date): number {
  const span = Math.max(1, due.getTime() - start.getTime());
  return Math.round(Math.min(1, Math.max(0, (now.getTime() - start.getTime()) / span)) * 100);
}

/** "2018-06" for the month containing `date` (UTC). */
export function periodOf(date: Date): string {
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, "0")}`;
}

export function periodStart(period: string): Date {
  const [y, m] = period.split("-").map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, 1));
}
