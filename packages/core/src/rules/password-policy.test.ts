import { describe, expect, it } from "vitest";
import { PASSWORD_MAX_LENGTH, PASSWORD_MESSAGES, checkNewPassword } from "./password-policy";

const me = { email: "Li.Ming@miit.gov.cn", name: "李明" };

describe("checkNewPassword", () => {
  it("accepts a long, uncommon password", () => {
    expect(checkNewPassword("correct horse battery staple", me)).toBeNull();
    expect(checkNewPassword("Tiger-Lily-2018-Plan", me)).toBeNull();
    expect(checkNewPassword("工业和信息化部年度计划督办", me)).toBeNull();
  });

  it("asks for a password when there is none", () => {
    expect(checkNewPassword("", me)).toBe("password.required");
  });

  it("needs at least 12 characters, counted as a person counts them", () => {
    expect(checkNewPassword("Short-pass1", me)).toBe("password.tooShort"); // 11
    expect(checkNewPassword("Short-pass12", me)).toBeNull(); // 12
    expect(checkNewPassword("工业信息化部计划督办", me)).toBe("password.tooShort"); // 10 characters, 30 bytes
    expect(checkNewPassword("😀😀😀😀😀😀😀😀😀😀😀", me)).toBe("password.tooShort"); // 11 characters, 22 UTF-16 units
  });

  it("allows at most 200 characters", () => {
    expect(checkNewPassword("a1-".repeat(66) + "xy", me)).toBeNull(); // 200
    expect(checkNewPassword("x".repeat(PASSWORD_MAX_LENGTH + 1), me)).toBe("password.tooLong");
  });

  it("refuses passwords from the common-password list, whatever their letter case", () => {
    expect(checkNewPassword("password1234", me)).toBe("password.common");
    expect(checkNewPassword("PASSWORD1234", me)).toBe("password.common");
    expect(checkNewPassword("1qaz2wsx3edc", me)).toBe("password.common");
    expect(checkNewPassword("QwErTy123456", me)).toBe("password.common");
  });

  it("refuses the user's e-mail address, its local part, or the user's name", () => {
    expect(checkNewPassword("li.ming@miit.gov.cn", me)).toBe("password.personal");
    expect(checkNewPassword("LI.MING@MIIT.GOV.CN", me)).toBe("password.personal");
    expect(checkNewPassword("zhang.sanfeng", { email: "Zhang.Sanfeng@miit.gov.cn" })).toBe("password.personal");
    expect(checkNewPassword("Alexander Hamilton", { name: "alexander hamilton" })).toBe("password.personal");
    expect(checkNewPassword("AlexanderHamilton", { name: "Alexander Hamilton" })).toBe("password.personal");
    // Containing a part of the name is allowed: only the name itself is refused.
    expect(checkNewPassword("Alexander Hamilton 1755!", { name: "Alexander Hamilton" })).toBeNull();
  });

  it("works without knowing who the user is", () => {
    expect(checkNewPassword("a perfectly fine passphrase")).toBeNull();
    expect(checkNewPassword("password1234")).toBe("password.common");
  });

  it("has English wording for every key", () => {
    for (const key of ["password.required", "password.tooShort", "password.tooLong", "password.common", "password.personal"] as const) {
      expect(PASSWORD_MESSAGES[key]).toMatch(/\.$/);
    }
  });
});
