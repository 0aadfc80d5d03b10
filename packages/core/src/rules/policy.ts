// The one permission table. Pages, server actions, route handlers and the UI's buttons all ask here.
// Pure: no I/O, usable in the browser.

export const ROLES = ["STAFF", "MANAGER", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting, as re-read from the database on every request. */
export interface Viewer {
  id: string;
  role: Role;
  /** STAFF always has one; a MANAGER without one is ministry-wide; ADMIN may have one. */
  departmentId: string | null;
}

export const ACTIONS = [
  "plan.read",
  "initiative.read",
  "ministry.read",
  "dashboard.read",
  "progress.report",
  "milestone.manage",
  "update.review",
  "extension.request",
  "extension.decide",
  "initiative.chase",
  "initiative.close",
  "admin.users",
  "admin.departments",
  "admin.plans",
  "admin.audit",
] as const;
export type Action = (typeof ACTIONS)[number];

/** A resource that belongs to a department (an initiative, a plan). */
export interface DepartmentOwned {
  departmentId: string;
  /** Co-operating departments (協辦單位) of an initiative: they see it and report their part. */
  cooperatingDepartmentIds?: readonly string[];
}

export type DepartmentScope = { kind: "ministry" } | { kind: "department"; departmentId: string };

/** Which departments' plans a viewer sees. */
export function departmentScope(viewer: Viewer): DepartmentScope {
  if (viewer.role === "ADMIN") return { kind: "ministry" };
  if (viewer.role === "MANAGER" && viewer.departmentId === null) return { kind: "ministry" };
  if (viewer.departmentId === null) {
    // A STAFF row without a department is refused by a CHECK constraint; treat it as seeing nothing.
    return { kind: "department", departmentId: "" };
  }
  return { kind: "department", departmentId: viewer.departmentId };
}

export function isMinistryWide(viewer: Viewer): boolean {
  return departmentScope(viewer).kind === "ministry";
}

function inScope(viewer: Viewer, resource: DepartmentOwned): boolean {
  const scope = departmentScope(viewer);
  return scope.kind === "ministry" || ownDepartment(viewer, resource);
}

/** The viewer belongs to the lead or a co-operating department of the resource. */
function ownDepartment(viewer: Viewer, resource: DepartmentOwned): boolean {
  if (viewer.departmentId === null) return false;
  return (
    viewer.departmentId === resource.departmentId ||
    (resource.cooperatingDepartmentIds ?? []).includes(viewer.departmentId)
  );
}

type Rule = (viewer: Viewer, resource?: DepartmentOwned) => boolean;

/** Every action × role, in one place. A rule given no resource answers "may do this at all". */
export const PERMISSIONS: Record<Action, Record<Role, Rule>> = {
  "plan.read": {
    STAFF: (v, r) => r === undefined || inScope(v, r),
    MANAGER: (v, r) => r === undefined || inScope(v, r),
    ADMIN: () => true,
  },
  "initiative.read": {
    STAFF: (v, r) => r === undefined || inScope(v, r),
    MANAGER: (v, r) => r === undefined || inScope(v, r),
    ADMIN: () => true,
  },
  // Reporting is the departments' own work: their staff and department managers, on the
  // initiatives they lead or co-operate on. Ministry-wide managers and admins review, not report.
  "progress.report": {
    STAFF: (v, r) => r === undefined || ownDepartment(v, r),
    MANAGER: (v, r) => v.departmentId !== null && (r === undefined || ownDepartment(v, r)),
    ADMIN: () => false,
  },
  "milestone.manage": {
    STAFF: (v, r) => r === undefined || ownDepartment(v, r),
    MANAGER: (v, r) => v.departmentId !== null && (r === undefined || ownDepartment(v, r)),
    ADMIN: () => false,
  },
  // Review (審核) is the managers' work: a department manager reviews what their department reports,
  // a ministry-wide manager anything. The resource is the update's reporting department.
  "update.review": {
    STAFF: () => false,
    MANAGER: (v, r) => r === undefined || v.departmentId === null || v.departmentId === r.departmentId,
    ADMIN: () => false,
  },
  // Supervision (督查督辦) on an initiative, by managers over their scope; the resource is the
  // initiative (its lead department). Staff ask for extensions on what they report on.
  "extension.request": {
    STAFF: (v, r) => r === undefined || ownDepartment(v, r),
    MANAGER: (v, r) => v.departmentId !== null && (r === undefined || ownDepartment(v, r)),
    ADMIN: () => false,
  },
  "extension.decide": {
    STAFF: () => false,
    MANAGER: (v, r) => r === undefined || v.departmentId === null || v.departmentId === r.departmentId,
    ADMIN: () => false,
  },
  "initiative.chase": {
    STAFF: () => false,
    MANAGER: (v, r) => r === undefined || v.departmentId === null || v.departmentId === r.departmentId,
    ADMIN: () => false,
  },
  "initiative.close": {
    STAFF: () => false,
    MANAGER: (v, r) => r === undefined || v.departmentId === null || v.departmentId === r.departmentId,
    ADMIN: () => false,
  },
  // Administration is the admins' alone.
  "admin.users": { STAFF: () => false, MANAGER: () => false, ADMIN: () => true },
  "admin.departments": { STAFF: () => false, MANAGER: () => false, ADMIN: () => true },
  "admin.plans": { STAFF: () => false, MANAGER: () => false, ADMIN: () => true },
  "admin.audit": { STAFF: () => false, MANAGER: () => false, ADMIN: () => true },
  // The supervision overview: managers over their scope, admins over the ministry.
  "dashboard.read": {
    STAFF: () => false,
    MANAGER: () => true,
    ADMIN: () => true,
  },
  "ministry.read": {
    STAFF: () => false,
    MANAGER: (v) => v.departmentId === null,
    ADMIN: () => true,
  },
};

export function can(viewer: Viewer, action: Action, resource?: DepartmentOwned): boolean {
  return PERMISSIONS[action][viewer.role](viewer, resource);
}
