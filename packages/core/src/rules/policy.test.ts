import { describe, expect, it } from "vitest";
import { ACTIONS, ROLES, can, departmentScope, type Viewer } from "./policy";

const staff: Viewer = { id: "s", role: "STAFF", departmentId: "d1" };
const lead: Viewer = { id: "l", role: "MANAGER", departmentId: "d1" };
const director: Viewer = { id: "m", role: "MANAGER", departmentId: null };
const admin: Viewer = { id: "a", role: "ADMIN", departmentId: null };
const own = { departmentId: "d1" };
const other = { departmentId: "d2" };

describe("policy", () => {
  it("scopes staff and department managers to their department, others to the ministry", () => {
    expect(departmentScope(staff)).toEqual({ kind: "department", departmentId: "d1" });
    expect(departmentScope(lead)).toEqual({ kind: "department", departmentId: "d1" });
    expect(departmentScope(director)).toEqual({ kind: "ministry" });
    expect(departmentScope(admin)).toEqual({ kind: "ministry" });
  });

  it("lets each role read its own department's initiatives and only ministry-wide roles read others'", () => {
    for (const v of [staff, lead, director, admin]) expect(can(v, "initiative.read", own)).toBe(true);
    expect(can(staff, "initiative.read", other)).toBe(false);
    expect(can(lead, "initiative.read", other)).toBe(false);
    expect(can(director, "initiative.read", other)).toBe(true);
    expect(can(admin, "initiative.read", other)).toBe(true);
  });

  it("answers for every action and role in the table", () => {
    for (const action of ACTIONS) {
      for (const role of ROLES) {
        expect(typeof can({ id: "x", role, departmentId: "d1" }, action)).toBe("boolean");
      }
    }
    expect(can(staff, "ministry.read")).toBe(false);
    expect(can(lead, "ministry.read")).toBe(false);
    expect(can(director, "ministry.read")).toBe(true);
  });
});
