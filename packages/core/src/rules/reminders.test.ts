import { describe, expect, it } from "vitest";
import { beijingDayStart } from "./dates";
import { digestMoment, reminderDue, reminderPeriods } from "./reminders";

const at = (y: number, m: number, d: number, h = 9) => new Date(beijingDayStart(y, m, d).getTime() + h * 3600_000);

describe("when reminders fall", () => {
  it("from N days before the due day through it, then overdue for a week, for every due day 1–28", () => {
    for (let dueDay = 1; dueDay <= 28; dueDay += 1) {
      for (const [y, m, days] of [[2018, 2, 28], [2020, 2, 29], [2018, 4, 30], [2018, 7, 31]] as const) {
        const period = `${y}-${String(m).padStart(2, "0")}`;
        for (let d = 1; d <= days; d += 1) {
          const kind = reminderDue({ period, dueDay, daysBefore: 3, now: at(y, m, d) });
          const expected = d >= dueDay - 3 && d <= dueDay ? "due_soon" : d > dueDay && d <= dueDay + 7 ? "overdue" : null;
          expect(kind, `${period}-${d} due ${dueDay}`).toBe(expected);
        }
      }
    }
  });

  it("starts in the month before for an early due day, and never with reminders off", () => {
    // Due on 2 March, three days' notice: 27 and 28 February remind of March.
    expect(reminderDue({ period: "2018-03", dueDay: 2, daysBefore: 3, now: at(2018, 2, 26) })).toBeNull();
    expect(reminderDue({ period: "2018-03", dueDay: 2, daysBefore: 3, now: at(2018, 2, 27) })).toBe("due_soon");
    expect(reminderPeriods(at(2018, 2, 27))).toEqual(["2018-01", "2018-02", "2018-03"]);
    expect(reminderPeriods(at(2018, 12, 31))).toEqual(["2018-11", "2018-12", "2019-01"]);
    // Due on 28 February: overdue from 1 March, for a week.
    expect(reminderDue({ period: "2018-02", dueDay: 28, daysBefore: 3, now: at(2018, 3, 1) })).toBe("overdue");
    expect(reminderDue({ period: "2018-02", dueDay: 28, daysBefore: 3, now: at(2018, 3, 7) })).toBe("overdue");
    expect(reminderDue({ period: "2018-02", dueDay: 28, daysBefore: 3, now: at(2018, 3, 8) })).toBeNull();
    expect(reminderDue({ period: "2018-06", dueDay: 25, daysBefore: 0, now: at(2018, 6, 24) })).toBeNull();
  });

  it("reads the day in Beijing: 23:30 UTC is already the next day", () => {
    const lateUtc = new Date(Date.UTC(2018, 5, 21, 16, 30)); // 22 June 00:30 in Beijing
    expect(reminderDue({ period: "2018-06", dueDay: 25, daysBefore: 3, now: lateUtc })).toBe("due_soon");
    expect(reminderDue({ period: "2018-06", dueDay: 25, daysBefore: 3, now: new Date(Date.UTC(2018, 5, 21, 15, 59)) })).toBeNull();
  });
});

describe("when the digest falls", () => {
  it("is the latest Monday 08:00 Beijing time at or before now, and names its week", () => {
    // 16 July 2018 was a Monday.
    expect(digestMoment(at(2018, 7, 16, 8), 1, 8)).toEqual({ at: at(2018, 7, 16, 8), week: "2018-07-16" });
    expect(digestMoment(at(2018, 7, 16, 7), 1, 8).week).toBe("2018-07-09");
    expect(digestMoment(at(2018, 7, 19, 15), 1, 8).week).toBe("2018-07-16");
    expect(digestMoment(at(2018, 7, 22, 23), 1, 8).week).toBe("2018-07-16");
    expect(digestMoment(at(2018, 7, 22, 23), 0, 8).week).toBe("2018-07-22");
  });
});
