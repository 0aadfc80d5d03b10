import type { UpdateListItem } from "@workplan/core/operations/list-updates";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { HealthBadge } from "@/components/HealthBadge";
import { departmentName, readable } from "@/lib/display";
import { BEIJING_TIME_ZONE } from "@workplan/core/rules/dates";

const STATUS_STYLE = {
  SUBMITTED: "bg-amber-50 text-amber-900 ring-amber-600/40",
  APPROVED: "bg-emerald-50 text-emerald-800 ring-emerald-600/30",
  RETURNED: "bg-red-50 text-red-800 ring-red-600/30",
} as const;

/** The progress reports of one page, newest first (or as sorted): what was reported, by whom, when. */
export async function UpdateList({ items }: { items: UpdateListItem[] }) {
  const t = await getTranslations("lists");
  const tt = await getTranslations("timeline");
  const locale = await getLocale();
  const format = await getFormatter();
  return (
    <ul aria-label={t("updates.caption")} className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-sm" data-testid="update-list">
      {items.map((u) => (
        <li key={u.id} className="space-y-1.5 px-4 py-3" data-testid="update-row" data-initiative={u.initiative.code} data-status={u.status}>
          <div className="flex flex-wrap items-baseline gap-x-2">
            <span className="font-mono text-xs text-slate-500">{u.initiative.code}</span>
            <Link
              href={`/initiatives/${u.initiative.id}`}
              prefetch={false}
              className="font-medium text-slate-900 underline-offset-2 hover:text-brand-700 hover:underline"
              lang={locale === "en" ? "zh-Hant" : locale}
            >
              {readable(u.initiative.title, locale)}
            </Link>
          </div>
          <div className="flex flex-wrap items-center gap-2 text-xs text-slate-700">
            <span className={`inline-flex rounded-full px-2 py-0.5 font-medium ring-1 ring-inset ${STATUS_STYLE[u.status]}`} data-testid="update-status">
              {tt(`status.${u.status}`)}
            </span>
            <HealthBadge health={u.health} />
            <span className="tabular-nums">{t("updates.progress", { value: u.progress })}</span>
            <span>{t("updates.period", { period: u.period })}</span>
          </div>
          <p className="line-clamp-3 whitespace-pre-wrap break-words text-sm text-slate-900" data-testid="update-work-done">
            {u.workDone}
          </p>
          {u.problems && (
            <p className="line-clamp-2 break-words text-sm text-slate-700">
              {t("updates.problems")}
              {u.problems}
            </p>
          )}
          <p className="text-xs text-slate-500">
            {t("updates.byline", { department: departmentName(u.department, locale), author: u.author.name })} ·{" "}
            {t("updates.submittedAt", {
              time: format.dateTime(u.createdAt, { dateStyle: "medium", timeStyle: "short", timeZone: BEIJING_TIME_ZONE }),
            })}
          </p>
        </li>
      ))}
    </ul>
  );
}
