import { prisma } from "@workplan/db";
import "server-only";
import { describeUserAgent } from "../../rules/user-agent";
import type { SessionViewer } from "../load-viewer";
import { MY_SESSIONS_LIMIT, type MySession } from "./shared";

/** The viewer's own most recent sign-ins, newest first. */
export async function listMySessions(viewer: SessionViewer, now: Date = new Date()): Promise<MySession[]> {
  const rows = await prisma.userSession.findMany({
    where: { userId: viewer.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: MY_SESSIONS_LIMIT,
    select: { id: true, createdAt: true, ip: true, userAgent: true, expiresAt: true, revokedAt: true },
  });
  return rows.map((row) => {
    const active = row.revokedAt === null && row.expiresAt > now;
    return {
      id: row.id,
      createdAt: row.createdAt,
      ip: row.ip,
      browser: describeUserAgent(row.userAgent),
      active,
      current: row.id === viewer.sessionId,
      endedAt: active ? null : (row.revokedAt ?? row.expiresAt),
    };
  });
}
