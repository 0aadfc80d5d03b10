import { describe, expect, it } from "vitest";
import { SIGN_IN_THROTTLE_RULES, delayAfter, signInThrottleRules, throttleAddress, throttleKind } from "./sign-in-throttle";

describe("delays", () => {
  it("are free up to a rule's threshold, then double with each failure up to the cap", () => {
    const pair = SIGN_IN_THROTTLE_RULES.pair;
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 50].map((n) => delayAfter(pair, n))).toEqual([0, 0, 0, 0, 60, 120, 240, 480, 900, 900, 900]);
    const account = SIGN_IN_THROTTLE_RULES.account;
    expect([9, 10, 11, 12, 13, 14, 1000].map((n) => delayAfter(account, n))).toEqual([0, 30, 60, 120, 240, 300, 300]);
    expect([9, 10, 11, 16, 17].map((n) => delayAfter(SIGN_IN_THROTTLE_RULES.address, n))).toEqual([0, 60, 120, 3600, 3600]);
  });

  it("make the account rule gentler and shorter than the address-and-account and address rules", () => {
    const { pair, account, address } = SIGN_IN_THROTTLE_RULES;
    expect(account.delayFrom).toBeGreaterThan(pair.delayFrom);
    expect(account.maxDelaySeconds).toBeLessThan(pair.maxDelaySeconds);
    expect(account.maxDelaySeconds).toBeLessThan(address.maxDelaySeconds);
    // A run is remembered longer than its longest delay: waiting out the cap starts no fresh run.
    for (const rule of [pair, account, address]) expect(rule.forgetSeconds).toBeGreaterThan(rule.maxDelaySeconds);
  });

  it("take the address threshold from SIGN_IN_ADDRESS_LIMIT when it is a sensible number", () => {
    expect(signInThrottleRules("50").address.delayFrom).toBe(50);
    expect(signInThrottleRules("50").pair).toEqual(SIGN_IN_THROTTLE_RULES.pair);
    for (const bad of [undefined, "", "0", "-3", "2.5", "lots", "10001"]) expect(signInThrottleRules(bad)).toEqual(SIGN_IN_THROTTLE_RULES);
  });
});

describe("keys", () => {
  it("name the kind of a row by what it holds", () => {
    expect(throttleKind({ address: "10.0.0.1", email: "" })).toBe("address");
    expect(throttleKind({ address: "", email: "a@b.c" })).toBe("account");
    expect(throttleKind({ address: "10.0.0.1", email: "a@b.c" })).toBe("pair");
  });

  it("count IPv4 as it is, mapped IPv4 as IPv4, and IPv6 by its /64 network", () => {
    expect(throttleAddress("203.0.113.9")).toBe("203.0.113.9");
    expect(throttleAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(throttleAddress("0:0:0:0:0:ffff:10.1.2.3")).toBe("10.1.2.3");
    expect(throttleAddress("::ffff:a01:203")).toBe("10.1.2.3");
    expect(throttleAddress("::1")).toBe("::1");
    expect(throttleAddress("2001:db8:abcd:12::1")).toBe("2001:db8:abcd:12::/64");
    expect(throttleAddress("2001:DB8:ABCD:0012:ffff:1:2:3")).toBe("2001:db8:abcd:12::/64");
    expect(throttleAddress("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
  });

  it("put requests without an address under one key, and keep anything else as it came", () => {
    expect(throttleAddress(null)).toBe("unknown");
    expect(throttleAddress("  ")).toBe("unknown");
    expect(throttleAddress("not-an-address")).toBe("not-an-address");
    expect(throttleAddress("1:2:3:4:5:6:7:8:9")).toBe("1:2:3:4:5:6:7:8:9");
    expect(throttleAddress("1::2::3")).toBe("1::2::3");
  });
});
