import { describe, expect, it } from "vitest";
import { BEIJING_OFFSET_MS, beijingDateTime, DAY_MS } from "../rules/dates";
import { planNow } from "./plan-clock";
import { serverEnvProblems } from "./env";

describe("the plan calendar's clock", () => {
  it("is the real clock unless the demo pins the day, whose time of day still runs", () => {
    const real = Date.now();
    expect(Math.abs(planNow({}).getTime() - real)).toBeLessThan(1000);
    // Not in the demo: a pinned day is ignored (and env.ts refuses it at start).
    expect(Math.abs(planNow({ WORKPLAN_TODAY: "2018-07-16" }).getTime() - real)).toBeLessThan(1000);
    const pinned = planNow({ DEMO_MODE: "1", WORKPLAN_TODAY: "2018-07-16" });
    expect(beijingDateTime(pinned).slice(0, 10)).toBe("2018-07-16");
    const sinceMidnight = pinned.getTime() - Date.parse("2018-07-16T00:00:00+08:00");
    expect(Math.abs(sinceMidnight - ((Date.now() + BEIJING_OFFSET_MS) % DAY_MS))).toBeLessThan(1000);
  });

  it("is refused outside the demo, and must be a day", () => {
    const ok = { DATABASE_URL: "postgresql://localhost/x", AUTH_SECRET: "0123456789abcdef0123" };
    expect(serverEnvProblems({ ...ok, DEMO_MODE: "1", WORKPLAN_TODAY: "2018-07-16" })).toEqual([]);
    expect(serverEnvProblems({ ...ok, WORKPLAN_TODAY: "2018-07-16" })).toEqual(["WORKPLAN_TODAY is for the demo only: set DEMO_MODE=1 as well, or unset it"]);
    expect(serverEnvProblems({ ...ok, DEMO_MODE: "1", WORKPLAN_TODAY: "July" })).toEqual(["WORKPLAN_TODAY must be a day, YYYY-MM-DD"]);
  });
});
