import "server-only";
import { Prisma } from "@workplan/db";
import { departmentScope, type Viewer } from "../rules/policy";

// Scope by query: every read and write goes through a `where` that already holds the viewer's scope,
// so a forgotten check finds nothing instead of leaking.

export function departmentWhere(viewer: Viewer): Prisma.DepartmentWhereInput {
  const scope = departmentScope(viewer);
  return scope.kind === "ministry" ? {} : { id: scope.departmentId };
}

export function planWhere(viewer: Viewer): Prisma.WorkPlanWhereInput {
  const scope = departmentScope(viewer);
  return scope.kind === "ministry" ? {} : { departmentId: scope.departmentId };
}

/**
 * Initiatives the viewer's department leads or co-operates on, including archived ones: the reach
 * of an initiative's own page and its history (an archived initiative keeps both, read-only).
 */
export function initiativeRecordWhere(viewer: Viewer): Prisma.InitiativeWhereInput {
  const scope = departmentScope(viewer);
  if (scope.kind === "ministry") return {};
  return {
    OR: [{ departmentId: scope.departmentId }, { cooperations: { some: { departmentId: scope.departmentId } } }],
  };
}

/**
 * Initiatives the viewer's department leads or co-operates on (all, for ministry-wide roles),
 * archived ones left out: what lists show and what may be written to.
 */
export function initiativeWhere(viewer: Viewer): Prisma.InitiativeWhereInput {
  return { AND: [{ archivedAt: null }, initiativeRecordWhere(viewer)] };
}

/**
 * initiativeWhere as a SQL condition on the initiatives row `alias` (for queries that join, rank
 * or compute lights in the database instead of sending an id list back): archived left out; a
 * department's viewer sees what it leads or co-operates on.
 */
export function initiativeScopeSql(viewer: Viewer, alias = "i"): Prisma.Sql {
  if (!/^[a-z_][a-z0-9_]*$/.test(alias)) throw new Error(`not a table alias: ${alias}`);
  const i = Prisma.raw(alias);
  const scope = departmentScope(viewer);
  if (scope.kind === "ministry") return Prisma.sql`${i}.archived_at IS NULL`;
  return Prisma.sql`${i}.archived_at IS NULL AND (${i}.department_id = ${scope.departmentId}
    OR EXISTS (SELECT 1 FROM initiative_cooperations sc WHERE sc.initiative_id = ${i}.id AND sc.department_id = ${scope.departmentId}))`;
}
