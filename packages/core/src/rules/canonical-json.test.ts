import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json";

describe("canonicalJson", () => {
  it("writes the same object the same way whatever its key order", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 2 }], c: "é" } })).toBe(canonicalJson({ a: { c: "é", d: [2, { x: 2, y: 1 }] }, b: 1 }));
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it("tells apart what differs: a value, its type, the order of a list", () => {
    expect(canonicalJson({ progress: 55 })).not.toBe(canonicalJson({ progress: "55" }));
    expect(canonicalJson({ links: ["a", "b"] })).not.toBe(canonicalJson({ links: ["b", "a"] }));
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
    expect(canonicalJson(undefined)).toBe("null");
  });
});
