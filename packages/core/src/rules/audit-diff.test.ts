import { describe, expect, it } from "vitest";
import { auditChanges, displayIp, formatAuditValue, isAuditTimestamp } from "./audit-diff";

describe("auditChanges", () => {
  it("lists only what changed, with before and after as stored", () => {
    expect(auditChanges({ progress: 40, health: "ON_TRACK", note: "x" }, { progress: 55, health: "ON_TRACK", note: "x" })).toEqual([
      { key: "progress", before: 40, after: 55 },
    ]);
  });

  it("shows every field of a creation, and fields that appear or go", () => {
    expect(auditChanges(null, { name: "统计报表系统", prefix: "wp_abc" })).toEqual([
      { key: "name", after: "统计报表系统" },
      { key: "prefix", after: "wp_abc" },
    ]);
    expect(auditChanges({ revoked: false }, { name: "t", revoked: true })).toEqual([
      { key: "revoked", before: false, after: true },
      { key: "name", after: "t" },
    ]);
    expect(auditChanges({ a: 1 }, null)).toEqual([{ key: "a", before: 1 }]);
  });

  it("spells out a nested object field by field instead of as JSON", () => {
    expect(
      auditChanges(null, { email: "a@b.c", passwordLink: { purpose: "INVITE", expiresAt: "2026-12-06T10:00:00.000Z" } }),
    ).toEqual([
      { key: "email", after: "a@b.c" },
      { key: "passwordLink.purpose", after: "INVITE" },
      { key: "passwordLink.expiresAt", after: "2026-12-06T10:00:00.000Z" },
    ]);
  });

  it("never gives the value of a token, a hash or a password, only that it changed", () => {
    const changes = auditChanges(
      { passwordLink: { token: "old-secret", purpose: "RESET" } },
      { passwordLink: { token: "s3cr3t-token", purpose: "RESET" }, tokenHash: "abc123", passwordHash: "$argon2id$x", hasPassword: true },
    );
    expect(changes).toEqual([
      { key: "passwordLink.token", secret: true },
      { key: "tokenHash", secret: true },
      { key: "passwordHash", secret: true },
      { key: "hasPassword", after: true },
    ]);
    expect(JSON.stringify(changes)).not.toMatch(/s3cr3t|old-secret|abc123|argon2/);
  });

  it("compares nested values as JSON and handles values that are not objects", () => {
    expect(auditChanges({ files: ["a.pdf"] }, { files: ["a.pdf"] })).toEqual([]);
    expect(auditChanges({ files: ["a.pdf"] }, { files: ["a.pdf", "b.png"] })).toEqual([
      { key: "files", before: ["a.pdf"], after: ["a.pdf", "b.png"] },
    ]);
    expect(auditChanges(null, [1, 2])).toEqual([{ key: "", after: [1, 2] }]);
    expect(auditChanges(undefined, undefined)).toEqual([]);
  });

  it("keeps values to one short line", () => {
    expect(formatAuditValue("第一行\n第二行")).toBe("第一行 第二行");
    const long = formatAuditValue("字".repeat(500));
    expect([...long]).toHaveLength(120);
    expect(long.endsWith("…")).toBe(true);
    expect(formatAuditValue(["a", 1])).toBe('["a",1]');
  });
});

describe("displayIp", () => {
  it("shows an IPv4 address mapped into IPv6 as the IPv4 address", () => {
    expect(displayIp("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(displayIp("::FFFF:10.2.3.4")).toBe("10.2.3.4");
  });
  it("leaves other addresses as they are, and nothing as nothing", () => {
    expect(displayIp("10.0.0.1")).toBe("10.0.0.1");
    expect(displayIp("::1")).toBe("::1");
    expect(displayIp("2001:db8::ffff:1.2.3.4")).toBe("2001:db8::ffff:1.2.3.4");
    expect(displayIp(null)).toBeNull();
    expect(displayIp("")).toBeNull();
  });
});

describe("isAuditTimestamp", () => {
  it("recognises the ISO times the trail stores, not dates or other text", () => {
    expect(isAuditTimestamp("2026-12-06T10:00:00.000Z")).toBe(true);
    expect(isAuditTimestamp("2026-12-06")).toBe(false);
    expect(isAuditTimestamp("KJS-2018-01")).toBe(false);
    expect(isAuditTimestamp("2026-13-45T10:00:00.000Z")).toBe(false);
  });
});
