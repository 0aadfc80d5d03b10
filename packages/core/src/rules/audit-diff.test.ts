import { describe, expect, it } from "vitest";
import { auditChanges, formatAuditValue } from "./audit-diff";

describe("auditChanges", () => {
  it("lists only what changed, with before and after", () => {
    expect(auditChanges({ progress: 40, health: "ON_TRACK", note: "x" }, { progress: 55, health: "ON_TRACK", note: "x" })).toEqual([
      { key: "progress", before: "40", after: "55" },
    ]);
  });

  it("shows every field of a creation, and fields that appear or go", () => {
    expect(auditChanges(null, { name: "统计报表系统", prefix: "wp_abc" })).toEqual([
      { key: "name", after: "统计报表系统" },
      { key: "prefix", after: "wp_abc" },
    ]);
    expect(auditChanges({ revoked: false }, { name: "t", revoked: true })).toEqual([
      { key: "revoked", before: "false", after: "true" },
      { key: "name", after: "t" },
    ]);
    expect(auditChanges({ a: 1 }, null)).toEqual([{ key: "a", before: "1" }]);
  });

  it("compares nested values as JSON and handles values that are not objects", () => {
    expect(auditChanges({ files: ["a.pdf"] }, { files: ["a.pdf"] })).toEqual([]);
    expect(auditChanges({ files: ["a.pdf"] }, { files: ["a.pdf", "b.png"] })).toEqual([
      { key: "files", before: '["a.pdf"]', after: '["a.pdf","b.png"]' },
    ]);
    expect(auditChanges(null, [1, 2])).toEqual([{ key: "", after: "[1,2]" }]);
    expect(auditChanges(undefined, undefined)).toEqual([]);
  });

  it("keeps values to one short line", () => {
    expect(formatAuditValue("第一行\n第二行")).toBe("第一行 第二行");
    const long = formatAuditValue("字".repeat(500));
    expect([...long]).toHaveLength(120);
    expect(long.endsWith("…")).toBe(true);
  });
});
