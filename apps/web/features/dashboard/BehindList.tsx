"use client";

import { HealthBadgeView, LightBadgeView, type HealthKey, type LightKey } from "@/components/badges";
import { ChaseButton } from "@/features/calendar/ChaseButtons";
import { MiniBar } from "./DashboardTables";

// "Needs attention": the most serious initiatives with the reasons why. A client component fed
// compact rows for the same reason as the overview's tables (see DashboardTables.tsx).

export interface BehindRow {
  id: string;
  code: string;
  title: string;
  department: string;
  light: LightKey;
  health: HealthKey;
  progress: number;
  /** The reasons, most serious first, already worded. */
  reasons: { key: string; text: string }[];
  awaitingReview: string | null;
  pendingExtension: string | null;
  chased: string | null;
  chase: boolean;
}

export function BehindList({
  rows,
  labels,
}: {
  rows: BehindRow[];
  labels: { why: string; light: Record<LightKey, string>; health: Record<HealthKey, string>; progress: string };
}) {
  return (
    <ul className="divide-y divide-slate-100">
      {rows.map((b) => (
        <li key={b.id} className="grid gap-2 py-3 md:grid-cols-[1fr_auto] md:items-center" data-testid="behind-item" data-code={b.code}>
          <div className="min-w-0 space-y-1">
            <div className="flex flex-wrap items-center gap-2">
              <LightBadgeView light={b.light} label={labels.light[b.light]} />
              <span className="font-mono text-xs text-slate-500">{b.code}</span>
              <span className="text-xs text-slate-500">{b.department}</span>
            </div>
            <a href={`/initiatives/${b.id}`} className="line-clamp-2 font-medium text-slate-900 hover:text-brand-700 hover:underline">
              {b.title}
            </a>
            <ul className="flex flex-wrap gap-1.5 text-xs" aria-label={labels.why}>
              {b.reasons.map((r) => (
                <li key={r.key} className="rounded bg-red-50 px-1.5 py-0.5 text-red-900" data-reason={r.key}>
                  {r.text}
                </li>
              ))}
              {b.awaitingReview && (
                <li className="rounded bg-amber-50 px-1.5 py-0.5 text-amber-900">
                  <a href="/review" className="hover:underline">{b.awaitingReview}</a>
                </li>
              )}
              {b.pendingExtension && (
                <li className="rounded bg-sky-50 px-1.5 py-0.5 text-sky-900">
                  <a href="/review#pending-extensions-heading" className="hover:underline">{b.pendingExtension}</a>
                </li>
              )}
              {b.chased && <li className="rounded bg-slate-100 px-1.5 py-0.5 text-slate-700">{b.chased}</li>}
            </ul>
          </div>
          <div className="flex flex-wrap items-center gap-3 md:justify-end">
            <MiniBar value={b.progress} label={`${b.code} ${labels.progress} ${b.progress}%`} />
            <HealthBadgeView health={b.health} label={labels.health[b.health]} />
            {b.chase && <ChaseButton initiativeId={b.id} code={b.code} />}
          </div>
        </li>
      ))}
    </ul>
  );
}
