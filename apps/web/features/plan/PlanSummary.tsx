import type { PlanSummaryRow } from "@workplan/core/operations/get-plan-overview";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { ProgressBar } from "@/components/ProgressBar";
import { TableFrame, Th, theadClass } from "@/components/Table";
import { departmentName } from "@/lib/display";

const HEALTH_KEYS = ["ON_TRACK", "AT_RISK", "OFF_TRACK", "DONE", "NONE"] as const;

/**
 * The ministry-wide plan: one row per department (initiatives, average progress, health counts,
 * overdue), each opening that department's plan. Figures link to the list behind them.
 */
export async function PlanSummary({ year, rows }: { year: number; rows: PlanSummaryRow[] }) {
  const t = await getTranslations("plan");
  const th = await getTranslations("health");
  const locale = await getLocale();
  const list = (params: Record<string, string>) => `/initiatives?${new URLSearchParams({ year: String(year), ...params }).toString()}`;
  const total = rows.reduce((n, r) => n + r.initiatives, 0);
  const cell = "px-2 py-2 text-right tabular-nums";

  return (
    <section aria-labelledby="plan-summary-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="plan-summary">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="plan-summary-heading" className="text-lg font-semibold">
          {t("summary.heading")} <span className="text-base font-normal text-slate-500">({rows.length})</span>
        </h2>
        <p className="text-xs text-slate-500">{t("summary.hint")}</p>
      </div>
      <TableFrame label={t("summary.caption", { year })}>
        <caption className="sr-only">{t("summary.caption", { year })}</caption>
        <thead className={theadClass()}>
          <tr>
            <Th>{t("summary.department")}</Th>
            <Th align="right">{t("summary.initiatives")}</Th>
            <Th>{t("progress")}</Th>
            {HEALTH_KEYS.map((h) => (
              <Th key={h} align="right">
                {th(h)}
              </Th>
            ))}
            <Th align="right">{t("summary.overdue")}</Th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const name = departmentName(r.department, locale);
            const code = r.department.code;
            return (
              <tr key={r.planId} className="border-b border-slate-100" data-testid="plan-summary-row" data-department={code}>
                <th scope="row" className="min-w-28 px-2 py-2 text-left font-medium">
                  <Link href={`/plan?year=${year}&department=${code}`} className="text-brand-700 hover:underline" aria-label={t("summary.open", { name })}>
                    {name}
                  </Link>
                  {r.status === "CLOSED" && <span className="ml-1 rounded bg-slate-200 px-1 text-xs font-normal text-slate-700">{t("closed")}</span>}
                </th>
                <td className={cell}>
                  <Link href={list({ department: code })} className="hover:underline" data-testid="summary-initiatives">
                    {r.initiatives}
                  </Link>
                </td>
                <td className="min-w-32 px-2 py-2">
                  <ProgressBar value={r.progress} label={`${name} ${t("progress")}`} />
                </td>
                {HEALTH_KEYS.map((h) => (
                  <td key={h} className={cell}>
                    {r.health[h] === 0 ? (
                      <span className="text-slate-400">0</span>
                    ) : (
                      <Link href={list({ department: code, health: h })} className="hover:underline" data-testid={`summary-${h}`}>
                        {r.health[h]}
                      </Link>
                    )}
                  </td>
                ))}
                <td className={cell}>
                  {r.overdue === 0 ? (
                    <span className="text-slate-400">0</span>
                  ) : (
                    <Link href={list({ department: code, overdue: "1" })} className="text-red-700 hover:underline" data-testid="summary-overdue">
                      {r.overdue}
                    </Link>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr className="text-xs text-slate-600">
            <th scope="row" className="px-2 py-2 text-left font-medium">{t("summary.total")}</th>
            <td className={cell}>
              <Link href={list({})} className="hover:underline">{total}</Link>
            </td>
            <td colSpan={HEALTH_KEYS.length + 2} />
          </tr>
        </tfoot>
      </TableFrame>
    </section>
  );
}
