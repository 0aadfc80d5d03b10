import { prisma } from "@workplan/db";
import "server-only";
import type { Viewer } from "../../rules/policy";

/** Mark the viewer's own notifications read (all of them when no ids are given). */
export async function markNotificationsRead(viewer: Viewer, ids?: readonly string[]): Promise<number> {
  const result = await prisma.notification.updateMany({
    where: { userId: viewer.id, readAt: null, ...(ids ? { id: { in: [...ids].slice(0, 500) } } : {}) },
    data: { readAt: new Date() },
  });
  return result.count;
}
