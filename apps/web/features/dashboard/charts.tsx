import Link from "next/link";

// Charts drawn as plain SVG on the server: no chart library, nothing to download, readable by a
// screen reader through the table each chart carries (visually hidden), and every mark a link.

/** Distinct, colour-blind-friendly line colours (Okabe–Ito, then Tableau), cycled past ten. */
export const SERIES_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7f3c8d", "#3969ac", "#11a579", "#e73f74"];

export interface LineSeries {
  key: string;
  label: string;
  href: string;
  values: number[];
  /** The reference line (the average of all): dark and dashed, not a department colour. */
  reference?: boolean;
}

const REFERENCE_COLOUR = "#334155";

function colourOf(series: readonly LineSeries[], index: number): string {
  if (series[index]?.reference) return REFERENCE_COLOUR;
  const departmentIndex = series.slice(0, index).filter((s) => !s.reference).length;
  return SERIES_COLOURS[departmentIndex % SERIES_COLOURS.length] as string;
}

/** Progress (0–100 %) over the months of a year, one line per department. */
export function ProgressLineChart({
  series,
  xLabels,
  title,
  caption,
  monthHeading,
}: {
  series: LineSeries[];
  xLabels: string[];
  title: string;
  caption: string;
  monthHeading: string;
}) {
  const width = 560;
  const height = 240;
  const pad = { left: 40, right: 12, top: 12, bottom: 28 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const n = Math.max(xLabels.length, 1);
  const x = (i: number) => pad.left + (n === 1 ? plotW / 2 : (i / (n - 1)) * plotW);
  const y = (v: number) => pad.top + plotH - (Math.max(0, Math.min(100, v)) / 100) * plotH;
  return (
    <figure className="relative space-y-2 overflow-hidden">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} className="h-auto w-full" data-testid="progress-chart">
        {[0, 25, 50, 75, 100].map((v) => (
          <g key={v}>
            <line x1={pad.left} x2={width - pad.right} y1={y(v)} y2={y(v)} stroke="#e2e8f0" strokeWidth={1} />
            <text x={pad.left - 6} y={y(v) + 4} textAnchor="end" fontSize={11} fill="#64748b">
              {v}%
            </text>
          </g>
        ))}
        {xLabels.map((label, i) => (
          <text key={label} x={x(i)} y={height - 8} textAnchor="middle" fontSize={11} fill="#64748b">
            {label}
          </text>
        ))}
        {series.map((s, index) => {
          const colour = colourOf(series, index);
          const points = s.values.map((v, i) => `${x(i)},${y(v)}`).join(" ");
          return (
            <g key={s.key}>
              <polyline
                points={points}
                fill="none"
                stroke={colour}
                strokeWidth={s.reference ? 3 : 2.5}
                strokeDasharray={s.reference ? "7 4" : undefined}
                strokeLinejoin="round"
              />
              {s.values.map((v, i) => (
                <circle key={i} cx={x(i)} cy={y(v)} r={3} fill={colour}>
                  <title>{`${s.label} · ${xLabels[i] ?? ""}: ${v}%`}</title>
                </circle>
              ))}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs">
          {series.map((s, index) => (
            <li key={s.key}>
              <Link href={s.href} className="inline-flex items-center gap-1.5 hover:underline">
                <span aria-hidden className="inline-block h-2 w-4 rounded" style={{ background: colourOf(series, index) }} />
                {s.label} <span className="tabular-nums text-slate-500">{s.values.at(-1) ?? 0}%</span>
              </Link>
            </li>
          ))}
        </ul>
        <table className="sr-only">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{monthHeading}</th>
              {series.map((s) => (
                <th key={s.key} scope="col">{s.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {xLabels.map((label, i) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                {series.map((s) => (
                  <td key={s.key}>{s.values[i] ?? 0}%</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </figcaption>
    </figure>
  );
}

export interface StackSegment {
  key: string;
  label: string;
  value: number;
  colour: string;
  href: string;
}

/** One horizontal stacked bar per row (health distribution per department); each segment a link. */
export function StackedBars({
  rows,
  legend,
  title,
}: {
  rows: { key: string; label: string; segments: StackSegment[] }[];
  legend: { label: string; colour: string }[];
  title: string;
}) {
  return (
    <figure className="space-y-3" aria-label={title} data-testid="health-chart">
      <ul className="space-y-2">
        {rows.map((row) => {
          const total = row.segments.reduce((n, s) => n + s.value, 0);
          return (
            <li key={row.key} className="grid grid-cols-[minmax(5rem,9rem)_1fr] items-center gap-2 text-sm" data-testid="health-bar" data-key={row.key}>
              <span className="truncate text-slate-700" title={row.label}>{row.label}</span>
              <span className="flex h-6 w-full overflow-hidden rounded bg-slate-100">
                {row.segments
                  .filter((s) => s.value > 0)
                  .map((s) => (
                    <a
                      key={s.key}
                      href={s.href}
                      title={`${s.label}: ${s.value}`}
                      className="seg"
                      style={{ width: `${total === 0 ? 0 : Math.round((s.value / total) * 1000) / 10}%`, background: s.colour }}
                    >
                      {s.value}
                    </a>
                  ))}
              </span>
            </li>
          );
        })}
      </ul>
      <figcaption className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
        {legend.map((l) => (
          <span key={l.label} className="inline-flex items-center gap-1.5">
            <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: l.colour }} />
            {l.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
