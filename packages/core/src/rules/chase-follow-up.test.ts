import { describe, expect, it } from "vitest";
import { chaseFollowUp } from "./chase-follow-up";

const day = (s: string) => new Date(`${s}T00:00:00Z`);
const bj = (s: string) => new Date(`${s}+08:00`);

describe("whether a report followed a chase", () => {
  it("is pending until a report comes in, whatever the reply-by day", () => {
    expect(chaseFollowUp(null, null)).toBe("pending");
    expect(chaseFollowUp(null, day("2018-07-05"))).toBe("pending");
  });

  it("is simply reported when no day was asked for", () => {
    expect(chaseFollowUp(bj("2018-07-20T09:00:00"), null)).toBe("reported");
  });

  it("counts the whole reply-by day in Beijing time as on time, the next Beijing day as late", () => {
    const replyBy = day("2018-07-05");
    expect(chaseFollowUp(bj("2018-07-05T00:00:00"), replyBy)).toBe("onTime");
    expect(chaseFollowUp(bj("2018-07-05T23:59:59"), replyBy)).toBe("onTime");
    expect(chaseFollowUp(bj("2018-07-06T00:00:00"), replyBy)).toBe("late");
    // 2018-07-05 20:00 UTC is already the 6th in Beijing.
    expect(chaseFollowUp(new Date("2018-07-05T20:00:00Z"), replyBy)).toBe("late");
  });
});
