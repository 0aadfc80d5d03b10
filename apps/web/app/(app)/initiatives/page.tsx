import { currentPlanYear } from "@workplan/core/rules/calendar";
import { requirePermission } from "@workplan/auth";
import { DomainError } from "@workplan/core/operations/errors";
import { listPlanYears } from "@workplan/core/operations/get-plan-overview";
import { listChoices } from "@workplan/core/operations/list-choices";
import { listInitiativePage, type InitiativeListPage } from "@workplan/core/operations/list-initiatives";
import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { FilterForm } from "@/features/lists/FilterForm";
import { InitiativeList } from "@/features/lists/InitiativeList";
import { SelectField, TextField, type Option } from "@/features/lists/fields";
import { INITIATIVE_PARAMS, listHref, readParams, type Search } from "@/features/lists/params";
import { departmentName, readable } from "@/lib/display";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("lists"))("initiatives.title") };
}

const PAGE_SIZE = 50;
const MORE = ["theme", "review", "overdue", "late", "closed"] as const;

export default async function InitiativesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const viewer = await requirePermission("plan.read");
  const t = await getTranslations("lists");
  const th = await getTranslations("health");
  const tc = await getTranslations("calendar");
  const locale = await getLocale();
  const format = await getFormatter();
  const { values, unknown } = readParams(INITIATIVE_PARAMS, await searchParams);

  // No year in the URL: the current plan year (currentPlanYear), unless a theme already says which.
  const year = values.year ?? (values.theme ? undefined : currentPlanYear(await listPlanYears(viewer), new Date())?.toString());
  const choices = await listChoices(viewer, Number.isInteger(Number(year)) ? Number(year) : undefined);

  let page: InitiativeListPage | null = null;
  let errors: Record<string, string> = {};
  try {
    page = await listInitiativePage(viewer, { ...values, year, limit: PAGE_SIZE });
  } catch (error) {
    // A hand-edited or outdated link: the form says what is wrong next to the filter.
    if (!(error instanceof DomainError) || error.code !== "invalid") throw error;
    errors = error.fields ?? {};
  }
  const message = (field: string) => {
    const key = errors[field];
    if (!key) return null;
    return t.has(`errors.${key}`) ? t(`errors.${key}`) : t("errors.summary");
  };
  const invalidLabel = (value: string) => t("filters.invalidValue", { value });
  const here: Record<string, string | undefined> = values;
  const moreOpen = MORE.some((k) => values[k] !== undefined);
  const departmentsByCode = new Map(choices.departments.map((d) => [d.code, d]));
  const themesByDepartment = new Map<string, Option[]>();
  for (const theme of choices.themes) {
    const options = themesByDepartment.get(theme.departmentCode) ?? [];
    options.push({ value: theme.code, label: `${theme.code} ${readable(theme.title, locale)}` });
    themesByDepartment.set(theme.departmentCode, options);
  }
  const themeGroups = [...themesByDepartment].map(([code, options]) => {
    const department = departmentsByCode.get(code);
    return { label: department ? departmentName(department, locale) : code, options };
  });

  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">{t("initiatives.title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("initiatives.intro")}</p>
      </div>

      <FilterForm
        key={JSON.stringify(values)}
        action="/initiatives"
        legend={t("filters.legend")}
        applyLabel={t("filters.apply")}
        clearLabel={t("filters.clear")}
        testId="initiative-filters"
      >
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          <TextField
            name="q"
            type="search"
            label={t("filters.q")}
            value={values.q}
            hint={t("filters.qInitiativesHint")}
            error={message("q")}
            className="sm:col-span-2 lg:col-span-3"
          />
          <SelectField
            name="year"
            label={t("filters.year")}
            value={year}
            anyLabel={t("filters.any")}
            options={choices.years.map((y) => ({ value: String(y), label: String(y) }))}
            invalidLabel={invalidLabel}
            error={message("year")}
          />
          <SelectField
            name="department"
            label={t("filters.department")}
            value={values.department}
            anyLabel={t("filters.any")}
            options={choices.departments.map((d) => ({ value: d.code, label: `${departmentName(d, locale)} (${d.code})` }))}
            invalidLabel={invalidLabel}
            error={message("department")}
          />
          <SelectField
            name="health"
            label={t("filters.health")}
            value={values.health}
            anyLabel={t("filters.any")}
            options={(["ON_TRACK", "AT_RISK", "OFF_TRACK", "DONE", "NONE"] as const).map((h) => ({ value: h, label: th(h) }))}
            invalidLabel={invalidLabel}
            error={message("health")}
          />
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
            <SelectField
              name="theme"
              label={t("filters.theme")}
              value={values.theme}
              anyLabel={t("filters.any")}
              options={[]}
              groups={themeGroups}
              invalidLabel={invalidLabel}
              error={message("theme")}
            />
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
      </FilterForm>

      {unknown.length > 0 && (
        <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="unknown-params">
          {t("errors.unknown", { names: unknown.join(", ") })}
        </p>
      )}

      {!page ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="list-invalid">
          {errors.page || errors.cursor ? (
            <>
              {message("page") ?? message("cursor")}{" "}
              <Link href={listHref("/initiatives", here, { page: undefined })} className="font-medium underline">
                {t("updates.first")}
              </Link>
            </>
          ) : (
            t("errors.summary")
          )}
        </p>
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
            <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="page-out-of-range">
              {t("errors.page.invalid")}{" "}
              <Link href={listHref("/initiatives", here, { page: undefined })} className="font-medium underline">
                {t("updates.first")}
              </Link>
            </p>
          ) : page.items.length === 0 ? (
            <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center" data-testid="list-empty">
              <p className="font-medium">{t("initiatives.empty")}</p>
              <p className="mt-1 text-sm text-slate-600">
                {t("initiatives.emptyHint")}{" "}
                <Link href="/initiatives" className="text-brand-700 underline underline-offset-2">
                  {t("filters.clear")}
                </Link>
              </p>
            </div>
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
