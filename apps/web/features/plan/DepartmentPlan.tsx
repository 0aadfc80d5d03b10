import type { PlanOverview } from "@workplan/core/operations/get-plan-overview";
import { countHealth } from "@workplan/core/rules/health";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { HealthBadge } from "@/components/HealthBadge";
import { ProgressBar } from "@/components/ProgressBar";
import { departmentName, readable } from "@/lib/display";
import { InitiativeRow } from "./InitiativeRow";

type Plan = PlanOverview["plans"][number];

export async function DepartmentPlan({ plan }: { plan: Plan }) {
  const t = await getTranslations("plan");
  const locale = await getLocale();
  const format = await getFormatter();
  const all = [...plan.initiatives, ...plan.themes.flatMap((theme) => theme.initiatives)];
  const counts = countHealth(all);
  const name = departmentName(plan.department, locale);

  return (
    <section
      aria-labelledby={`dept-${plan.department.code}`}
      className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm"
      data-testid={`department-${plan.department.code}`}
    >
      <div className="border-b border-slate-200 bg-slate-50 px-4 py-4 sm:px-6">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div>
            <h2 id={`dept-${plan.department.code}`} className="text-xl font-semibold">
              {name}
              {plan.status === "CLOSED" && (
                <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 align-middle text-xs font-normal text-slate-700">
                  {t("closed")}
                </span>
              )}
            </h2>
            <p className="mt-1 text-sm text-slate-600">
              <span lang="zh-Hant">{locale === "zh-Hans" ? readable(plan.heading, locale) : plan.heading}</span> ·{" "}
              {t("initiatives", { count: plan.initiativeCount })}
            </p>
          </div>
          <div className="w-full max-w-xs">
            <div className="mb-1 text-xs text-slate-600">{t("progress")}</div>
            <ProgressBar value={plan.progress} label={`${name} ${t("progress")}`} />
          </div>
        </div>
        <ul className="mt-3 flex flex-wrap gap-2" aria-label={t("healthSummary")}>
          {(["ON_TRACK", "AT_RISK", "OFF_TRACK", "DONE"] as const).map((h) =>
            counts[h] > 0 ? (
              <li key={h} className="flex items-center gap-1 text-sm">
                <HealthBadge health={h} /> <span className="tabular-nums">{format.number(counts[h])}</span>
              </li>
            ) : null,
          )}
          {counts.NONE > 0 && (
            <li className="flex items-center gap-1 text-sm">
              <HealthBadge health={null} /> <span className="tabular-nums">{format.number(counts.NONE)}</span>
            </li>
          )}
        </ul>
        <details className="mt-3 text-sm text-slate-700">
          <summary className="cursor-pointer text-slate-600 hover:text-slate-900">{t("preamble")}</summary>
          <p lang="zh-Hant" className="mt-2 leading-relaxed">
            {plan.preamble}
          </p>
        </details>
      </div>

      {plan.initiatives.length > 0 && (
        <ul className="divide-y divide-slate-100">
          {plan.initiatives.map((initiative) => (
            <InitiativeRow key={initiative.id} initiative={initiative} />
          ))}
        </ul>
      )}

      {plan.themes.map((theme) => (
        <div key={theme.id} className="border-t border-slate-200" data-testid={`theme-${theme.code}`}>
          <div className="flex flex-wrap items-center justify-between gap-3 bg-slate-50/60 px-4 py-3 sm:px-6">
            <h3 className="font-semibold">
              <span className="mr-2 font-mono text-xs text-slate-500">{theme.code}</span>
              <span lang={locale === "zh-Hans" ? "zh-Hans" : "zh-Hant"}>{readable(theme.title, locale)}</span>
            </h3>
            <ProgressBar value={theme.progress} label={readable(theme.title, locale)} className="w-40" />
          </div>
          <ul className="divide-y divide-slate-100">
            {theme.initiatives.map((initiative) => (
              <InitiativeRow key={initiative.id} initiative={initiative} />
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
