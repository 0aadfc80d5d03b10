import type { Dashboard, DashboardFigures } from "@workplan/core/operations/dashboard";
import { BEHIND_SHOWN } from "@workplan/core/operations/dashboard";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { departmentName, readable } from "@/lib/display";
import { BehindList } from "./BehindList";
import { ProgressLineChart, StackedBars } from "./charts";
import { DepartmentTable, LeagueTable, type DepartmentRow } from "./DashboardTables";

// The overview's sections, each a server component given the overview (getDashboard) and what the
// page is narrowed to; app/(app)/dashboard/page.tsx puts them in order.

export interface SectionProps {
  dashboard: Dashboard;
  /** The department the whole page is narrowed to: every link keeps it. */
  only: string | undefined;
  locale: string;
}

export const HEALTH_KEYS = ["ON_TRACK", "AT_RISK", "OFF_TRACK", "DONE", "NONE"] as const;
/** Dark enough for white figures on them (WCAG AA). */
const HEALTH_COLOURS: Record<(typeof HEALTH_KEYS)[number], string> = {
  ON_TRACK: "#047857",
  AT_RISK: "#b45309",
  OFF_TRACK: "#b91c1c",
  DONE: "#0369a1",
  NONE: "#64748b",
};
/** Lines a chart stays readable with: beyond it, the departments furthest behind are drawn. */
const CHART_LINES = 8;
/** Beyond this many departments the league shows the first and last five ("all" on request). */
export const LEAGUE_SHOWN = 12;

/** A link to the list behind a figure, with the filters in the URL. */
function href(path: "/initiatives" | "/updates", params: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) query.set(key, String(value));
  return `${path}?${query.toString()}`;
}

/** A department's or theme's figures as the overview's client table takes them. */
function figureRow(f: DashboardFigures, code: string, name: string, progressLabel: string): Omit<DepartmentRow, "themes"> {
  return {
    code,
    name,
    initiatives: f.initiatives,
    progress: f.averageProgress,
    progressLabel,
    health: HEALTH_KEYS.map((h) => f.health[h]),
    overdue: f.overdue,
    late: f.lateThisMonth,
    review: f.awaitingReview,
  };
}

/** The key figures, each linking to the list it counts. */
export async function KeyFigures({ dashboard, only }: SectionProps) {
  const t = await getTranslations("dashboard");
  const { year, totals } = dashboard;
  const cards: { key: string; label: string; value: number | string; to: string; tone: "plain" | "bad" | "warn"; hint?: string }[] = [
    { key: "initiatives", label: t("cards.initiatives"), value: totals.initiatives, to: href("/initiatives", { year, department: only }), tone: "plain" },
    { key: "progress", label: t("cards.averageProgress"), value: `${totals.averageProgress}%`, to: href("/initiatives", { year, department: only, sort: "progress" }), tone: "plain" },
    { key: "red", label: t("cards.red"), value: totals.red, to: href("/initiatives", { year, department: only, light: "RED" }), tone: "bad" },
    { key: "overdue", label: t("cards.overdue"), value: totals.overdue, to: href("/initiatives", { year, department: only, overdue: 1 }), tone: "bad" },
    {
      key: "late",
      label: t("cards.lateThisMonth"),
      value: totals.lateThisMonth,
      to: href("/initiatives", { year, department: only, late: 1 }),
      tone: "warn",
      hint: t("cards.lateHint", { month: Number(dashboard.currentPeriod.slice(5)) }),
    },
    { key: "review", label: t("cards.awaitingReview"), value: totals.awaitingReview, to: href("/updates", { year, department: only, review: "SUBMITTED" }), tone: "warn" },
    { key: "extensions", label: t("cards.pendingExtensions"), value: totals.pendingExtensions, to: "/review#pending-extensions-heading", tone: "warn" },
  ];

  return (
    <section aria-label={t("cards.heading")} className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7">
      {cards.map((c) => (
        <Link
          key={c.key}
          href={c.to}
          className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm hover:border-brand-600"
          data-testid={`card-${c.key}`}
          title={c.hint}
        >
          <span className="block text-xs text-slate-600">{c.label}</span>
          <span
            className={`mt-1 block text-2xl font-semibold tabular-nums ${c.value === 0 ? "text-slate-400" : c.tone === "bad" ? "text-red-700" : c.tone === "warn" ? "text-amber-800" : "text-slate-900"}`}
            data-testid="card-value"
          >
            {c.value}
          </span>
          {c.hint && <span className="block text-[11px] text-slate-500">{c.hint}</span>}
        </Link>
      ))}
    </section>
  );
}

/** The initiatives behind, most serious first, with why and what can be done. */
export async function BehindSection({ dashboard, only, locale }: SectionProps) {
  const t = await getTranslations("dashboard");
  const th = await getTranslations("health");
  const tc = await getTranslations("calendar");
  const { year } = dashboard;
  return (
    <section aria-labelledby="behind-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="behind">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="behind-heading" className="text-lg font-semibold">
          {t("behind.heading")} <span className="text-base font-normal text-slate-500" data-testid="behind-count">({dashboard.behindCount})</span>
        </h2>
        <p className="text-xs text-slate-500">{t("behind.hint")}</p>
      </div>
      {dashboard.behind.length === 0 ? (
        <p className="py-6 text-center text-slate-600" data-testid="behind-empty">{t("behind.empty")}</p>
      ) : (
        <BehindList
          labels={{
            why: t("behind.why"),
            progress: t("columns.averageProgress"),
            light: { RED: tc("light.RED"), YELLOW: tc("light.YELLOW"), GREEN: tc("light.GREEN") },
            health: { ON_TRACK: th("ON_TRACK"), AT_RISK: th("AT_RISK"), OFF_TRACK: th("OFF_TRACK"), DONE: th("DONE"), NONE: th("NONE") },
          }}
          rows={dashboard.behind.map((b) => ({
            id: b.id,
            code: b.code,
            title: readable(b.title, locale),
            department: departmentName(b.department, locale),
            light: b.light,
            health: b.health ?? "NONE",
            progress: b.progress,
            reasons: b.reasons.map((r) => ({ key: r, text: t(`reason.${r}`, { date: b.dueDate }) })),
            awaitingReview: b.awaitingReview > 0 ? t("behind.awaitingReview", { count: b.awaitingReview }) : null,
            pendingExtension: b.pendingExtension ? t("behind.pendingExtension") : null,
            chased: b.chaseCount > 0 ? t("behind.chased", { count: b.chaseCount }) : null,
            chase: b.canChase && b.light !== "GREEN",
          }))}
        />
      )}
      {dashboard.behindCount > BEHIND_SHOWN && (
        <p className="mt-3 text-sm">
          <Link href={href("/initiatives", { year, department: only, attention: 1 })} className="text-brand-700 hover:underline" data-testid="behind-all">
            {t("behind.all", { count: dashboard.behindCount })}
          </Link>
        </p>
      )}
    </section>
  );
}

/** One row per department (and its themes once narrowed to it). */
export async function DepartmentsSection({ dashboard, only, locale }: SectionProps) {
  const t = await getTranslations("dashboard");
  const th = await getTranslations("health");
  const { year } = dashboard;
  return (
    <section aria-labelledby="departments-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="departments-heading" className="mb-3 text-lg font-semibold">{t("departments.heading")}</h2>
      <DepartmentTable
        year={year}
        withThemes={only !== undefined || dashboard.departments.length === 1}
        caption={t("departments.caption", { year })}
        headings={{
          scope: t("columns.scope"),
          initiatives: t("columns.initiatives"),
          progress: t("columns.averageProgress"),
          health: HEALTH_KEYS.map((h) => th(h)),
          overdue: t("columns.overdue"),
          late: t("columns.lateThisMonth"),
          review: t("columns.awaitingReview"),
        }}
        rows={dashboard.departments.map((d) => {
          const name = departmentName(d.department, locale);
          return {
            ...figureRow(d, d.department.code, name, t("figure.progress", { name, value: d.averageProgress })),
            // The whole ministry: one row per department, each opening the department's own
            // overview, where its themes are listed.
            themes: only !== undefined || dashboard.departments.length === 1 ? d.themes.map((theme) => {
                    const themeName = readable(theme.title, locale);
                    return figureRow(theme, theme.code, themeName, t("figure.progress", { name: themeName, value: theme.averageProgress }));
                  }) : [],
          };
        })}
      />
    </section>
  );
}

/** Progress over the year and the health of each department's initiatives. */
export async function ChartsSection({ dashboard, locale }: SectionProps) {
  const t = await getTranslations("dashboard");
  const th = await getTranslations("health");
  const { year, totals } = dashboard;
  const monthLabels = dashboard.periods.map((p) => t("month", { month: Number(p.slice(5)) }));
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <section aria-labelledby="progress-chart-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="progress-chart-heading" className="mb-3 text-lg font-semibold">{t("charts.progressTitle", { year })}</h2>
        <ProgressLineChart
          title={t("charts.progressTitle", { year })}
          caption={t("charts.progressCaption", { year })}
          monthHeading={t("charts.monthHeading")}
          xLabels={monthLabels}
          series={[
            ...(dashboard.departments.length > 1
              ? [{ key: "all", label: t("charts.average"), href: href("/initiatives", { year }), values: totals.progressSeries, reference: true }]
              : []),
            ...[...dashboard.departments]
              .sort((a, b) => (a.progressSeries.at(-1) ?? 0) - (b.progressSeries.at(-1) ?? 0))
              .slice(0, CHART_LINES)
              .sort((a, b) => a.department.code.localeCompare(b.department.code))
              .map((d) => ({
                key: d.department.code,
                label: departmentName(d.department, locale),
                href: href("/initiatives", { year, department: d.department.code }),
                values: d.progressSeries,
              })),
          ]}
        />
        {dashboard.departments.length > CHART_LINES && (
          <p className="mt-2 text-xs text-slate-500" data-testid="chart-lines-note">
            {t("charts.furthestBehind", { shown: CHART_LINES, count: dashboard.departments.length })}
          </p>
        )}
      </section>
      <section aria-labelledby="health-chart-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="health-chart-heading" className="mb-3 text-lg font-semibold">{t("charts.healthTitle")}</h2>
        <StackedBars
          title={t("charts.healthTitle")}
          legend={HEALTH_KEYS.map((h) => ({ label: th(h), colour: HEALTH_COLOURS[h] }))}
          rows={[...dashboard.departments]
            // Beyond CHART_LINES departments, the ones with the most initiatives in trouble.
            .sort((a, b) => b.health.OFF_TRACK + b.health.AT_RISK - (a.health.OFF_TRACK + a.health.AT_RISK) || a.department.code.localeCompare(b.department.code))
            .slice(0, CHART_LINES)
            .sort((a, b) => a.department.code.localeCompare(b.department.code))
            .map((d) => {
            const name = departmentName(d.department, locale);
            return {
              key: d.department.code,
              label: name,
              segments: HEALTH_KEYS.map((h) => ({
                key: h,
                label: th(h),
                value: d.health[h],
                colour: HEALTH_COLOURS[h],
                href: href("/initiatives", { year, department: d.department.code, health: h }),
              })),
            };
          })}
        />
        {dashboard.departments.length > CHART_LINES && (
          <p className="mt-2 text-xs text-slate-500" data-testid="health-chart-note">
            {t("charts.mostTrouble", { shown: CHART_LINES, count: dashboard.departments.length })}
          </p>
        )}
      </section>
    </div>
  );
}

/** The departments ranked by on-time reporting, then progress; read from both ends when long. */
export async function LeagueSection({ dashboard, locale, whole }: SectionProps & { whole: boolean }) {
  const t = await getTranslations("dashboard");
  const { year } = dashboard;
  const byId = new Map(dashboard.departments.map((d) => [d.department.id, d]));
  // A league of 40 is read from both ends: the first and the last five, all of it on request.
  const league = whole || dashboard.league.length <= LEAGUE_SHOWN ? dashboard.league : [...dashboard.league.slice(0, 5), ...dashboard.league.slice(-5)];
  return (
    <section aria-labelledby="league-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="league-heading" className="text-lg font-semibold">{t("league.heading")}</h2>
        <p className="text-xs text-slate-500">{t("league.hint")}</p>
      </div>
      <LeagueTable
        year={year}
        caption={t("league.heading")}
        headings={{
          rank: t("league.rank"),
          department: t("columns.department"),
          onTime: t("league.onTime"),
          progress: t("columns.averageProgress"),
          red: t("cards.red"),
          chases: t("league.chases"),
          actions: t("league.actions"),
        }}
        rows={league.flatMap(({ rank, departmentId }) => {
          const d = byId.get(departmentId);
          if (!d) return [];
          const name = departmentName(d.department, locale);
          return [
            {
              rank,
              id: departmentId,
              code: d.department.code,
              name,
              onTimeRate: d.onTimeRate,
              onTime: d.reportsOnTime,
              due: d.reportsDue,
              onTimeTitle: t("league.onTimeDetail", { onTime: d.reportsOnTime, due: d.reportsDue }),
              progress: d.averageProgress,
              progressLabel: t("figure.progress", { name, value: d.averageProgress }),
              red: d.red,
              chases: d.chases,
              chase: d.canChase && d.red + d.yellow > 0,
            },
          ];
        })}
      />
      {league.length < dashboard.league.length && (
        <p className="mt-3 text-sm">
          <Link href={`/dashboard?${new URLSearchParams({ year: String(year), league: "all" }).toString()}#league-heading`} className="text-brand-700 hover:underline" data-testid="league-all">
            {t("league.all", { count: dashboard.league.length, shown: league.length })}
          </Link>
        </p>
      )}
    </section>
  );
}
