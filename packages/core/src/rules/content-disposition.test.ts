import { describe, expect, it } from "vitest";
import { contentDisposition, rfc5987 } from "./content-disposition";

describe("contentDisposition", () => {
  it("gives the UTF-8 name as filename* and an ASCII stand-in as filename", () => {
    expect(contentDisposition("标准体系征求意见稿.pdf")).toBe(
      `attachment; filename="_________.pdf"; filename*=UTF-8''%E6%A0%87%E5%87%86%E4%BD%93%E7%B3%BB%E5%BE%81%E6%B1%82%E6%84%8F%E8%A7%81%E7%A8%BF.pdf`,
    );
    expect(decodeURIComponent(contentDisposition("名单 (2018).xlsx").split("UTF-8''")[1] ?? "")).toBe("名单 (2018).xlsx");
  });

  it("cannot be broken out of: quotes, backslashes, line breaks and semicolons stay inside the name", () => {
    const header = contentDisposition('a"; filename="evil.exe\\\r\nX-Injected: 1;.pdf');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.split('filename="')[1]?.split('"')[0]).toBe("a_; filename=_evil.exe___X-Injected: 1;.pdf");
    expect(header).toContain("filename*=UTF-8''a%22%3B%20filename%3D%22evil.exe%5C%0D%0AX-Injected%3A%201%3B.pdf");
  });

  it("percent-encodes the characters RFC 5987 does not allow bare", () => {
    expect(rfc5987("it's (a)*!")).toBe("it%27s%20%28a%29%2A%21");
    expect(contentDisposition("", "inline")).toBe(`inline; filename="file"; filename*=UTF-8''`);
  });

  it("takes a readable ASCII stand-in where one is known, still made safe", () => {
    expect(contentDisposition("工作计划导入模板.xlsx", "attachment", "plan-template.xlsx")).toBe(
      `attachment; filename="plan-template.xlsx"; filename*=UTF-8''%E5%B7%A5%E4%BD%9C%E8%AE%A1%E5%88%92%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF.xlsx`,
    );
    expect(contentDisposition("x.xlsx", "attachment", 'a"b.xlsx')).toContain('filename="a_b.xlsx"');
  });
});
