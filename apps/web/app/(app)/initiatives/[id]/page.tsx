import { requireUser } from "@workplan/auth";
import { getCloseOut } from "@workplan/core/operations/close-out";
import { getInitiative } from "@workplan/core/operations/get-initiative";
import { toSimplified } from "@workplan/core/rules/chinese";
import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { HealthBadge } from "@/components/HealthBadge";
import { ProgressBar } from "@/components/ProgressBar";
import { ChaseHistory } from "@/features/calendar/ChaseHistory";
import { InitiativeChase } from "@/features/calendar/InitiativeChase";
import { CarriedFrom, CloseOutRecord, CloseOutSection } from "@/features/close-out/CloseOut";
import { Extensions, OriginalDueDate } from "@/features/extensions/Extensions";
import { Milestones } from "@/features/progress/Milestones";
import { ReportForm } from "@/features/progress/ReportForm";
import { Timeline } from "@/features/progress/Timeline";
import { departmentName, readable } from "@/lib/display";
import { isoMonth } from "@workplan/core/rules/dates";
import { Alert } from "@/components/Alert";
import { PageHeader } from "@/components/PageHeader";
import { planClockPinned, planNow } from "@workplan/core/infra/plan-clock";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ revise?: string | string[]; before?: string | string[] }> };

/** Reports on one page of the timeline: the latest, then "earlier reports" a page at a time. */
const TIMELINE_PAGE = 10;

// One read per request, shared by the metadata and the page.
const loadInitiative = cache(async (id: string, before: string | undefined) =>
  getInitiative(await requireUser(), id, { before, limit: TIMELINE_PAGE }),
);
const beforeOf = async (searchParams: Props["searchParams"]) => {
  const before = (await searchParams).before;
  return typeof before === "string" ? before : undefined;
};

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const initiative = await loadInitiative((await params).id, await beforeOf(searchParams));
  return { title: initiative ? `${initiative.code} ${readable(initiative.title, await getLocale())}` : undefined };
}

export default async function InitiativePage({ params, searchParams }: Props) {
  // Scoped by query: outside the viewer's scope, or a malformed id, is simply not found.
  const before = await beforeOf(searchParams);
  const initiative = await loadInitiative((await params).id, before);
  if (!initiative) notFound();
  const viewer = await requireUser();
  const closeOut = await getCloseOut(viewer, initiative.id);
  const t = await getTranslations("initiative");
  const tr = await getTranslations("report");
  const tm = await getTranslations("milestones");
  const ta = await getTranslations("adminPlans");
  const locale = await getLocale();
  const format = await getFormatter();
  const date = (d: Date) => format.dateTime(d, { dateStyle: "long", timeZone: "UTC" });
  // An archived initiative keeps its page and its history, read-only (its capabilities say so).
  const archived = initiative.archivedAt !== null;
  const { canReport, canManageMilestones, canChase } = initiative.capabilities;
  // "Revise and resubmit" pre-fills the form with the author's own returned update.
  const reviseId = (await searchParams).revise;
  const returned = initiative.updates.find(
    (u) => u.id === reviseId && u.author.id === viewer.id && u.status === "RETURNED" && !u.revision,
  );
  const revision = returned
    ? {
        updateId: returned.id,
        fields: {
          period: isoMonth(returned.period),
          progress: String(returned.progress),
          health: returned.health,
          healthReason: returned.healthReason ?? "",
          workDone: returned.workDone,
          problems: returned.problems ?? "",
          nextSteps: returned.nextSteps ?? "",
          measuredValue: returned.measuredValue === null ? "" : String(returned.measuredValue),
        },
      }
    : null;
  const targetLabel = initiative.target
    ? t("targetValue", {
        approximate: String(initiative.target.approximate),
        value: format.number(initiative.target.value),
        unit: readable(initiative.target.unit, locale),
      })
    : null;

  return (
    <article className="space-y-6">
      <Link href={`/plan?year=${initiative.plan.year}`} className="text-sm text-brand-700 hover:underline">
        ← {t("back")}
      </Link>
      <PageHeader
        title={readable(initiative.title, locale)}
        lang={locale === "zh-Hans" ? "zh-Hans" : "zh-Hant"}
        above={
          <p className="font-mono text-sm text-slate-500" data-testid="initiative-code">
            {initiative.code}
          </p>
        }
      >
        <div className="space-y-2 pt-1">
          {archived && (
            <Alert kind="info" role={null} testId="initiative-archived">
              {ta("archivedInitiative")}
            </Alert>
          )}
          {closeOut && <CarriedFrom closeOut={closeOut} />}
          <div className="flex flex-wrap items-center gap-3">
            <HealthBadge health={initiative.health} />
            <ProgressBar value={initiative.progress} label={t("progress")} className="w-56" />
          </div>
        </div>
      </PageHeader>

      {closeOut && <CloseOutRecord initiative={initiative} closeOut={closeOut} />}

      {/* A closed initiative has no light and is not chased. */}
      {!archived && !initiative.closedAt && <InitiativeChase initiativeId={initiative.id} viewer={viewer} canChase={canChase} />}

      <section aria-labelledby="original-heading" className="grid gap-4 md:grid-cols-2">
        <div className={`rounded-lg border border-slate-200 bg-white p-5 shadow-sm ${locale === "zh-Hans" ? "" : "md:col-span-2"}`}>
          <h2 id="original-heading" className="text-sm font-semibold text-slate-900">
            {t("original")}
          </h2>
          <p className="mb-3 text-xs text-slate-500">{t("originalNote")}</p>
          <p lang="zh-Hant" className="leading-8 text-slate-900" data-testid="original-text">
            {initiative.originalText}
          </p>
        </div>
        {locale === "zh-Hans" && (
          <div className="rounded-lg border border-slate-200 bg-slate-50 p-5">
            <h2 className="text-sm font-semibold text-slate-900">{t("simplified")}</h2>
            <p className="mb-3 text-xs text-slate-500">{t("simplifiedNote")}</p>
            <p lang="zh-Hans" className="leading-8 text-slate-800" data-testid="simplified-text">
              {toSimplified(initiative.originalText)}
            </p>
          </div>
        )}
      </section>

      <section aria-labelledby="details-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="details-heading" className="mb-4 text-base font-semibold">
          {t("details")}
        </h2>
        <dl className="grid grid-cols-1 gap-x-8 gap-y-4 sm:grid-cols-2 lg:grid-cols-3">
          <Field label={t("department")}>{departmentName(initiative.department, locale)}</Field>
          <Field label={t("plan")}>
            <span lang="zh-Hant">{readable(initiative.plan.heading, locale)}</span>
          </Field>
          {initiative.theme && (
            <Field label={t("theme")}>
              <span lang={locale === "zh-Hans" ? "zh-Hans" : "zh-Hant"}>{readable(initiative.theme.title, locale)}</span>
            </Field>
          )}
          {initiative.cooperatingDepartments.length > 0 && (
            <Field label={t("cooperating")} testId="cooperating">
              {initiative.cooperatingDepartments.map((d) => departmentName(d, locale)).join("、")}
            </Field>
          )}
          <Field label={t("target")} testId="target">
            {targetLabel ?? <span className="text-slate-500">{t("noTarget")}</span>}
          </Field>
          {initiative.target && (
            <Field label={t("measuredValue")} testId="measured-value">
              {initiative.measuredValue === null ? t("never") : `${format.number(initiative.measuredValue)} ${readable(initiative.target.unit, locale)}`}
            </Field>
          )}
          <Field label={t("dueDate")} testId="due-date">{date(initiative.dueDate)}<OriginalDueDate date={initiative.originalDueDate} /></Field>
          <Field label={t("lastUpdate")}>
            {initiative.lastUpdateAt ? format.dateTime(initiative.lastUpdateAt, { dateStyle: "medium", timeStyle: "short" }) : t("never")}
          </Field>
        </dl>
        <details className="mt-5 text-sm">
          <summary className="cursor-pointer text-slate-600 hover:text-slate-900">{t("sourceParagraph")}</summary>
          <p lang="zh-Hant" className="mt-2 leading-7 text-slate-700">
            {initiative.sourceParagraph}
          </p>
        </details>
      </section>

      {/* A closed initiative takes no more reports: its close-out record above says so. */}
      {canReport && (
        <section aria-labelledby="report-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="report-heading" className="mb-4 text-base font-semibold">
            {tr("title")}
          </h2>
          <ReportForm
            initiativeId={initiative.id}
            version={initiative.version}
            planYear={initiative.plan.year}
            dueDate={initiative.dueDate.toISOString()}
            currentProgress={initiative.progress}
            targetLabel={targetLabel}
            revision={revision}
            today={planClockPinned() ? planNow().toISOString() : undefined}
          />
        </section>
      )}

      <CloseOutSection initiative={initiative} />

      <Extensions initiative={initiative} />

      <ChaseHistory initiativeId={initiative.id} viewer={viewer} />

      <section aria-labelledby="milestones-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="milestones-heading" className="mb-4 text-base font-semibold">
          {tm("title")}
        </h2>
        <Milestones
          initiativeId={initiative.id}
          canManage={canManageMilestones}
          milestones={initiative.milestones.map((m) => ({ id: m.id, title: m.title, dueDate: m.dueDate.toISOString(), done: m.doneAt !== null }))}
        />
      </section>

      <section aria-labelledby="history-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="history-heading" className="mb-4 text-base font-semibold">
          {t("history")}
        </h2>
        {initiative.updates.length === 0 ? (
          <div className="rounded-md border border-dashed border-slate-300 p-8 text-center" data-testid="history-empty">
            <p className="font-medium text-slate-800">{t("historyEmpty")}</p>
            <p className="mt-1 text-sm text-slate-600">{t("historyEmptyHint")}</p>
          </div>
        ) : (
          <Timeline initiative={initiative} viewer={viewer} paged={before !== undefined} />
        )}
      </section>
    </article>
  );
}

function Field({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div>
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-1 text-sm text-slate-900" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}
