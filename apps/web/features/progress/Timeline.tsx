import type { InitiativeDetail } from "@workplan/core/operations/get-initiative";
import type { Viewer } from "@workplan/core/rules/policy";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { HealthBadge } from "@/components/HealthBadge";
import { fileSizeLabel } from "@workplan/core/rules/evidence";
import { ReviewActions } from "@/features/review/ReviewCard";
import { departmentName, readable } from "@/lib/display";
import { EditUpdateText } from "./EditUpdateText";
import { buttonClass } from "@/components/Button";

type Update = InitiativeDetail["updates"][number];

const STATUS_STYLES = {
  SUBMITTED: "bg-slate-100 text-slate-700",
  APPROVED: "bg-emerald-50 text-emerald-800",
  RETURNED: "bg-red-50 text-red-800",
} as const;

/**
 * The updates, newest first, a page at a time ("earlier reports" pages back), each with what it
 * changed against the same department's previous one; a manager reviews a waiting report here too.
 */
export async function Timeline({ initiative, viewer, paged }: { initiative: InitiativeDetail; viewer: Viewer; paged: boolean }) {
  const viewerId = viewer.id;
  const t = await getTranslations("timeline");
  const th = await getTranslations("health");
  const tr = await getTranslations("timelineReview");
  const locale = await getLocale();
  const format = await getFormatter();
  const previous = new Map<string, Pick<Update, "progress" | "health"> | undefined>();
  // updates are newest first: the previous of each is the next older one of the same department,
  // on this page or (for the oldest of each department here) the one just before the page
  for (let i = 0; i < initiative.updates.length; i += 1) {
    const update = initiative.updates[i];
    if (!update) continue;
    previous.set(
      update.id,
      initiative.updates.slice(i + 1).find((u) => u.department.id === update.department.id) ?? initiative.olderByDepartment[update.department.id],
    );
  }
  return (
    <>
    {paged && (
      <p className="mb-4 text-sm">
        <a href={`/initiatives/${initiative.id}#history-heading`} className="text-brand-700 underline underline-offset-2" data-testid="timeline-latest">
          {t("latest")}
        </a>
      </p>
    )}
    <ol className="space-y-5" data-testid="timeline">
      {initiative.updates.map((update) => {
        const before = previous.get(update.id);
        const cooperating = update.department.id !== initiative.department.id;
        return (
          <li key={update.id} className="border-l-2 border-brand-600 pl-4" data-testid="timeline-entry">
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <span className="font-semibold">
                {format.dateTime(update.period, { year: "numeric", month: "long", timeZone: "UTC" })}
              </span>
              <HealthBadge health={update.health} />
              <span className={`rounded px-1.5 py-0.5 text-xs ${STATUS_STYLES[update.status]}`}>{t(`status.${update.status}`)}</span>
              {cooperating && <span className="rounded bg-violet-50 px-1.5 py-0.5 text-xs text-violet-800">{t("cooperating")}</span>}
            </div>
            <div className="mt-1 text-xs text-slate-600">
              {t("by", { name: update.author.name, department: departmentName(update.department, locale) })} ·{" "}
              {t("submittedAt", { time: format.dateTime(update.createdAt, { dateStyle: "medium", timeStyle: "short" }) })}
              {update.version > 0 && ` · ${t("edited")}`}
            </div>
            <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-800" data-testid="timeline-changes">
              <li>
                {before ? t("progressChange", { from: before.progress, to: update.progress }) : t("progressFirst", { to: update.progress })}
              </li>
              {before && before.health !== update.health && (
                <li>{t("healthChange", { from: th(before.health), to: th(update.health) })}</li>
              )}
              {update.measuredValue !== null && (
                <li>
                  {t("measured", {
                    value: `${format.number(update.measuredValue)}${initiative.target ? ` ${readable(initiative.target.unit, locale)}` : ""}`,
                  })}
                </li>
              )}
            </ul>
            {update.healthReason && <p className="mt-1 text-sm text-slate-600">{t("reason", { reason: update.healthReason })}</p>}
            {update.revisionOfId && <p className="mt-1 text-xs text-violet-800">{tr("revisionOf")}</p>}
            <dl className="mt-2 space-y-2 text-sm">
              <div>
                <dt className="text-xs font-medium text-slate-500">{t("workDone")}</dt>
                <dd className="whitespace-pre-wrap" data-testid="timeline-work-done">{update.workDone}</dd>
              </div>
              {update.problems && (
                <div>
                  <dt className="text-xs font-medium text-slate-500">{t("problems")}</dt>
                  <dd className="whitespace-pre-wrap">{update.problems}</dd>
                </div>
              )}
              {update.nextSteps && (
                <div>
                  <dt className="text-xs font-medium text-slate-500">{t("nextSteps")}</dt>
                  <dd className="whitespace-pre-wrap">{update.nextSteps}</dd>
                </div>
              )}
              {update.evidence.length > 0 && (
                <div>
                  <dt className="text-xs font-medium text-slate-500">{t("evidence")}</dt>
                  <dd>
                    <ul className="flex flex-wrap gap-2">
                      {update.evidence.map((e) =>
                        e.kind === "FILE" ? (
                          <li key={e.id}>
                            <a href={`/api/evidence/${e.id}`} className="rounded bg-slate-100 px-2 py-0.5 text-brand-700 hover:underline" data-testid="evidence-file">
                              {e.fileName} ({fileSizeLabel(e.size ?? 0)})
                            </a>
                          </li>
                        ) : (
                          <li key={e.id}>
                            <a href={e.url ?? "#"} rel="noopener noreferrer nofollow" target="_blank" className="break-all text-brand-700 hover:underline">
                              {e.url}
                            </a>
                          </li>
                        ),
                      )}
                    </ul>
                  </dd>
                </div>
              )}
            </dl>
            {update.review && (
              <div
                className={`mt-2 rounded-md px-3 py-2 text-sm ${update.review.decision === "APPROVE" ? "bg-emerald-50 text-emerald-900" : "bg-red-50 text-red-900"}`}
                data-testid="timeline-review"
              >
                <span className="font-medium">
                  {update.review.decision === "APPROVE"
                    ? tr("approvedBy", { name: update.review.reviewer.name })
                    : tr("returnedBy", { name: update.review.reviewer.name })}
                </span>{" "}
                · {format.dateTime(update.review.createdAt, { dateStyle: "medium", timeStyle: "short" })}
                {update.review.comment && <p className="mt-1 whitespace-pre-wrap">{update.review.comment}</p>}
              </div>
            )}
            {update.author.id === viewerId && update.status === "RETURNED" && !update.revision && initiative.capabilities.canReport && (
              <a href={`/initiatives/${initiative.id}?revise=${update.id}#report-heading`} className={`${buttonClass("primary", "sm")} mt-2`} data-testid="revise-link">
                {tr("revise")}
              </a>
            )}
            {update.author.id === viewerId &&
              !initiative.archivedAt &&
              (update.capabilities.canEdit ? (
                <EditUpdateText
                  initiativeId={initiative.id}
                  updateId={update.id}
                  version={update.version}
                  workDone={update.workDone}
                  problems={update.problems ?? ""}
                  nextSteps={update.nextSteps ?? ""}
                />
              ) : (
                <p className="mt-2 text-xs text-slate-500">{t("readOnly")}</p>
              ))}
            {update.capabilities.canReview && (
              <div className="mt-3 rounded-md border border-amber-200 bg-amber-50/50 p-3" data-testid="timeline-review-actions">
                <ReviewActions updateId={update.id} />
              </div>
            )}
          </li>
        );
      })}
    </ol>
    <p className="mt-4 flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600" data-testid="timeline-pager">
      <span>{t("shown", { shown: initiative.updates.length, total: initiative.updatesTotal })}</span>
      {initiative.updatesNext && (
        <a
          href={`/initiatives/${initiative.id}?before=${encodeURIComponent(initiative.updatesNext)}#history-heading`}
          className={buttonClass("secondary", "sm")}
          data-testid="timeline-earlier"
        >
          {t("earlier")}
        </a>
      )}
    </p>
    </>
  );
}
