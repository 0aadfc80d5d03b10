import { prisma } from "@workplan/db";
import "server-only";
import { recordAudit } from "../audit";
import type { SessionViewer } from "../load-viewer";
import { revokeOtherSessions } from "./revoke-other-sessions";
import { currentSessionId } from "./shared";

/** "Sign out everywhere else": every other browser of the viewer is signed out at once. */
export async function signOutOtherSessions(viewer: SessionViewer, context: { ip?: string | null } = {}): Promise<{ ended: number }> {
  return prisma.$transaction(async (tx) => {
    const ended = await revokeOtherSessions(tx, viewer.id, currentSessionId(viewer));
    if (ended > 0) {
      await recordAudit(tx, {
        actorId: viewer.id,
        action: "auth.sign_out_others",
        objectType: "User",
        objectId: viewer.id,
        after: { ended, kept: currentSessionId(viewer) },
        ip: context.ip ?? null,
      });
    }
    return { ended };
  });
}
