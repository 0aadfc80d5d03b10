import { getChaseHistory, type ChaseFollowUp } from "@workplan/core/operations/chase";
import { BEIJING_TIME_ZONE } from "@workplan/core/rules/dates";
import type { Viewer } from "@workplan/core/rules/policy";
import { getFormatter, getTranslations } from "next-intl/server";

const FOLLOW_UP_STYLE: Record<ChaseFollowUp, string> = {
  onTime: "bg-emerald-50 text-emerald-900 ring-emerald-200",
  reported: "bg-emerald-50 text-emerald-900 ring-emerald-200",
  late: "bg-amber-50 text-amber-900 ring-amber-200",
  pending: "bg-slate-100 text-slate-800 ring-slate-300",
};

/**
 * 催办记录: the initiative's chases, newest first (the latest 20, and how many are older), each with
 * who sent it and when (Beijing time), its note and reply-by day, and whether a report followed.
 */
export async function ChaseHistory({ initiativeId, viewer }: { initiativeId: string; viewer: Viewer }) {
  const history = await getChaseHistory(viewer, initiativeId);
  if (!history) return null;
  const t = await getTranslations("initiative.chaseHistory");
  const format = await getFormatter();
  const time = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short", timeZone: BEIJING_TIME_ZONE });
  const day = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeZone: "UTC" });
  return (
    <section aria-labelledby="chase-history-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="chase-history">
      <h2 id="chase-history-heading" className="mb-4 text-base font-semibold">
        {t("title")} {history.total > 0 && <span className="text-sm font-normal text-slate-500">({history.total})</span>}
      </h2>
      {history.items.length === 0 ? (
        <p className="text-sm text-slate-600" data-testid="chase-history-empty">
          {t("empty")}
        </p>
      ) : (
        <ol className="divide-y divide-slate-100">
          {history.items.map((c) => (
            <li key={c.id} className="grid gap-1 py-3 first:pt-0 sm:grid-cols-[1fr_auto] sm:gap-4" data-testid="chase-record" data-follow-up={c.followUp}>
              <div className="min-w-0 space-y-1">
                <p className="text-sm text-slate-600">
                  <span className="font-medium text-slate-900">{c.chaser}</span> · <time dateTime={c.at.toISOString()}>{time(c.at)}</time>
                </p>
                {c.note ? (
                  <p className="whitespace-pre-line break-words text-sm text-slate-900" data-testid="chase-note">
                    {c.note}
                  </p>
                ) : (
                  <p className="text-sm text-slate-500">{t("noNote")}</p>
                )}
                {c.replyBy && (
                  <p className="text-xs text-slate-600" data-testid="chase-reply-by">
                    {t("replyBy", { date: day(c.replyBy) })}
                  </p>
                )}
              </div>
              <div className="flex flex-col items-start gap-0.5 sm:items-end">
                <span className={`rounded px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${FOLLOW_UP_STYLE[c.followUp]}`} data-testid="chase-follow-up">
                  {t(`followUp.${c.followUp}`)}
                </span>
                {c.followedAt && <span className="text-xs text-slate-500">{t("followedAt", { time: time(c.followedAt) })}</span>}
              </div>
            </li>
          ))}
        </ol>
      )}
      {history.older > 0 && (
        <p className="mt-3 text-xs text-slate-500" data-testid="chase-history-older">
          {t("older", { count: history.older })}
        </p>
      )}
    </section>
  );
}
