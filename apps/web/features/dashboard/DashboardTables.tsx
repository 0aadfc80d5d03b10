"use client";

import { TableFrame, Th, theadClass } from "@/components/Table";
import { ChaseDepartmentButton } from "@/features/calendar/ChaseDepartmentButton";

// The overview's two tables of departments. They are client components on purpose: a server
// component's markup travels twice (as HTML and again in the React payload), and 40 departments ×
// 10 linked figures made the overview weigh half a megabyte. Here the payload carries the figures
// as compact rows, the HTML is rendered once from them, and the links are built from the filters.

const HEALTH_KEYS = ["ON_TRACK", "AT_RISK", "OFF_TRACK", "DONE", "NONE"] as const;

export interface FigureRow {
  /** Department code or theme code. */
  code: string;
  name: string;
  initiatives: number;
  progress: number;
  progressLabel: string;
  /** Health counts in HEALTH_KEYS order. */
  health: number[];
  overdue: number;
  late: number;
  review: number;
}

export interface DepartmentRow extends FigureRow {
  themes: FigureRow[];
}

function link(path: string, params: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) query.set(key, String(value));
  return `${path}?${query.toString()}`;
}

function Figure({ value, to, tone, testId }: { value: number; to: string; tone?: "bad" | "warn"; testId?: string }) {
  const colour = value === 0 ? " fig-0" : tone === "bad" ? " fig-bad" : tone === "warn" ? " fig-warn" : "";
  return (
    <a href={to} className={`fig${colour}`} {...(testId ? { "data-testid": testId } : {})}>
      {value}
    </a>
  );
}

export function MiniBar({ value, to, label }: { value: number; to?: string; label: string }) {
  const bar = (
    <>
      <span role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={value}>
        <span style={{ width: `${value}%` }} />
      </span>
      {value}%
    </>
  );
  return to ? (
    <a href={to} className="mbar">
      {bar}
    </a>
  ) : (
    <span className="mbar">{bar}</span>
  );
}

function Cells({ row, year, scope }: { row: FigureRow; year: number; scope: Record<string, string> }) {
  const to = (extra: Record<string, string | number> = {}) => link("/initiatives", { year, ...scope, ...extra });
  return (
    <>
      <td>
        <Figure value={row.initiatives} to={to()} />
      </td>
      <td>
        <MiniBar value={row.progress} to={to({ sort: "progress" })} label={row.progressLabel} />
      </td>
      {HEALTH_KEYS.map((h, i) => (
        <td key={h}>
          <Figure value={row.health[i] ?? 0} to={to({ health: h })} tone={h === "OFF_TRACK" ? "bad" : h === "AT_RISK" ? "warn" : undefined} />
        </td>
      ))}
      <td>
        <Figure value={row.overdue} to={to({ overdue: 1 })} tone="bad" testId="figure-overdue" />
      </td>
      <td>
        <Figure value={row.late} to={to({ late: 1 })} tone="warn" testId="figure-late" />
      </td>
      <td>
        <Figure value={row.review} to={link("/updates", { year, ...scope, review: "SUBMITTED" })} tone="warn" testId="figure-review" />
      </td>
    </>
  );
}

/** Per department (and, narrowed to one, per theme): the figures a manager acts on, each a link to its list. */
export function DepartmentTable({
  year,
  rows,
  withThemes,
  headings,
  caption,
}: {
  year: number;
  rows: DepartmentRow[];
  withThemes: boolean;
  headings: { scope: string; initiatives: string; progress: string; health: string[]; overdue: string; late: string; review: string };
  caption: string;
}) {
  return (
    <TableFrame label={caption} testId="department-table" tableClassName="dash">
      <caption className="sr-only">{caption}</caption>
      <thead className={theadClass()}>
        <tr>
          <Th>{headings.scope}</Th>
          <Th align="right">{headings.initiatives}</Th>
          <Th>{headings.progress}</Th>
          {headings.health.map((h) => (
            <Th key={h} align="right">
              {h}
            </Th>
          ))}
          <Th align="right">{headings.overdue}</Th>
          <Th align="right">{headings.late}</Th>
          <Th align="right">{headings.review}</Th>
        </tr>
      </thead>
      {rows.map((d) => (
        <tbody key={d.code} className="border-b border-slate-200" data-testid="department-row" data-department={d.code}>
          <tr className="bg-slate-50/60">
            <th scope="row" className="min-w-28 px-2 py-2 text-left font-semibold">
              <a href={`/dashboard?year=${year}&department=${d.code}`} className="hover:text-brand-700 hover:underline" data-testid="department-drill">
                {d.name}
              </a>
            </th>
            <Cells row={d} year={year} scope={{ department: d.code }} />
          </tr>
          {withThemes &&
            d.themes.map((theme) => (
              <tr key={theme.code} data-testid="theme-row" data-theme={theme.code}>
                <th scope="row" className="min-w-40 max-w-xs px-2 py-1.5 pl-6 text-left font-normal text-slate-700">
                  <a href={link("/initiatives", { year, theme: theme.code })} className="line-clamp-2 hover:text-brand-700 hover:underline">
                    {theme.name}
                  </a>
                </th>
                <Cells row={theme} year={year} scope={{ theme: theme.code }} />
              </tr>
            ))}
        </tbody>
      ))}
    </TableFrame>
  );
}

export interface LeagueRow {
  rank: number;
  id: string;
  code: string;
  name: string;
  onTimeRate: number | null;
  onTime: number;
  due: number;
  onTimeTitle: string;
  progress: number;
  progressLabel: string;
  red: number;
  chases: number;
  /** The viewer may chase the department and something in it is late. */
  chase: boolean;
}

/** Departments ranked by on-time reporting, then progress, with "chase the department". */
export function LeagueTable({
  year,
  rows,
  headings,
  caption,
}: {
  year: number;
  rows: LeagueRow[];
  headings: { rank: string; department: string; onTime: string; progress: string; red: string; chases: string; actions: string };
  caption: string;
}) {
  return (
    <TableFrame label={caption} testId="league-table" tableClassName="dash">
      <caption className="sr-only">{caption}</caption>
      <thead className={theadClass()}>
        <tr>
          <Th>{headings.rank}</Th>
          <Th>{headings.department}</Th>
          <Th align="right">{headings.onTime}</Th>
          <Th>{headings.progress}</Th>
          <Th align="right">{headings.red}</Th>
          <Th align="right">{headings.chases}</Th>
          <Th>
            <span className="sr-only">{headings.actions}</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((d) => (
          <tr key={d.id} className="border-b border-slate-100" data-testid="league-row" data-department={d.code}>
            <td className="font-semibold tabular-nums" style={{ textAlign: "left" }}>
              {d.rank}
            </td>
            <th scope="row" className="min-w-24 px-2 py-2 text-left font-medium">
              <a href={link("/initiatives", { year, department: d.code })} className="hover:text-brand-700 hover:underline">
                {d.name}
              </a>
            </th>
            <td className="whitespace-nowrap tabular-nums">
              <a href={link("/initiatives", { year, department: d.code, late: 1 })} className="fig" title={d.onTimeTitle}>
                {d.onTimeRate === null ? "—" : `${d.onTimeRate}%`}
                <span className="ml-1 text-xs text-slate-500">
                  ({d.onTime}/{d.due})
                </span>
              </a>
            </td>
            <td>
              <MiniBar value={d.progress} label={d.progressLabel} />
            </td>
            <td>
              <Figure value={d.red} to={link("/initiatives", { year, department: d.code, light: "RED" })} tone="bad" />
            </td>
            <td className="tabular-nums" data-testid="league-chases">
              {d.chases}
            </td>
            <td>{d.chase && <ChaseDepartmentButton departmentId={d.id} year={year} name={d.name} />}</td>
          </tr>
        ))}
      </tbody>
    </TableFrame>
  );
}
