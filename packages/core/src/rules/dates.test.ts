import { describe, expect, it } from "vitest";
import { beijingDateTime, beijingDayStart, beijingMonth, beijingToday, isoDay, isoMonth, parseIsoDay } from "./dates";

describe("Beijing time", () => {
  it("puts an instant in Beijing's day and month, eight hours ahead of UTC", () => {
    const lateEvening = new Date("2018-06-30T16:30:00Z"); // 00:30 on 1 July in Beijing
    expect(beijingMonth(lateEvening)).toBe("2018-07");
    expect(isoDay(beijingToday(lateEvening))).toBe("2018-07-01");
    expect(beijingDateTime(lateEvening)).toBe("2018-07-01 00:30:00");
    expect(beijingDayStart(2018, 7, 1).toISOString()).toBe("2018-06-30T16:00:00.000Z");
  });

  it("reads a DATE column's day and month as stored (UTC midnight)", () => {
    expect(isoDay(new Date("2018-12-31T00:00:00Z"))).toBe("2018-12-31");
    expect(isoMonth(new Date("2018-06-01T00:00:00Z"))).toBe("2018-06");
  });

  it("takes only real days written YYYY-MM-DD", () => {
    expect(parseIsoDay("2018-02-28")?.toISOString()).toBe("2018-02-28T00:00:00.000Z");
    expect(parseIsoDay("2018-02-30")).toBeNull();
    expect(parseIsoDay("2018-2-3")).toBeNull();
    expect(parseIsoDay("1899-12-31", { minYear: 1900 })).toBeNull();
    expect(parseIsoDay("1899-12-31")).not.toBeNull();
  });
});
