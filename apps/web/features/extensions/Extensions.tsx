import type { InitiativeDetail } from "@workplan/core/operations/get-initiative";
import type { PendingExtension } from "@workplan/core/operations/extension-requests";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { readable } from "@/lib/display";
import { ExtensionDecision } from "./ExtensionDecision";
import { ExtensionForm } from "./ExtensionForm";
import { isoDay } from "@workplan/core/rules/dates";
import { planNow } from "@workplan/core/infra/plan-clock";

const STATUS_STYLE = {
  PENDING: "bg-amber-50 text-amber-900",
  APPROVED: "bg-emerald-50 text-emerald-900",
  REFUSED: "bg-slate-100 text-slate-800",
} as const;

const day = isoDay;

/** "originally …" after the due date in the initiative's details, once it has been extended. */
export async function OriginalDueDate({ date }: { date: Date | null }) {
  if (!date) return null;
  const t = await getTranslations("extensions");
  const format = await getFormatter();
  return (
    <span className="ml-1 text-slate-500" data-testid="original-due-date">
      （{t("originalShort", { date: format.dateTime(date, { dateStyle: "long", timeZone: "UTC" }) })}）
    </span>
  );
}

/** The initiative's due dates, its extension requests, and the form to ask for one. */
export async function Extensions({ initiative, now = planNow() }: { initiative: InitiativeDetail; now?: Date }) {
  const t = await getTranslations("extensions");
  const format = await getFormatter();
  const date = (d: Date) => format.dateTime(d, { dateStyle: "long", timeZone: "UTC" });
  const mayRequest = initiative.capabilities.canRequestExtension;
  const hasPending = initiative.extensionRequests.some((r) => r.status === "PENDING");
  const pastDue = day(now) > day(initiative.dueDate);
  const next = new Date(initiative.dueDate.getTime() + 24 * 3600_000);
  return (
    <section aria-labelledby="extensions-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="extensions">
      <h2 id="extensions-heading" className="mb-4 text-base font-semibold">
        {t("title")}
      </h2>
      <dl className="mb-4 grid grid-cols-1 gap-4 sm:grid-cols-2">
        <div>
          <dt className="text-xs font-medium text-slate-500">{t("currentDueDate")}</dt>
          <dd className="mt-1 text-sm text-slate-900" data-testid="extensions-current-due">{date(initiative.dueDate)}</dd>
        </div>
        {initiative.originalDueDate && (
          <div>
            <dt className="text-xs font-medium text-slate-500">{t("originalDueDate")}</dt>
            <dd className="mt-1 text-sm text-slate-900" data-testid="extensions-original-due">{date(initiative.originalDueDate)}</dd>
          </div>
        )}
      </dl>
      {mayRequest && !hasPending && pastDue && <p className="mb-4 text-sm text-slate-600">{t("errors.extension.pastDue")}</p>}
      {/* Stays mounted once a request is pending, so that its "submitted" notice survives the
          page refresh that brings the request into the history below. */}
      {mayRequest && !pastDue && <ExtensionForm initiativeId={initiative.id} minDate={day(next)} hasPending={hasPending} />}
      <h3 className="mb-2 text-sm font-semibold text-slate-900">{t("history")}</h3>
      {initiative.extensionRequests.length === 0 ? (
        <p className="text-sm text-slate-600" data-testid="extensions-none">{t("none")}</p>
      ) : (
        <ol className="space-y-3" data-testid="extension-requests">
          {initiative.extensionRequests.map((r) => (
            <li key={r.id} className="rounded-md border border-slate-200 p-3 text-sm" data-testid="extension-request">
              <div className="flex flex-wrap items-center gap-2">
                <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_STYLE[r.status]}`} data-testid="extension-status">
                  {t(`status.${r.status}`)}
                </span>
                <span>{t("requestLine", { name: r.requester.name, from: date(r.currentDueDate), to: date(r.requestedDueDate) })}</span>
              </div>
              <p className="mt-1 whitespace-pre-wrap text-slate-700">{r.reason}</p>
              <p className="mt-1 text-xs text-slate-500">
                {t("requestedAt", { time: format.dateTime(r.createdAt, { dateStyle: "medium", timeStyle: "short" }) })}
                {r.decider && ` · ${t("decidedBy", { name: r.decider.name })}`}
              </p>
              {r.decisionComment && <p className="mt-1 text-slate-700">{t("comment", { comment: r.decisionComment })}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** The review page's list of pending extension requests, each with approve / refuse. */
export async function PendingExtensions({ items, total, pager }: { items: PendingExtension[]; total: number; pager?: React.ReactNode }) {
  const t = await getTranslations("extensions");
  const format = await getFormatter();
  const locale = await getLocale();
  const date = (d: Date) => format.dateTime(d, { dateStyle: "long", timeZone: "UTC" });
  return (
    <section aria-labelledby="pending-extensions-heading" className="space-y-3" data-testid="pending-extensions">
      <h2 id="pending-extensions-heading" className="text-lg font-semibold">
        {t("pendingTitle")} {total > 0 && <span className="text-base font-normal text-slate-500" data-testid="pending-extensions-count">({total})</span>}
      </h2>
      {items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">{t("pendingEmpty")}</p>
      ) : (
        <ol className="space-y-4">
          {items.map((item) => (
            <li key={item.id} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="pending-extension">
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <span className="font-mono text-xs text-slate-500">{item.initiative.code}</span>
                <Link href={`/initiatives/${item.initiative.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                  {readable(item.initiative.title, locale)}
                </Link>
              </div>
              <p className="mt-1 text-sm text-slate-700">
                {t("requestLine", { name: item.requester.name, from: date(item.currentDueDate), to: date(item.requestedDueDate) })}
              </p>
              <p className="mt-2 whitespace-pre-wrap text-sm">{item.reason}</p>
              <div className="mt-4 border-t border-slate-100 pt-4">
                <ExtensionDecision requestId={item.id} />
              </div>
            </li>
          ))}
        </ol>
      )}
      {pager}
    </section>
  );
}
