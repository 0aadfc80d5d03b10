// When automatic reminders and the weekly digest are due. Pure; Beijing time (rules/dates.ts).
//
// A plan's monthly report for month P is due on P's report due day (1–28). With N days' notice
// (the plan's reminderDaysBefore, 0: no automatic reminders), unreported initiatives are reminded
// once from N days before the due day through the due day itself ("due_soon"; the window may begin
// in the month before, for an early due day), and once from the day after the due day for a week
// ("overdue"; it may run into the next month). A window, not a single day: a reminder missed while
// the server was down goes out when it comes back, still once (the reminders table's key), and not
// at all once the week has passed.
import { beijingDayStart, beijingToday, DAY_MS, isoDay, isoMonth } from "./dates";

export type ReminderKind = "due_soon" | "overdue";

export const DEFAULT_REMINDER_DAYS = 3;
/** Days after the due day within which the overdue notice still goes out. */
export const OVERDUE_WINDOW_DAYS = 7;
export const MAX_REMINDER_DAYS = 14;

/**
 * The months whose reminders may fall on `now`'s Beijing day: the last (its overdue week may run
 * into this month), this one, and the next (an early due day's notice starts in the month before).
 */
export function reminderPeriods(now: Date): string[] {
  const today = beijingToday(now);
  const month = (offset: number) => isoMonth(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + offset, 1)));
  return [month(-1), month(0), month(1)];
}

/** Which reminder, if any, `now`'s Beijing day calls for on a plan's month `period` ("2018-06"). */
export function reminderDue(input: { period: string; dueDay: number; daysBefore: number; now: Date }): ReminderKind | null {
  if (input.daysBefore <= 0) return null;
  const [year, month] = input.period.split("-").map(Number) as [number, number];
  const dueDay = Math.min(28, Math.max(1, Math.trunc(input.dueDay)));
  const today = beijingToday(input.now).getTime();
  const due = Date.UTC(year, month - 1, dueDay);
  if (today >= due - input.daysBefore * DAY_MS && today <= due) return "due_soon";
  if (today > due && today <= due + OVERDUE_WINDOW_DAYS * DAY_MS) return "overdue";
  return null;
}

/** The plan's due date of a month, "2018-06-25". */
export function dueDateOf(period: string, dueDay: number): string {
  return `${period}-${String(Math.min(28, Math.max(1, Math.trunc(dueDay)))).padStart(2, "0")}`;
}

/**
 * The weekly digest's latest moment at or before `now` (weekday 0 Sunday … 6 Saturday, hour, Beijing
 * time), and the week it belongs to (that moment's day, "2018-07-16"): one digest per user and week.
 */
export function digestMoment(now: Date, weekday: number, hour: number): { at: Date; week: string } {
  const today = beijingToday(now);
  const back = (today.getUTCDay() - weekday + 7) % 7;
  let day = new Date(today.getTime() - back * DAY_MS);
  let at = beijingDayStart(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate());
  at = new Date(at.getTime() + hour * 3600_000);
  if (at > now) {
    day = new Date(day.getTime() - 7 * DAY_MS);
    at = new Date(at.getTime() - 7 * DAY_MS);
  }
  return { at, week: isoDay(day) };
}

/** A manager's week in four figures, each the count of the list it links to. */
export interface DigestFigures {
  /** Reports awaiting review: /updates?review=SUBMITTED */
  review: number;
  /** Initiatives whose report this month is late or missing: /initiatives?late=1 */
  late: number;
  /** Red lights: /initiatives?light=RED */
  red: number;
  /** Extension requests waiting for a decision: /review */
  extensions: number;
}

export const DIGEST_LINKS: Record<keyof DigestFigures, string> = {
  review: "/updates?review=SUBMITTED",
  late: "/initiatives?late=1",
  red: "/initiatives?light=RED",
  extensions: "/review",
};
