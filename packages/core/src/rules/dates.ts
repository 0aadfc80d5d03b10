// Beijing time and calendar days, in one place. The ministry works in Asia/Shanghai (UTC+8 all year,
// no daylight saving); instants are stored in UTC; a DATE column (a due date, a report's month)
// comes back as UTC midnight of its day. Pure, usable in the browser.

export const BEIJING_TIME_ZONE = "Asia/Shanghai";
export const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

/** The instant a Beijing calendar day (year, month 1–12, day) begins (a day past the month's end rolls over). */
export function beijingDayStart(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day) - BEIJING_OFFSET_MS);
}

/** The instant's calendar day in Beijing, as a DATE column holds it (UTC midnight). */
export function beijingToday(now: Date): Date {
  const local = new Date(now.getTime() + BEIJING_OFFSET_MS);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
}

/** "2018-06": the month containing the instant in Beijing. */
export function beijingMonth(date: Date): string {
  const local = new Date(date.getTime() + BEIJING_OFFSET_MS);
  return `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** "2018-03-02 00:30:00": the instant as a Beijing wall-clock time (for CSV files and logs). */
export function beijingDateTime(date: Date): string {
  return new Date(date.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}

/** "2018-12-31": a DATE column's day (its UTC date). */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** "2018-06": a month column's month (its UTC date). */
export function isoMonth(date: Date): string {
  return date.toISOString().slice(0, 7);
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A real day written YYYY-MM-DD as a DATE column holds it, or null (Date.parse takes 2018-02-30 as 2 March). */
export function parseIsoDay(text: string, options: { minYear?: number } = {}): Date | null {
  if (!ISO_DAY.test(text)) return null;
  const date = new Date(`${text}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || isoDay(date) !== text) return null;
  return options.minYear !== undefined && date.getUTCFullYear() < options.minYear ? null : date;
}
