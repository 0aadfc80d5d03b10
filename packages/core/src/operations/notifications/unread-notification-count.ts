import { prisma } from "@workplan/db";
import "server-only";
import type { Viewer } from "../../rules/policy";

export async function unreadNotificationCount(viewer: Viewer): Promise<number> {
  return prisma.notification.count({ where: { userId: viewer.id, readAt: null } });
}
