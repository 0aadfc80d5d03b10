"use client";

import { LightBadgeView, type LightKey } from "@/components/badges";
import { ChaseButton } from "./ChaseButtons";
import { BY_LETTER, type Status } from "./status-letters";

// A department's calendar rows: 50 initiatives × 12 months. A client component fed compact rows
// (each month's status one letter) so that the 600 cells travel once, as HTML, and not a second
// time as markup in the React payload (see features/dashboard/DashboardTables.tsx).


export interface CalendarRow {
  id: string;
  code: string;
  title: string;
  /** One letter a month (STATUS_LETTER), January first. */
  months: string;
  light: LightKey;
  chaseCount: number;
}

export function CalendarRows({ rows, status, light }: { rows: CalendarRow[]; status: Record<Status, string>; light: Record<LightKey, string> }) {
  return (
    <tbody>
      {rows.map((i) => (
        <tr key={i.id} className="border-t border-slate-100" data-testid="calendar-row" data-code={i.code}>
          <th scope="row" className="max-w-xs px-2 py-1 text-left font-normal">
            <span className="block font-mono text-xs text-slate-500">{i.code}</span>
            <a href={`/initiatives/${i.id}`} className="line-clamp-2 text-slate-900 hover:text-brand-700 hover:underline">
              {i.title}
            </a>
          </th>
          {[...i.months].map((letter, m) => {
            const s = BY_LETTER[letter] ?? "NOT_DUE";
            return (
              <td key={m} className="cal-td">
                <span className={`cal-cell cal-${s}`} data-status={s}>
                  {status[s]}
                </span>
              </td>
            );
          })}
          <td className="px-2 py-1">
            <LightBadgeView light={i.light} label={light[i.light]} />
          </td>
          <td className="px-2 py-1 tabular-nums" data-testid="chase-count">
            {i.chaseCount}
          </td>
          <td className="px-2 py-1">{i.light !== "GREEN" && <ChaseButton initiativeId={i.id} code={i.code} />}</td>
        </tr>
      ))}
    </tbody>
  );
}
