import { currentPlanYear } from "@workplan/core/rules/calendar";
import { requirePermission } from "@workplan/auth";
import { listPlanYears } from "@workplan/core/operations/get-plan-overview";
import { listInitiativePage } from "@workplan/core/operations/list-initiatives";
import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { Alert } from "@/components/Alert";
import { PageHeader } from "@/components/PageHeader";
import { CommonFilters } from "@/features/lists/CommonFilters";
import { InitiativeList } from "@/features/lists/InitiativeList";
import { ListEmpty, ListFilters, ListInvalid, UnknownParams } from "@/features/lists/ListParts";
import { CheckboxField, SelectField } from "@/features/lists/fields";
import { filterText } from "@/features/lists/filter-text";
import { loadList } from "@/features/lists/load";
import { INITIATIVE_PARAMS, listHref, readParams, type Search } from "@/features/lists/params";
import { planNow } from "@workplan/core/infra/plan-clock";
import { ExportLinks } from "@/features/lists/ExportLinks";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("lists"))("initiatives.title") };
}

const PAGE_SIZE = 50;
const MORE = ["theme", "review", "overdue", "late", "attention", "closed"] as const;

export default async function InitiativesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const viewer = await requirePermission("plan.read");
  const t = await getTranslations("lists");
  const tc = await getTranslations("calendar");
  const format = await getFormatter();
  const { values, unknown } = readParams(INITIATIVE_PARAMS, await searchParams);

  // No year in the URL: the current plan year (currentPlanYear), unless a theme already says which.
  const year = values.year ?? (values.theme ? undefined : currentPlanYear(await listPlanYears(viewer), planNow())?.toString());
  const { choices, page, errors } = await loadList(viewer, year, () => listInitiativePage(viewer, { ...values, year, limit: PAGE_SIZE }));
  // A hand-edited or outdated link: the form says what is wrong next to the filter.
  const text = filterText(t, errors);
  const { message, invalidLabel } = text;
  const common = { values, year, choices, text };
  const here: Record<string, string | undefined> = values;
  const moreOpen = MORE.some((k) => values[k] !== undefined);

  return (
    <div className="space-y-5">
      <PageHeader title={t("initiatives.title")} description={t("initiatives.intro")} actions={page ? <ExportLinks path="/initiatives" values={values} year={year} /> : null} />

      <ListFilters action="/initiatives" values={values} testId="initiative-filters">
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          <CommonFilters {...common} fields={["q"]} qHint={t("filters.qInitiativesHint")} />
          <CheckboxField
            name="in"
            label={t("filters.in")}
            value="titles"
            checked={values.in === "titles"}
            text={t("filters.inTitles")}
            error={message("in")}
          />
          <CommonFilters {...common} fields={["year", "department", "health"]} healthStates={["ON_TRACK", "AT_RISK", "OFF_TRACK", "DONE", "NONE"]} />
          <SelectField
            name="light"
            label={t("filters.light")}
            value={values.light}
            anyLabel={t("filters.any")}
            options={(["RED", "YELLOW", "GREEN"] as const).map((l) => ({ value: l, label: tc(`light.${l}`) }))}
            invalidLabel={invalidLabel}
            error={message("light")}
          />
          <SelectField
            name="sort"
            label={t("filters.sort")}
            value={values.sort}
            anyLabel={t("filters.sortCode")}
            options={[
              { value: "progress", label: t("filters.sortProgressAsc") },
              { value: "-progress", label: t("filters.sortProgressDesc") },
              { value: "due", label: t("filters.sortDue") },
              { value: "-updated", label: t("filters.sortUpdated") },
            ]}
            invalidLabel={invalidLabel}
            error={message("sort")}
          />
        </div>
        <details className="group mt-3" open={moreOpen || MORE.some((k) => errors[k])}>
          <summary className="cursor-pointer text-sm font-medium text-brand-700">{t("filters.more")}</summary>
          <div className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            <CommonFilters {...common} fields={["theme"]} />
            <SelectField
              name="review"
              label={t("filters.review")}
              value={values.review}
              anyLabel={t("filters.any")}
              options={[{ value: "SUBMITTED", label: t("filters.reviewPending") }]}
              invalidLabel={invalidLabel}
              error={message("review")}
            />
            <SelectField
              name="overdue"
              label={t("filters.overdue")}
              value={values.overdue}
              anyLabel={t("filters.any")}
              options={[
                { value: "1", label: t("filters.overdueYes") },
                { value: "0", label: t("filters.overdueNo") },
              ]}
              invalidLabel={invalidLabel}
              error={message("overdue")}
            />
            <SelectField
              name="late"
              label={t("filters.late")}
              value={values.late}
              anyLabel={t("filters.any")}
              options={[
                { value: "1", label: t("filters.lateYes") },
                { value: "0", label: t("filters.lateNo") },
              ]}
              invalidLabel={invalidLabel}
              error={message("late")}
            />
            <SelectField
              name="attention"
              label={t("filters.attention")}
              value={values.attention}
              anyLabel={t("filters.any")}
              options={[
                { value: "1", label: t("filters.attentionYes") },
                { value: "0", label: t("filters.attentionNo") },
              ]}
              invalidLabel={invalidLabel}
              error={message("attention")}
            />
            <SelectField
              name="closed"
              label={t("filters.closed")}
              value={values.closed}
              anyLabel={t("filters.any")}
              options={[
                { value: "0", label: t("filters.closedNo") },
                { value: "1", label: t("filters.closedYes") },
              ]}
              invalidLabel={invalidLabel}
              error={message("closed")}
            />
          </div>
        </details>
      </ListFilters>

      <UnknownParams names={unknown} />

      {!page ? (
        <ListInvalid message={message("page") ?? message("cursor")} firstHref={listHref("/initiatives", here, { page: undefined })} />
      ) : (
        <section aria-labelledby="initiatives-count" className="space-y-3">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <p id="initiatives-count" className="text-sm font-medium text-slate-800" role="status" data-testid="result-count">
              {t("initiatives.count", { count: page.total })}
              {page.pageCount > 1 && (
                <span className="ml-2 font-normal text-slate-600">
                  {t("initiatives.countPage", { from: (page.page - 1) * page.limit + 1, to: (page.page - 1) * page.limit + page.items.length })}
                </span>
              )}
            </p>
            <p className="text-xs text-slate-500">{t("initiatives.period", { period: format.dateTime(new Date(`${page.period}-01T00:00:00Z`), { year: "numeric", month: "long", timeZone: "UTC" }) })}</p>
          </div>
          {page.items.length === 0 && page.total > 0 ? (
            <Alert kind="warn" role={null} testId="page-out-of-range">
              {t("errors.page.invalid")}{" "}
              <Link href={listHref("/initiatives", here, { page: undefined })} className="font-medium underline">
                {t("updates.first")}
              </Link>
            </Alert>
          ) : page.items.length === 0 ? (
            <ListEmpty title={t("initiatives.empty")} hint={t("initiatives.emptyHint")} clearHref="/initiatives" />
          ) : (
            <InitiativeList items={page.items} />
          )}
          {page.pageCount > 1 && (
            <nav aria-label={t("pagination.label")} className="flex flex-wrap items-center justify-between gap-3 text-sm">
              {page.page > 1 ? (
                <Link href={listHref("/initiatives", here, { page: page.page > 2 ? String(page.page - 1) : undefined })} className="text-brand-700 underline underline-offset-2" data-testid="page-previous">
                  {t("pagination.previous")}
                </Link>
              ) : (
                <span />
              )}
              <span className="text-slate-600">{t("pagination.pageOf", { page: page.page, count: page.pageCount })}</span>
              {page.page < page.pageCount ? (
                <Link href={listHref("/initiatives", here, { page: String(page.page + 1) })} className="text-brand-700 underline underline-offset-2" data-testid="page-next">
                  {t("pagination.next")}
                </Link>
              ) : (
                <span />
              )}
            </nav>
          )}
        </section>
      )}
    </div>
  );
}
