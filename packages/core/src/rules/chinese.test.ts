import { describe, expect, it } from "vitest";
import { normalizeForSearch, toSimplified, toTraditional } from "./chinese";

describe("Chinese script conversion", () => {
  it("converts Traditional to mainland Simplified", () => {
    expect(toSimplified("著力推進中國制造向中國創造轉變")).toBe("着力推进中国制造向中国创造转变");
    expect(toSimplified("質量")).toBe("质量");
    expect(toSimplified("產業政策司")).toBe("产业政策司");
  });

  it("converts Simplified to Traditional", () => {
    expect(toTraditional("质量")).toBe("質量");
    expect(toTraditional("产业政策司")).toBe("產業政策司");
    // What OpenCC (cn → tw) really gives: 着 → 著 and 制造 → 製造, while the source writes 制造.
    expect(toTraditional("着力推进中国制造向中国创造转变")).toBe("著力推進中國製造向中國創造轉變");
  });

  it("normalizes search keys to lower-case Simplified", () => {
    expect(normalizeForSearch("推動5G發展")).toBe("推动5g发展");
    expect(normalizeForSearch("NB-IoT 質量")).toBe("nb-iot 质量");
    expect(normalizeForSearch("质量")).toBe(normalizeForSearch("質量"));
  });
});
