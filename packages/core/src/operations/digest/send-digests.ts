import { prisma } from "@workplan/db";
import "server-only";
import { kickEmailOutbox } from "../../infra/email";
import { digestMoment, type DigestFigures } from "../../rules/reminders";
import type { Viewer } from "../../rules/policy";
import { getPendingExtensionsPage } from "../extension-requests/get-pending-extensions-page";
import { findInitiatives } from "../list-initiatives/query";
import { LIST_QUERY_MESSAGES, listInitiativesQuerySchema } from "../list-initiatives/schema";
import { parseListQuery } from "../list-query";
import { listUpdates } from "../list-updates";
import { getAppSettings } from "./app-settings";



/** The figures for one manager, read through the very operations behind the lists they link to. */
export async function digestFigures(viewer: Viewer, now: Date): Promise<DigestFigures> {
  const initiatives = async (filter: Record<string, string>) =>
    (await findInitiatives(viewer, parseListQuery(listInitiativesQuerySchema, { ...filter, limit: 1 }, LIST_QUERY_MESSAGES), now, { total: true })).total ?? 0;
  const [review, late, red, extensions] = await Promise.all([
    listUpdates(viewer, { review: "SUBMITTED", limit: 1 }, { count: true }).then((page) => page.count),
    initiatives({ late: "1" }),
    initiatives({ light: "RED" }),
    getPendingExtensionsPage(viewer, 1).then((page) => page.total),
  ]);
  return { review, late, red, extensions };
}

/**
 * The weekly digest (rules/reminders.ts digestMoment: Monday 08:00 Beijing time unless an admin
 * chose otherwise): once the week's moment has passed, every active manager not yet sent this week's
 * gets one notification with the four figures — only when one of them is not zero. The digests
 * table's key (user, week) makes it once per week whatever the number of processes or runs; a run
 * after the server was down all Monday sends it then, once. A manager who turned digest mail off
 * gets it in the app only.
 *
 * One manager at a time (four count queries each): a weekly job over the ministry's few dozen
 * managers, each figure computed exactly as the list it links to.
 */
export async function sendDigests(now: Date): Promise<{ sent: number; quiet: number }> {
  const settings = await getAppSettings();
  const { week } = digestMoment(now, settings.digestWeekday, settings.digestHour);
  const weekDate = new Date(`${week}T00:00:00Z`);
  const managers = await prisma.user.findMany({
    where: { role: "MANAGER", active: true, digests: { none: { week: weekDate } } },
    select: { id: true, role: true, departmentId: true, digestEmail: true },
    orderBy: { id: "asc" },
  });
  let sent = 0;
  let quiet = 0;
  for (const manager of managers) {
    const figures = await digestFigures(manager, now);
    const attention = Object.values(figures).some((n) => n > 0);
    const wrote = await prisma.$transaction(async (tx) => {
      const claimed = await tx.$executeRaw`
        INSERT INTO digests (user_id, week, sent_at) VALUES (${manager.id}, ${week}::date, ${now.toISOString()}::timestamp)
        ON CONFLICT DO NOTHING`;
      if (claimed === 0 || !attention) return false;
      await tx.notification.create({
        data: {
          userId: manager.id,
          kind: "digest.weekly",
          params: { week, ...figures },
          link: "/notifications",
          // Mail turned off: in the app only (the outbox takes rows whose emailed_at is null).
          emailedAt: manager.digestEmail ? null : new Date(),
        },
      });
      return true;
    });
    if (wrote) sent += 1;
    else quiet += 1;
  }
  if (sent > 0) kickEmailOutbox();
  return { sent, quiet };
}
