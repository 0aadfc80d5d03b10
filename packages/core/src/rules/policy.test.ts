import { describe, expect, it } from "vitest";
import { can, departmentScope, type Viewer } from "./policy";

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

  // Every cell of action × role × department × state: policy-matrix.test.ts.
  it("opens the ministry-wide views to ministry-wide managers and admins", () => {
    expect(can(staff, "ministry.read")).toBe(false);
    expect(can(lead, "ministry.read")).toBe(false);
    expect(can(director, "ministry.read")).toBe(true);
  });

  it("opens the supervision overview to managers and admins, not to staff", () => {
    expect(can(staff, "dashboard.read")).toBe(false);
    expect(can(lead, "dashboard.read")).toBe(true);
    expect(can(director, "dashboard.read")).toBe(true);
    expect(can(admin, "dashboard.read")).toBe(true);
  });
});

describe("reporting", () => {
  const led = { departmentId: "d1", cooperatingDepartmentIds: [] };
  const cooperated = { departmentId: "d2", cooperatingDepartmentIds: ["d1"] };
  const foreign = { departmentId: "d2", cooperatingDepartmentIds: ["d3"] };

  it("lets staff and department managers report on what their department leads or co-operates on", () => {
    for (const v of [staff, lead]) {
      expect(can(v, "progress.report", led)).toBe(true);
      expect(can(v, "progress.report", cooperated)).toBe(true);
      expect(can(v, "progress.report", foreign)).toBe(false);
      expect(can(v, "initiative.read", cooperated)).toBe(true);
    }
  });

  it("keeps ministry-wide managers and admins to reviewing, not reporting", () => {
    expect(can(director, "progress.report", led)).toBe(false);
    expect(can(admin, "progress.report", led)).toBe(false);
    expect(can(director, "progress.report")).toBe(false);
  });
});

describe("administration", () => {
  it("is for admins alone", () => {
    for (const action of ["admin.users", "admin.departments", "admin.plans", "admin.audit", "admin.throttles"] as const) {
      expect([staff, lead, director, admin].map((v) => can(v, action))).toEqual([false, false, false, true]);
    }
  });
});

describe("review", () => {
  it("lets department managers review their department's reports and ministry-wide managers all", () => {
    expect(can(lead, "update.review", { departmentId: "d1" })).toBe(true);
    expect(can(lead, "update.review", { departmentId: "d2" })).toBe(false);
    expect(can(director, "update.review", { departmentId: "d2" })).toBe(true);
    expect(can(staff, "update.review", { departmentId: "d1" })).toBe(false);
    expect(can(admin, "update.review", { departmentId: "d1" })).toBe(false);
  });
});

describe("supervision", () => {
  it("lets managers chase, close and decide extensions in their scope, and staff ask for extensions", () => {
    const own = { departmentId: "d1" };
    const other = { departmentId: "d2" };
    for (const action of ["extension.decide", "initiative.chase", "initiative.close"] as const) {
      expect([staff, lead, director, admin].map((v) => can(v, action, own))).toEqual([false, true, true, false]);
      expect(can(lead, action, other)).toBe(false);
      expect(can(director, action, other)).toBe(true);
    }
    expect(can(staff, "extension.request", own)).toBe(true);
    expect(can(staff, "extension.request", other)).toBe(false);
    expect(can(director, "extension.request", own)).toBe(false);
  });
});
