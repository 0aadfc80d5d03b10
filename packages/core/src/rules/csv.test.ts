import { describe, expect, it } from "vitest";
import { UTF8_BOM, csvCell, csvRow } from "./csv";

describe("csv", () => {
  it("quotes what needs quoting and ends rows with CRLF", () => {
    expect(csvRow(["a", 1, true, null, undefined])).toBe("a,1,true,,\r\n");
    expect(csvRow(['say "hi"', "a,b", "line\nbreak", " padded "])).toBe('"say ""hi""","a,b","line\nbreak"," padded "\r\n');
    expect(csvCell("科技司")).toBe("科技司");
  });

  it("turns cells that look like formulas into text", () => {
    expect(csvCell("=HYPERLINK(\"http://evil\")")).toBe("\"'=HYPERLINK(\"\"http://evil\"\")\"");
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell(-5)).toBe("-5");
  });

  it("starts the file with the UTF-8 byte-order mark", () => {
    expect(Buffer.from(UTF8_BOM, "utf8")).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});
