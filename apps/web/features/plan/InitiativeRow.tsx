import type { PlanOverview } from "@workplan/core/operations/get-plan-overview";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { HealthBadge } from "@/components/HealthBadge";
import { ProgressBar } from "@/components/ProgressBar";
import { readable } from "@/lib/display";

type Item = PlanOverview["plans"][number]["initiatives"][number];

export async function InitiativeRow({ initiative }: { initiative: Item }) {
  const t = await getTranslations();
  const locale = await getLocale();
  const format = await getFormatter();
  const title = readable(initiative.title, locale);
  return (
    <li className="grid grid-cols-[1fr_8.5rem] items-center gap-x-4 gap-y-1.5 px-4 py-3 [grid-template-areas:'code_health'_'title_title'_'due_progress'] hover:bg-slate-50 sm:px-6 md:grid-cols-[7.5rem_1fr_9rem_10rem_7rem] md:gap-y-0 md:[grid-template-areas:'code_title_due_progress_health']">
      <span className="font-mono text-xs text-slate-500 [grid-area:code]">{initiative.code}</span>
      <div className="[grid-area:title]">
        <Link
          href={`/initiatives/${initiative.id}`}
          prefetch={false}
          className="font-medium text-slate-900 underline-offset-2 hover:text-brand-700 hover:underline"
          lang={locale === "zh-Hans" ? "zh-Hans" : "zh-Hant"}
        >
          {title}
        </Link>
        {initiative.target && (
          <span className="ml-2 whitespace-nowrap rounded bg-brand-50 px-1.5 py-0.5 text-xs text-brand-800">
            {t("plan.target")}{" "}
            {t("initiative.targetValue", {
              approximate: String(initiative.target.approximate),
              value: format.number(initiative.target.value),
              unit: readable(initiative.target.unit, locale),
            })}
          </span>
        )}
      </div>
      <span className="text-sm text-slate-600 [grid-area:due]">
        {t("plan.due", { date: format.dateTime(initiative.dueDate, { dateStyle: "medium", timeZone: "UTC" }) })}
      </span>
      <ProgressBar
        value={initiative.progress}
        label={`${initiative.code} ${t("plan.columns.progress")}`}
        className="[grid-area:progress]"
      />
      <span className="text-right [grid-area:health]">
        <HealthBadge health={initiative.health} />
      </span>
    </li>
  );
}
