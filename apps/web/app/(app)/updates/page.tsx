import { currentPlanYear } from "@workplan/core/rules/calendar";
import { requirePermission } from "@workplan/auth";
import { listPlanYears } from "@workplan/core/operations/get-plan-overview";
import { listUpdates, UPDATE_COUNT_CAP } from "@workplan/core/operations/list-updates";
import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { PageHeader } from "@/components/PageHeader";
import { CommonFilters } from "@/features/lists/CommonFilters";
import { ListEmpty, ListFilters, ListInvalid, UnknownParams } from "@/features/lists/ListParts";
import { UpdateList } from "@/features/lists/UpdateList";
import { SelectField, TextField } from "@/features/lists/fields";
import { filterText } from "@/features/lists/filter-text";
import { loadList } from "@/features/lists/load";
import { listHref, readParams, UPDATE_PARAMS, type Search } from "@/features/lists/params";
import { planNow } from "@workplan/core/infra/plan-clock";
import { ExportLinks } from "@/features/lists/ExportLinks";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("lists"))("updates.title") };
}

const PAGE_SIZE = 50;

export default async function UpdatesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const viewer = await requirePermission("plan.read");
  const t = await getTranslations("lists");
  const tt = await getTranslations("timeline");
  const format = await getFormatter();
  const { values, unknown } = readParams(UPDATE_PARAMS, await searchParams);

  // No year in the URL: the current plan year, unless the month, the theme or the initiative already say which.
  const year = values.year ?? (values.period || values.theme || values.initiative ? undefined : currentPlanYear(await listPlanYears(viewer), planNow())?.toString());
  const { choices, page, errors } = await loadList(viewer, year, () => listUpdates(viewer, { ...values, year, limit: PAGE_SIZE }));
  // A hand-edited or outdated link: the form says what is wrong next to the filter.
  const text = filterText(t, errors);
  const { message, invalidLabel } = text;
  const common = { values, year, choices, text };
  const here: Record<string, string | undefined> = values;
  const count = page ? format.number(page.count) : "";

  return (
    <div className="space-y-5">
      <PageHeader title={t("updates.title")} description={t("updates.intro")} actions={page ? <ExportLinks path="/updates" values={values} year={year} /> : null} />

      <ListFilters action="/updates" values={values} testId="update-filters">
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          <CommonFilters {...common} fields={["q", "year", "department"]} qHint={t("filters.qUpdatesHint")} departmentLabel={t("filters.reportingDepartment")} />
          <TextField {...text.field("period", values.period)} placeholder="2018-06" maxLength={7} hint={t("filters.periodHint")} />
          <SelectField
            name="review"
            label={t("filters.reviewState")}
            value={values.review}
            anyLabel={t("filters.any")}
            options={(["SUBMITTED", "APPROVED", "RETURNED"] as const).map((s) => ({ value: s, label: tt(`status.${s}`) }))}
            invalidLabel={invalidLabel}
            error={message("review")}
          />
          <CommonFilters {...common} fields={["health"]} healthStates={["ON_TRACK", "AT_RISK", "OFF_TRACK", "DONE"]} />
          <SelectField
            name="sort"
            label={t("filters.sort")}
            value={values.sort}
            anyLabel={t("filters.sortNewest")}
            options={[
              { value: "oldest", label: t("filters.sortOldest") },
              { value: "progress", label: t("filters.sortProgress") },
            ]}
            invalidLabel={invalidLabel}
            error={message("sort")}
          />
        </div>
        <details className="mt-3" open={Boolean(values.theme || values.initiative || errors.theme || errors.initiative)}>
          <summary className="cursor-pointer text-sm font-medium text-brand-700">{t("filters.more")}</summary>
          <div className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            <CommonFilters {...common} fields={["theme"]} />
            <TextField {...text.field("initiative", values.initiative)} placeholder="KJS-2018-1.1" maxLength={40} mono hint={t("filters.initiativeHint")} />
          </div>
        </details>
      </ListFilters>

      <UnknownParams names={unknown} />

      {!page ? (
        <ListInvalid message={message("cursor")} firstHref={listHref("/updates", here, { cursor: undefined })} />
      ) : (
        <section aria-labelledby="updates-count" className="space-y-3">
          <p id="updates-count" className="text-sm font-medium text-slate-800" role="status" data-testid="result-count">
            {page.countCapped ? t("updates.countCapped", { count }) : t("updates.count", { count: page.count })}
            {page.countCapped && <span className="ml-2 font-normal text-slate-600">{t("updates.countHint", { count: format.number(UPDATE_COUNT_CAP) })}</span>}
          </p>
          {page.items.length === 0 ? (
            <ListEmpty title={t("updates.empty")} hint={t("updates.emptyHint")} clearHref="/updates" />
          ) : (
            <UpdateList items={page.items} />
          )}
          {(values.cursor || page.nextCursor) && (
            <nav aria-label={t("pagination.label")} className="flex flex-wrap items-center justify-between gap-3 text-sm">
              {values.cursor ? (
                <Link href={listHref("/updates", here, { cursor: undefined })} className="text-brand-700 underline underline-offset-2" data-testid="page-first">
                  {t("updates.first")}
                </Link>
              ) : (
                <span />
              )}
              {page.nextCursor && (
                <Link href={listHref("/updates", here, { cursor: page.nextCursor })} className="text-brand-700 underline underline-offset-2" data-testid="page-next">
                  {t("updates.more")}
                </Link>
              )}
            </nav>
          )}
        </section>
      )}
    </div>
  );
}
