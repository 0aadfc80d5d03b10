import { describe, expect, it } from "vitest";
import { clientIp, trustedProxies } from "./client-ip";

const forwarded = (value: string) => new Headers({ "x-forwarded-for": value });

describe("the client's address", () => {
  it("reads TRUST_PROXY as a number of proxies, 0 when unset or nonsense", () => {
    expect(trustedProxies(undefined)).toBe(0);
    expect(trustedProxies("")).toBe(0);
    expect(trustedProxies("2")).toBe(2);
    expect(trustedProxies("true")).toBe(1);
    expect(trustedProxies("yes please")).toBe(0);
    expect(trustedProxies("-1")).toBe(0);
  });

  it("with no proxy, is the connection's address Next.js put in X-Forwarded-For (proxy.ts drops what a client sent)", () => {
    expect(clientIp(forwarded("127.0.0.1"), 0)).toBe("127.0.0.1");
    expect(clientIp(new Headers(), 0)).toBeNull();
  });

  it("behind n trusted proxies, is the address the outermost one saw, whatever the client wrote before it", () => {
    // The client claims 6.6.6.6; our proxy appended the address it really came from.
    expect(clientIp(forwarded("6.6.6.6, 203.0.113.7"), 1)).toBe("203.0.113.7");
    // Two proxies: the outer one appended the client's, the inner one the outer proxy's.
    expect(clientIp(forwarded("6.6.6.6, 203.0.113.7, 10.0.0.2"), 2)).toBe("203.0.113.7");
    expect(clientIp({ "x-forwarded-for": "198.51.100.1" }, 1)).toBe("198.51.100.1");
  });

  it("is null rather than a made-up value when the list is shorter than the proxies or absurd", () => {
    expect(clientIp(forwarded("203.0.113.7"), 2)).toBeNull();
    expect(clientIp(forwarded("x".repeat(200)), 1)).toBeNull();
  });
});
