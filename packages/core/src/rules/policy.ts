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

export const ACTIONS = ["plan.read", "initiative.read", "ministry.read"] as const;
export type Action = (typeof ACTIONS)[number];

/** A resource that belongs to a department (an initiative, a plan). */
export interface DepartmentOwned {
  departmentId: string;
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
  return scope.kind === "ministry" || scope.departmentId === resource.departmentId;
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
  "ministry.read": {
    STAFF: () => false,
    MANAGER: (v) => v.departmentId === null,
    ADMIN: () => true,
  },
};

export function can(viewer: Viewer, action: Action, resource?: DepartmentOwned): boolean {
  return PERMISSIONS[action][viewer.role](viewer, resource);
}
