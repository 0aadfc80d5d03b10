import { describe, expect, it } from "vitest";
import { NONE, departmentInput, initialScope, scopeAfterRoleChange } from "../features/admin-users/scope";

// The account form's department select: "nothing chosen" is never sent as "the whole ministry", and
// an admin's "no department" never turns into a manager's whole ministry by a change of role.
describe("the account form's scope", () => {
  it("sends nothing chosen as nothing, the explicit 'none' as null, a code as itself", () => {
    expect(departmentInput("")).toBeUndefined();
    expect(departmentInput("   ")).toBeUndefined();
    expect(departmentInput(undefined)).toBeUndefined();
    expect(departmentInput(NONE)).toBeNull();
    expect(departmentInput("KJS")).toBe("KJS");
  });

  it("starts an existing account on the choice it has", () => {
    expect(initialScope("MANAGER", null)).toBe(NONE);
    expect(initialScope("ADMIN", null)).toBe(NONE);
    expect(initialScope("MANAGER", "KJS")).toBe("KJS");
    expect(initialScope("STAFF", "KJS")).toBe("KJS");
  });

  it("keeps a department across a change of role, but never carries 'none' over to another role", () => {
    expect(scopeAfterRoleChange("STAFF", "MANAGER", "KJS")).toBe("KJS");
    expect(scopeAfterRoleChange("ADMIN", "MANAGER", NONE)).toBe("");
    expect(scopeAfterRoleChange("MANAGER", "STAFF", NONE)).toBe("");
    expect(scopeAfterRoleChange("MANAGER", "ADMIN", NONE)).toBe(NONE);
    expect(scopeAfterRoleChange("STAFF", "ADMIN", "")).toBe(NONE);
    expect(scopeAfterRoleChange("MANAGER", "MANAGER", NONE)).toBe(NONE);
  });
});
