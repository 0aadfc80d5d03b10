import { prisma } from "@workplan/db";
import "server-only";
import type { Viewer } from "../../rules/policy";

export async function listNotifications(viewer: Viewer, options: { limit?: number } = {}) {
  return prisma.notification.findMany({
    where: { userId: viewer.id },
    orderBy: { createdAt: "desc" },
    take: Math.min(options.limit ?? 50, 200),
    select: { id: true, kind: true, params: true, link: true, readAt: true, createdAt: true },
  });
}
