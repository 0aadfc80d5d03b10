import { prisma } from "@workplan/db";
import "server-only";
import type { Viewer } from "../../rules/policy";

/** The viewer's own tokens, newest first; never the hash. */
export async function listApiTokens(viewer: Viewer) {
  return prisma.apiToken.findMany({
    where: { userId: viewer.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
}
