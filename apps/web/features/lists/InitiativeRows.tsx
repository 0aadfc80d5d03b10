"use client";

import { HealthBadgeView, LightBadgeView, type HealthKey, type LightKey } from "@/components/badges";

// The rows of the initiative list, fed worded rows: 50 rows travel once as HTML and once as compact
// data, not twice as markup (see features/dashboard/DashboardTables.tsx). The progress bar has the
// look of components/ProgressBar.tsx.

export interface InitiativeRowData {
  id: string;
  code: string;
  department: string;
  departmentCode: string;
  overdue: string | null;
  closed: string | null;
  title: string;
  lang: string;
  /** "截止 …", "最近报告 …", "本月：…" */
  facts: string[];
  match: { place: string; text: string } | null;
  progress: number;
  progressLabel: string;
  health: HealthKey;
  light: LightKey;
}

export function InitiativeRows({
  rows,
  caption,
  health,
  light,
}: {
  rows: InitiativeRowData[];
  caption: string;
  health: Record<HealthKey, string>;
  light: Record<LightKey, string>;
}) {
  return (
    <ul aria-label={caption} className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-sm" data-testid="initiative-list">
      {rows.map((item) => (
        <li
          key={item.id}
          className="flex flex-col gap-2 px-4 py-3 hover:bg-slate-50 md:flex-row md:items-center md:gap-6"
          data-testid="initiative-row"
          data-code={item.code}
          data-department={item.departmentCode}
          data-health={item.health}
          data-light={item.light}
        >
          <div className="min-w-0 flex-1">
            <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-500">
              <span className="font-mono">{item.code}</span>
              <span>{item.department}</span>
              {item.overdue && <span className="rounded bg-red-50 px-1.5 py-0.5 font-medium text-red-800">{item.overdue}</span>}
              {item.closed && <span className="rounded bg-slate-100 px-1.5 py-0.5 font-medium text-slate-700">{item.closed}</span>}
            </div>
            <a
              href={`/initiatives/${item.id}`}
              className="mt-0.5 block font-medium text-slate-900 underline-offset-2 hover:text-brand-700 hover:underline"
              lang={item.lang}
            >
              {item.title}
            </a>
            <p className="mt-0.5 flex flex-wrap gap-x-3 text-xs text-slate-600">
              {item.facts.map((fact) => (
                <span key={fact}>{fact}</span>
              ))}
            </p>
            {item.match && (
              <p className="mt-1 text-xs text-slate-700" data-testid="match" data-place={item.match.place}>
                {item.match.text}
              </p>
            )}
          </div>
          <div className="flex flex-wrap items-center gap-x-3 gap-y-2 md:w-[25rem] md:flex-nowrap md:justify-end">
            <div className="flex min-w-28 flex-1 items-center gap-2 md:w-36 md:flex-none">
              <div
                role="progressbar"
                aria-label={item.progressLabel}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={item.progress}
                className="h-2 w-full min-w-16 overflow-hidden rounded-full bg-slate-200"
              >
                <div className="h-full rounded-full bg-brand-600" style={{ width: `${item.progress}%` }} />
              </div>
              <span className="w-10 shrink-0 text-right text-sm tabular-nums text-slate-700">{item.progress}%</span>
            </div>
            <span className="md:min-w-[6.5rem] md:text-right">
              <HealthBadgeView health={item.health} label={health[item.health]} />
            </span>
            <span className="md:min-w-[7rem] md:text-right">
              <LightBadgeView light={item.light} label={light[item.light]} />
            </span>
          </div>
        </li>
      ))}
    </ul>
  );
}
