import { requirePermission } from "@workplan/auth";
import { getAdminPlan, type AdminPlan } from "@workplan/core/operations/admin-plans";
import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { buttonClass } from "@/components/Button";
import { HealthBadge } from "@/components/HealthBadge";
import { PageHeader } from "@/components/PageHeader";
import { ConfirmButton } from "@/features/admin-plans/ConfirmButton";
import { PlanForm } from "@/features/admin-plans/PlanForm";
import { ThemeForm, ThemeHeader } from "@/features/admin-plans/ThemeForm";
import { archiveThemeAction, setInitiativeArchivedAction } from "@/features/admin-plans/actions";
import { departmentName, readable } from "@/lib/display";

type Props = { params: Promise<{ id: string }> };

const loadPlan = cache(async (id: string) => getAdminPlan(await requirePermission("admin.plans"), id));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const plan = await loadPlan((await params).id);
  const t = await getTranslations("adminPlans");
  return { title: plan ? t("plan.title", { department: departmentName(plan.department, await getLocale()), year: plan.year }) : t("title") };
}

type Initiative = AdminPlan["initiatives"][number];

async function InitiativeList({ planId, initiatives }: { planId: string; initiatives: Initiative[] }) {
  const t = await getTranslations("adminPlans");
  const ti = await getTranslations("initiative");
  const locale = await getLocale();
  const format = await getFormatter();
  if (initiatives.length === 0) return <p className="px-4 py-3 text-sm text-slate-600 sm:px-6">{t("plan.noInitiatives")}</p>;
  return (
    <ul className="divide-y divide-slate-100">
      {initiatives.map((i) => (
        <li key={i.id} className={`flex flex-wrap items-start justify-between gap-3 px-4 py-3 sm:px-6 ${i.archivedAt ? "bg-slate-50 text-slate-600" : ""}`} data-testid={`admin-initiative-${i.code}`}>
          <div className="min-w-0 flex-1">
            <p>
              <span className="mr-2 font-mono text-xs text-slate-600">{i.code}</span>
              <span className="font-medium" lang={locale === "zh-Hans" ? "zh-Hans" : "zh-Hant"}>
                {readable(i.title, locale)}
              </span>
              {i.archivedAt && <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs text-slate-700">{t("archived")}</span>}
            </p>
            <p className="mt-0.5 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-600">
              {i.target && (
                <span>
                  {ti("target")}{" "}
                  {ti("targetValue", { approximate: String(i.target.approximate), value: format.number(i.target.value), unit: readable(i.target.unit, locale) })}
                </span>
              )}
              <span>{ti("dueDate")} {format.dateTime(i.dueDate, { dateStyle: "medium", timeZone: "UTC" })}</span>
              <span>{t("plan.reports", { count: i.updateCount })}</span>
              <span className="tabular-nums">{i.progress}%</span>
              <HealthBadge health={i.health} />
            </p>
          </div>
          <div className="flex flex-wrap items-start gap-2">
            <Link href={`/admin/plans/${planId}/initiatives/${i.id}`} className={buttonClass("secondary", "sm")} aria-label={t("plan.editInitiative", { code: i.code })}>
              {t("edit")}
            </Link>
            <ConfirmButton
              label={i.archivedAt ? t("restore") : t("archive")}
              pendingLabel={t("working")}
              confirm={i.archivedAt ? undefined : t("plan.archiveInitiativeConfirm", { code: i.code })}
              run={setInitiativeArchivedAction.bind(null, planId, i.id, !i.archivedAt)}
              testId={`${i.archivedAt ? "restore" : "archive"}-${i.code}`}
            />
          </div>
        </li>
      ))}
    </ul>
  );
}

export default async function AdminPlanPage({ params }: Props) {
  const plan = await loadPlan((await params).id);
  if (!plan) notFound();
  const t = await getTranslations("adminPlans");
  const locale = await getLocale();
  const format = await getFormatter();
  const name = departmentName(plan.department, locale);
  const closed = plan.status === "CLOSED";
  const addLink = (themeId?: string) => `/admin/plans/${plan.id}/initiatives/new${themeId ? `?theme=${themeId}` : ""}`;
  const addButton = buttonClass("outline", "sm");

  return (
    <div className="space-y-6">
      <Link href="/admin/plans" className="text-sm text-brand-700 hover:underline">
        ← {t("back")}
      </Link>
      <PageHeader
        title={t("plan.title", { department: name, year: plan.year })}
        description={
          <>
            {t(`status.${plan.status}`)} · {t("counts", { themes: format.number(plan.themes.filter((th) => !th.archivedAt).length), initiatives: format.number(plan.initiativeCount), archived: format.number([...plan.initiatives, ...plan.themes.flatMap((th) => th.initiatives)].filter((i) => i.archivedAt).length) })}
          </>
        }
        actions={
          <Link href={`/plan?year=${plan.year}`} className="text-sm font-medium text-brand-700 hover:underline">
            {t("plan.viewOnPlan")}
          </Link>
        }
      />

      <section aria-labelledby="plan-details" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="plan-details" className="mb-4 text-base font-semibold">
          {t("plan.details")}
        </h2>
        <PlanForm plan={{ id: plan.id, heading: plan.heading, preamble: plan.preamble, reportDueDay: plan.reportDueDay, reminderDaysBefore: plan.reminderDaysBefore }} />
      </section>

      <section aria-labelledby="plan-items" className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
        <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 bg-slate-50 px-4 py-3 sm:px-6">
          <h2 id="plan-items" className="text-base font-semibold">
            {t("plan.items")}
          </h2>
          {!closed && (
            <Link href={addLink()} className={addButton}>
              {t("plan.addUnthemed")}
            </Link>
          )}
        </div>
        {closed && <p className="px-4 pt-3 text-sm text-slate-600 sm:px-6">{t("plan.closedNote")}</p>}
        {(plan.initiatives.length > 0 || plan.themes.length === 0) && <InitiativeList planId={plan.id} initiatives={plan.initiatives} />}

        {plan.themes.map((theme) => (
          <div key={theme.id} className="border-t border-slate-200" data-testid={`admin-theme-${theme.code}`}>
            <div className={`space-y-2 px-4 py-3 sm:px-6 ${theme.archivedAt ? "bg-slate-100" : "bg-slate-50/60"}`}>
              <div className="flex flex-wrap items-start justify-between gap-3">
                <h3 className="font-semibold">
                  <span className="mr-2 font-mono text-xs text-slate-600">{theme.code}</span>
                  <span lang={locale === "zh-Hans" ? "zh-Hans" : "zh-Hant"}>{readable(theme.title, locale)}</span>
                  {theme.archivedAt && <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs font-normal text-slate-700">{t("archived")}</span>}
                </h3>
                {!theme.archivedAt && (
                  <div className="flex flex-wrap items-start gap-2">
                    {!closed && (
                      <Link href={addLink(theme.id)} className={addButton} aria-label={t("plan.addToTheme", { code: theme.code })}>
                        {t("plan.addInitiative")}
                      </Link>
                    )}
                    <ConfirmButton
                      label={t("archive")}
                      pendingLabel={t("working")}
                      confirm={t("themes.archiveConfirm", { code: theme.code })}
                      run={archiveThemeAction.bind(null, plan.id, theme.id)}
                      testId={`archive-theme-${theme.code}`}
                    />
                  </div>
                )}
              </div>
              {!theme.archivedAt && <ThemeHeader planId={plan.id} theme={{ id: theme.id, code: theme.code, title: theme.title, intro: theme.intro }} label={t("themes.edit")} />}
            </div>
            <InitiativeList planId={plan.id} initiatives={theme.initiatives} />
          </div>
        ))}
      </section>

      <section aria-labelledby="new-theme" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="new-theme" className="mb-4 text-base font-semibold">
          {t("themes.new")}
        </h2>
        <ThemeForm planId={plan.id} />
      </section>
    </div>
  );
}
