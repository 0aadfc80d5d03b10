import type { InitiativeListItem } from "@workplan/core/operations/list-initiatives";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { HealthBadge } from "@/components/HealthBadge";
import { ProgressBar } from "@/components/ProgressBar";
import { LightBadge } from "@/features/calendar/LightBadge";
import { departmentName, readable } from "@/lib/display";

/** The initiatives of one page: a card each on a phone, one line each on a wide screen. */
export async function InitiativeList({ items }: { items: InitiativeListItem[] }) {
  const t = await getTranslations("lists");
  const tc = await getTranslations("calendar");
  const locale = await getLocale();
  const format = await getFormatter();
  const date = (d: Date | string) => format.dateTime(new Date(d), { dateStyle: "medium", timeZone: "UTC" });
  return (
    <ul aria-label={t("initiatives.caption")} className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-sm" data-testid="initiative-list">
      {items.map((item) => (
        <li
          key={item.id}
          className="flex flex-col gap-2 px-4 py-3 hover:bg-slate-50 md:flex-row md:items-center md:gap-6"
          data-testid="initiative-row"
          data-code={item.code}
          data-department={item.department.code}
          data-health={item.health ?? "NONE"}
          data-light={item.light}
        >
          <div className="min-w-0 flex-1">
            <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-500">
              <span className="font-mono">{item.code}</span>
              <span>{departmentName(item.department, locale)}</span>
              {item.overdue && <span className="rounded bg-red-50 px-1.5 py-0.5 font-medium text-red-800">{t("row.overdue")}</span>}
              {item.closed && <span className="rounded bg-slate-100 px-1.5 py-0.5 font-medium text-slate-700">{t("row.closed")}</span>}
            </div>
            <Link
              href={`/initiatives/${item.id}`}
              prefetch={false}
              className="mt-0.5 block font-medium text-slate-900 underline-offset-2 hover:text-brand-700 hover:underline"
              lang={locale === "en" ? "zh-Hant" : locale}
            >
              {readable(item.title, locale)}
            </Link>
            <p className="mt-0.5 flex flex-wrap gap-x-3 text-xs text-slate-600">
              <span>{t("row.due", { date: date(item.dueDate) })}</span>
              {item.lastUpdateAt && <span>{t("row.lastUpdate", { date: date(item.lastUpdateAt) })}</span>}
              <span>{t("row.thisMonth", { status: tc(`status.${item.thisMonth}`) })}</span>
            </p>
            {item.match && (
              <p className="mt-1 text-xs text-slate-700" data-testid="match" data-place={item.match.place}>
                {item.match.snippet === null
                  ? t("row.match", { place: t(`row.place.${item.match.place}`) })
                  : t("row.matchSnippet", { place: t(`row.place.${item.match.place}`), snippet: item.match.snippet })}
              </p>
            )}
          </div>
          <div className="flex flex-wrap items-center gap-x-3 gap-y-2 md:w-[25rem] md:flex-nowrap md:justify-end">
            <ProgressBar value={item.progress} label={t("row.progressLabel", { code: item.code })} className="min-w-28 flex-1 md:w-36 md:flex-none" />
            <span className="md:min-w-[6.5rem] md:text-right">
              <HealthBadge health={item.health} />
            </span>
            <span className="md:min-w-[7rem] md:text-right">
              <LightBadge light={item.light} />
            </span>
          </div>
        </li>
      ))}
    </ul>
  );
}
