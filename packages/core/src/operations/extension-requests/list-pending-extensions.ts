import { prisma } from "@workplan/db";
import "server-only";
import { can, departmentScope, type Viewer } from "../../rules/policy";
import { pendingSelect } from "./shared";

/** Pending extension requests the viewer may decide, oldest first. */
export async function listPendingExtensions(viewer: Viewer, options: { limit?: number } = {}) {
  if (!can(viewer, "extension.decide")) return [];
  const scope = departmentScope(viewer);
  return prisma.extensionRequest.findMany({
    where: {
      status: "PENDING",
      initiative: { archivedAt: null, closedAt: null, ...(scope.kind === "department" ? { departmentId: scope.departmentId } : {}) },
    },
    orderBy: { createdAt: "asc" },
    take: Math.min(options.limit ?? 100, 500),
    select: pendingSelect,
  });
}
