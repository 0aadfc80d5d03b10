import { prisma } from "@workplan/db";
import "server-only";
import type { Viewer } from "../../rules/policy";
import { idSchema } from "../get-initiative";
import { nextLinkPurpose } from "../password-link";
import { adminUserSelect, requireAdmin, toAdminUser } from "../user-admin";
import { locksOf, RECENT_SESSIONS } from "./shared";

/** One account for its admin page: the user, whether locked, its recent sign-ins and its newest unused link. */
export async function getUserForAdmin(actor: Viewer, idInput: unknown, now: Date = new Date()) {
  requireAdmin(actor);
  const id = idSchema.safeParse(idInput);
  if (!id.success) return null;
  const user = await prisma.user.findUnique({
    where: { id: id.data },
    select: {
      ...adminUserSelect,
      sessions: {
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: RECENT_SESSIONS,
        select: { id: true, ip: true, userAgent: true, createdAt: true, expiresAt: true, revokedAt: true },
      },
      passwordLinks: {
        where: { usedAt: null, expiresAt: { gt: now } },
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { purpose: true, createdAt: true, expiresAt: true },
      },
    },
  });
  if (!user) return null;
  const locks = await locksOf([user.email], now);
  const nextLink = await nextLinkPurpose(prisma, user);
  const { sessions, passwordLinks, ...fields } = user;
  return {
    ...toAdminUser(fields, locks.get(user.email) ?? null),
    departmentId: user.department?.id ?? null,
    sessions: sessions.map((s) => ({
      ...s,
      status: s.revokedAt ? ("revoked" as const) : s.expiresAt <= now ? ("expired" as const) : ("open" as const),
    })),
    pendingLink: passwordLinks[0] ?? null,
    /** What a forced reset would send: an invitation while the user never had a password. */
    nextLink,
  };
}
