import "server-only";
import { prisma } from "@workplan/db";
import type { Viewer } from "../rules/policy";

export async function unreadNotificationCount(viewer: Viewer): Promise<number> {
  return prisma.notification.count({ where: { userId: viewer.id, readAt: null } });
}

export async function listNotifications(viewer: Viewer, options: { limit?: number } = {}) {
  return prisma.notification.findMany({
    where: { userId: viewer.id },
    orderBy: { createdAt: "desc" },
    take: Math.min(options.limit ?? 50, 200),
    select: { id: true, kind: true, params: true, link: true, readAt: true, createdAt: true },
  });
}

/** Mark the viewer's own notifications read (all of them when no ids are given). */
export async function markNotificationsRead(viewer: Viewer, ids?: readonly string[]): Promise<number> {
  const result = await prisma.notification.updateMany({
    where: { userId: viewer.id, readAt: null, ...(ids ? { id: { in: [...ids].slice(0, 500) } } : {}) },
    data: { readAt: new Date() },
  });
  return result.count;
}
