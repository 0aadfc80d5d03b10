import { describe, expect, it } from "vitest";
import {
  AT_RISK_GAP,
  ENGLISH_MESSAGES,
  expectedProgress,
  fieldErrors,
  OFF_TRACK_GAP,
  periodOf,
  periodStart,
  progressUpdateJsonSchema,
  progressUpdateSchema,
  suggestHealth,
} from "./progress";

const DAY = 24 * 3600_000;

describe("suggestHealth", () => {
  // A ten-day span with "now" half-way: the expected progress is exactly 50 %.
  const start = new Date("2018-01-01T00:00:00Z");
  const due = new Date(start.getTime() + 10 * DAY);
  const now = new Date(start.getTime() + 5 * DAY);
  const at = (progress: number, when = now) => suggestHealth({ progress, now: when, start, due });

  it("says done at 100 %, whatever the date", () => {
    expect(at(100)).toBe("DONE");
    expect(at(100, new Date(due.getTime() + 30 * DAY))).toBe("DONE");
    expect(at(99)).not.toBe("DONE");
  });

  it("is on track up to the at-risk gap behind the elapsed time, at risk up to the off-track gap, then off track", () => {
    expect(expectedProgress(now, start, due)).toBe(50);
    expect(at(80)).toBe("ON_TRACK"); // ahead
    expect(at(50)).toBe("ON_TRACK");
    expect(at(50 - AT_RISK_GAP)).toBe("ON_TRACK");
    expect(at(50 - AT_RISK_GAP - 1)).toBe("AT_RISK");
    expect(at(50 - OFF_TRACK_GAP)).toBe("AT_RISK");
    expect(at(50 - OFF_TRACK_GAP - 1)).toBe("OFF_TRACK");
    expect(at(0)).toBe("OFF_TRACK");
  });

  it("reads the 2018 plan at mid-year", () => {
    const planStart = new Date("2018-01-01T00:00:00Z");
    const planDue = new Date("2018-12-31T00:00:00Z");
    const midYear = new Date("2018-07-01T00:00:00Z");
    const h = (progress: number) => suggestHealth({ progress, now: midYear, start: planStart, due: planDue });
    expect(expectedProgress(midYear, planStart, planDue)).toBe(50);
    expect(h(50)).toBe("ON_TRACK");
    expect(h(30)).toBe("AT_RISK");
    expect(h(20)).toBe("OFF_TRACK");
  });

  it("is off track once the due day is over and the work is not done", () => {
    const planStart = new Date("2018-01-01T00:00:00Z");
    const planDue = new Date("2018-12-31T00:00:00Z");
    const h = (progress: number, when: string) => suggestHealth({ progress, now: new Date(when), start: planStart, due: planDue });
    // during the due day itself the pace still decides
    expect(h(95, "2018-12-31T20:00:00Z")).toBe("ON_TRACK");
    expect(h(99, "2019-01-01T00:00:01Z")).toBe("OFF_TRACK");
    expect(h(99, "2019-03-01T00:00:00Z")).toBe("OFF_TRACK");
    expect(h(100, "2019-03-01T00:00:00Z")).toBe("DONE");
  });

  it("expects nothing before the start", () => {
    expect(at(0, new Date(start.getTime() - 3 * DAY))).toBe("ON_TRACK");
    expect(expectedProgress(new Date(start.getTime() - DAY), start, due)).toBe(0);
    expect(expectedProgress(new Date(due.getTime() + DAY), start, due)).toBe(100);
  });
});

describe("periods", () => {
  it("names the month in UTC and starts it on its first day", () => {
    expect(periodOf(new Date("2018-06-30T23:59:59Z"))).toBe("2018-06");
    expect(periodOf(new Date("2018-01-01T00:00:00Z"))).toBe("2018-01");
    expect(periodStart("2018-06").toISOString()).toBe("2018-06-01T00:00:00.000Z");
    expect(periodStart("2018-12").toISOString()).toBe("2018-12-01T00:00:00.000Z");
  });
});

describe("progressUpdateSchema", () => {
  const valid = { period: "2018-06", progress: "50", health: "ON_TRACK", workDone: "完成調研", baseVersion: "0" };
  const problems = (patch: Record<string, unknown>) => {
    const result = progressUpdateSchema.safeParse({ ...valid, ...patch });
    return result.success ? null : fieldErrors(result.error);
  };

  it("accepts the form's text fields and normalises them", () => {
    const result = progressUpdateSchema.parse({
      ...valid,
      progress: " 40 ",
      workDone: "  done  ",
      measuredValue: "2.5",
      links: ["https://example.org/a"],
      baseVersion: "3",
    });
    expect(result).toEqual({
      period: "2018-06",
      progress: 40,
      health: "ON_TRACK",
      healthReason: "",
      workDone: "done",
      problems: "",
      nextSteps: "",
      measuredValue: 2.5,
      links: ["https://example.org/a"],
      baseVersion: 3,
    });
    expect(progressUpdateSchema.parse({ ...valid, progress: 0 }).progress).toBe(0);
    expect(progressUpdateSchema.parse({ ...valid, progress: 100 }).progress).toBe(100);
  });

  it("treats a blank, null or absent measured value as not measured", () => {
    for (const measuredValue of ["", "   ", null, undefined]) {
      expect(progressUpdateSchema.parse({ ...valid, measuredValue }).measuredValue).toBeNull();
    }
    expect(progressUpdateSchema.parse({ ...valid, measuredValue: 0 }).measuredValue).toBe(0);
  });

  it("names each problem by its field and message key", () => {
    expect(problems({ progress: 101 })).toEqual({ progress: "progress.range" });
    expect(problems({ progress: -1 })).toEqual({ progress: "progress.range" });
    expect(problems({ progress: 12.5 })).toEqual({ progress: "progress.integer" });
    expect(problems({ progress: "abc" })).toEqual({ progress: "progress.number" });
    expect(problems({ period: "2018-13" })).toEqual({ period: "period.format" });
    expect(problems({ period: "June" })).toEqual({ period: "period.format" });
    expect(problems({ health: "" })).toEqual({ health: "health.required" });
    expect(problems({ health: "GREAT" })).toEqual({ health: "health.required" });
    expect(problems({ healthReason: "x".repeat(201) })).toEqual({ healthReason: "healthReason.tooLong" });
    expect(problems({ workDone: "" })).toEqual({ workDone: "workDone.required" });
    expect(problems({ workDone: " \n\t " })).toEqual({ workDone: "workDone.required" });
    expect(problems({ workDone: "x".repeat(5001) })).toEqual({ workDone: "workDone.tooLong" });
    expect(problems({ problems: "x".repeat(5001) })).toEqual({ problems: "problems.tooLong" });
    expect(problems({ nextSteps: "x".repeat(5001) })).toEqual({ nextSteps: "nextSteps.tooLong" });
    expect(problems({ measuredValue: "abc" })).toEqual({ measuredValue: "measuredValue.number" });
    expect(problems({ measuredValue: -1 })).toEqual({ measuredValue: "measuredValue.range" });
    expect(problems({ links: ["javascript:alert(1)"] })).toEqual({ links: "links.url" });
    expect(problems({ links: ["ftp://example.org/x"] })).toEqual({ links: "links.url" });
    expect(problems({ links: Array.from({ length: 11 }, (_, i) => `https://example.org/${i}`) })).toEqual({ links: "links.tooMany" });
    expect(problems({ baseVersion: "x" })).toEqual({ baseVersion: "baseVersion.required" });
    expect(problems({ baseVersion: -1 })).toEqual({ baseVersion: "baseVersion.required" });
  });

  it("does not read a blank or non-numeric percent as 0 (nor a missing version)", () => {
    for (const progress of ["", "  ", null, undefined, true, "1e1", "0x10", "Infinity", Number.NaN]) {
      expect(problems({ progress })).toEqual({ progress: "progress.number" });
    }
    expect(problems({ baseVersion: "" })).toEqual({ baseVersion: "baseVersion.required" });
    expect(problems({ baseVersion: undefined })).toEqual({ baseVersion: "baseVersion.required" });
  });

  it("reports every bad field at once, the first problem of each, and unknown keys on the form", () => {
    expect(problems({ progress: 101, workDone: "", period: "" })).toEqual({
      progress: "progress.range",
      workDone: "workDone.required",
      period: "period.format",
    });
    expect(problems({ authorId: "someone-else" })).toEqual({ form: "form.invalid" });
  });

  it("has English wording for every key the schema produces", () => {
    const keys = [
      ...Object.values(problems({ progress: 101, workDone: "", period: "x", health: "", measuredValue: "abc", links: ["x"], baseVersion: "" }) ?? {}),
      "progress.integer",
      "progress.number",
      "measuredValue.range",
      "links.tooMany",
      "healthReason.tooLong",
    ];
    for (const key of keys) expect(ENGLISH_MESSAGES[key], key).toBeTruthy();
  });
});

describe("progressUpdateJsonSchema (a JSON body: strict types)", () => {
  const valid = { period: "2018-06", progress: 55, health: "ON_TRACK", workDone: "完成方案。", baseVersion: 3 };
  const problems = (patch: Record<string, unknown>) => {
    const result = progressUpdateJsonSchema.safeParse({ ...valid, ...patch });
    return result.success ? {} : fieldErrors(result.error);
  };

  it("takes numbers as numbers, and a report without measuredValue as not measured", () => {
    expect(progressUpdateJsonSchema.parse(valid)).toMatchObject({ progress: 55, measuredValue: null, healthReason: "", links: [], baseVersion: 3 });
  });

  it("refuses numbers given as text and other wrong types, field by field", () => {
    expect(problems({ progress: "55" })).toEqual({ progress: "progress.number" });
    expect(problems({ baseVersion: "3" })).toEqual({ baseVersion: "baseVersion.required" });
    expect(problems({ measuredValue: "2" })).toEqual({ measuredValue: "measuredValue.number" });
    expect(problems({ progress: true, links: "https://example.org" })).toEqual({ progress: "progress.number", links: "links.invalid" });
    expect(problems({ progress: 1e20 })).toEqual({ progress: "progress.range" });
    expect(problems({ progress: 12.5 })).toEqual({ progress: "progress.integer" });
    expect(problems({ baseVersion: 2147483648 })).toEqual({ baseVersion: "baseVersion.required" });
  });
});
