import { prisma, type Prisma } from "@workplan/db";
import "server-only";
import { can, departmentScope, type Viewer } from "../../rules/policy";
import { EXTENSIONS_PAGE_SIZE, pendingSelect, type PendingExtension } from "./shared";

/** A page of the pending extension requests the viewer may decide, oldest first, with their true count. */
export async function getPendingExtensionsPage(viewer: Viewer, pageInput: unknown) {
  if (!can(viewer, "extension.decide")) return { items: [], total: 0, page: 1, pages: 1 };
  const scope = departmentScope(viewer);
  const where: Prisma.ExtensionRequestWhereInput = {
    status: "PENDING",
    initiative: { archivedAt: null, closedAt: null, ...(scope.kind === "department" ? { departmentId: scope.departmentId } : {}) },
  };
  const total = await prisma.extensionRequest.count({ where });
  const pages = Math.max(1, Math.ceil(total / EXTENSIONS_PAGE_SIZE));
  const asked = Number(pageInput);
  const page = Number.isInteger(asked) ? Math.min(pages, Math.max(1, asked)) : 1;
  const items: PendingExtension[] = await prisma.extensionRequest.findMany({
    where,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    skip: (page - 1) * EXTENSIONS_PAGE_SIZE,
    take: EXTENSIONS_PAGE_SIZE,
    select: pendingSelect,
  });
  return { items, total, page, pages };
}
