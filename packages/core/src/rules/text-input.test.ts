import { describe, expect, it } from "vitest";
import { z } from "zod";
import { evidenceFileName } from "./evidence";
import { hasForbiddenCharacters, normalizeText, safeParseText } from "./text-input";

describe("the one text rule", () => {
  it("refuses control characters and lone surrogates, and keeps tabs, line breaks, CJK and emoji", () => {
    for (const bad of ["a\u0000b", "\u001b[31m", "x\u007f", "\uD800", "a\uDC00b"]) expect(hasForbiddenCharacters(bad), JSON.stringify(bad)).toBe(true);
    for (const good of ["第一行\n第二行\t完", "進展順利 👍", "\r\n", ""]) expect(hasForbiddenCharacters(good), JSON.stringify(good)).toBe(false);
  });

  it("removes direction overrides and treats zero-width-only text as empty", () => {
    expect(normalizeText("名单\u202Egnp.exe")).toBe("名单gnp.exe");
    expect(normalizeText("\u200B\u200B \u2060")).toBe("");
    expect(normalizeText("正文\u200B")).toBe("正文\u200B");
    expect(evidenceFileName("说明\u202Egnp.exe.png")).toBe("说明gnp.exe.png");
  });

  it("answers a field with a control character as <field>.control, before what else the schema says", () => {
    const schema = z.object({ workDone: z.string().min(1, "workDone.required"), note: z.string().max(3, "note.tooLong") });
    const bad = safeParseText(schema, { workDone: "a\u0000b", note: "toolong" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["workDone", "workDone.control"],
      ["note", "note.tooLong"],
    ]);
    const empty = safeParseText(schema, { workDone: "\u200B", note: "" });
    expect(empty.error?.issues.map((i) => i.message)).toEqual(["workDone.required"]);
    expect(safeParseText(z.string(), "x\u0000", "text").error?.issues[0]?.message).toBe("text.control");
  });
});
