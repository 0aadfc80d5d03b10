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
  "update.edit",
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
  "admin.throttles",
  "report.export",
] as const;
export type Action = (typeof ACTIONS)[number];

/** A resource that belongs to a department (an initiative, a plan). */
export interface DepartmentOwned {
  departmentId: string;
  /** Co-operating departments (協辦單位) of an initiative: they see it and report their part. */
  cooperatingDepartmentIds?: readonly string[];
}

export const UPDATE_STATUSES = ["SUBMITTED", "APPROVED", "RETURNED"] as const;
export type UpdateStatus = (typeof UPDATE_STATUSES)[number];

/**
 * What a rule may need to know of the thing acted on, besides its department. An initiative:
 * `closed` (closed out, or its plan closed: the year's record) and `archived` (kept read-only by an
 * admin). A progress update: its reporting department as `departmentId`, its `authorId` and `status`,
 * and its initiative's `archived`.
 * A field left out is not checked: a rule asked without the state answers for the department alone.
 */
export interface Resource extends DepartmentOwned {
  closed?: boolean;
  archived?: boolean;
  authorId?: string;
  status?: UpdateStatus;
}

/** Why a viewer may not: not their role, not their department, or the state of the thing. */
export type Refusal = "role" | "scope" | "closed" | "archived" | "own" | "author" | "reviewed";

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

type Rule = (viewer: Viewer, resource?: Resource) => boolean;
/** A state rule: the refusal it makes of a resource in that state, or null. */
type StateRule = (viewer: Viewer, resource: Resource) => Refusal | null;

/** What is frozen takes no more work: an archived or closed initiative is read-only. */
const open: StateRule = (_, r) => (r.archived ? "archived" : r.closed ? "closed" : null);
/** Only what is not archived can be closed out or reopened (close-out itself tells closed from open). */
const notArchived: StateRule = (_, r) => (r.archived ? "archived" : null);
/**
 * A report is reviewed once, and never by its own author; on an archived initiative it is history.
 * A closed initiative's waiting reports are still reviewed (the review queue lists them).
 */
const reviewable: StateRule = (v, r) =>
  r.archived ? "archived" : r.authorId === v.id ? "own" : r.status !== undefined && r.status !== "SUBMITTED" ? "reviewed" : null;
/** A report is corrected by its author alone, until it is reviewed (or its initiative archived). */
const editable: StateRule = (v, r) =>
  r.archived
    ? "archived"
    : r.authorId !== undefined && r.authorId !== v.id
      ? "author"
      : r.status !== undefined && r.status !== "SUBMITTED"
        ? "reviewed"
        : null;

interface Permission {
  /** Who, by role and department (the resource's department, or "at all" when no resource is given). */
  who: Record<Role, Rule>;
  /** In which state of the resource. */
  state?: StateRule;
}

const reporters: Record<Role, Rule> = {
  STAFF: (v, r) => r === undefined || ownDepartment(v, r),
  MANAGER: (v, r) => v.departmentId !== null && (r === undefined || ownDepartment(v, r)),
  ADMIN: () => false,
};
/** Managers over their scope: a department manager the lead (or reporting) department's, a ministry-wide one all. */
const supervisors: Record<Role, Rule> = {
  STAFF: () => false,
  MANAGER: (v, r) => r === undefined || v.departmentId === null || v.departmentId === r.departmentId,
  ADMIN: () => false,
};
const readers: Record<Role, Rule> = {
  STAFF: (v, r) => r === undefined || inScope(v, r),
  MANAGER: (v, r) => r === undefined || inScope(v, r),
  ADMIN: () => true,
};
const admins: Record<Role, Rule> = { STAFF: () => false, MANAGER: () => false, ADMIN: () => true };

/** Every action × role × state, in one place. A rule given no resource answers "may do this at all". */
export const PERMISSIONS: Record<Action, Permission> = {
  "plan.read": { who: readers },
  "initiative.read": { who: readers },
  // Reporting is the departments' own work: their staff and department managers, on the open
  // initiatives they lead or co-operate on. Ministry-wide managers and admins review, not report.
  "progress.report": { who: reporters, state: open },
  // Whoever filed a report corrects its wording until a manager has reviewed it.
  "update.edit": { who: reporters, state: editable },
  "milestone.manage": { who: reporters, state: open },
  // Review (審核) is the managers' work: a department manager reviews what their department reports,
  // a ministry-wide manager anything. The resource is the update (its reporting department).
  "update.review": { who: supervisors, state: reviewable },
  // Supervision (督查督辦) on an initiative, by managers over their scope; the resource is the
  // initiative (its lead department). Staff ask for extensions on what they report on.
  "extension.request": { who: reporters, state: open },
  // A closed initiative's due date no longer matters: closing it ends its pending request.
  "extension.decide": { who: supervisors, state: open },
  "initiative.chase": { who: supervisors, state: open },
  "initiative.close": { who: supervisors, state: notArchived },
  // The documents leadership reads (monthly report, year-end draft, list exports): whoever reads a
  // department's plan exports it, holding only what they see. The resource is the department.
  "report.export": { who: readers },
  // Administration is the admins' alone.
  "admin.users": { who: admins },
  "admin.departments": { who: admins },
  "admin.plans": { who: admins },
  "admin.audit": { who: admins },
  // Seeing and clearing sign-in delays (addresses, accounts): an admin's, like the audit trail.
  "admin.throttles": { who: admins },
  // The supervision overview: managers over their scope, admins over the ministry.
  "dashboard.read": { who: { STAFF: () => false, MANAGER: () => true, ADMIN: () => true } },
  "ministry.read": { who: { STAFF: () => false, MANAGER: (v) => v.departmentId === null, ADMIN: () => true } },
};

/** May `viewer` do `action` (on `resource`, in its state)? */
export function can(viewer: Viewer, action: Action, resource?: Resource): boolean {
  return check(viewer, action, resource) === null;
}

/** null when `viewer` may do `action` on `resource`; else why not, for the operation to answer accordingly. */
export function check(viewer: Viewer, action: Action, resource?: Resource): Refusal | null {
  const permission = PERMISSIONS[action];
  if (!permission.who[viewer.role](viewer, undefined)) return "role";
  if (resource === undefined) return null;
  if (!permission.who[viewer.role](viewer, resource)) return "scope";
  return permission.state ? permission.state(viewer, resource) : null;
}

/** An initiative as the rules see it: its departments, and closed (or its plan closed) or archived. */
export function initiativeResource(initiative: {
  departmentId: string;
  cooperatingDepartmentIds?: readonly string[];
  closedAt: Date | null;
  archivedAt: Date | null;
  plan: { status: string };
}): Resource {
  return {
    departmentId: initiative.departmentId,
    cooperatingDepartmentIds: initiative.cooperatingDepartmentIds ?? [],
    closed: initiative.closedAt !== null || initiative.plan.status === "CLOSED",
    archived: initiative.archivedAt !== null,
  };
}

/** What a viewer may do with one initiative, for the page's buttons and forms (and the API's answer). */
export interface InitiativeCapabilities {
  canReport: boolean;
  canManageMilestones: boolean;
  canRequestExtension: boolean;
  canDecideExtensions: boolean;
  canChase: boolean;
  canClose: boolean;
}

export function initiativeCapabilities(viewer: Viewer, initiative: Resource): InitiativeCapabilities {
  return {
    canReport: can(viewer, "progress.report", initiative),
    canManageMilestones: can(viewer, "milestone.manage", initiative),
    canRequestExtension: can(viewer, "extension.request", initiative),
    canDecideExtensions: can(viewer, "extension.decide", initiative),
    canChase: can(viewer, "initiative.chase", initiative),
    canClose: can(viewer, "initiative.close", initiative),
  };
}

/** What a viewer may do with one progress update (the resource's department is its reporting department). */
export interface UpdateCapabilities {
  canReview: boolean;
  canEdit: boolean;
}

export function updateCapabilities(viewer: Viewer, update: Resource): UpdateCapabilities {
  return { canReview: can(viewer, "update.review", update), canEdit: can(viewer, "update.edit", update) };
}
