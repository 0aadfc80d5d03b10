import { currentPlanYear } from "@workplan/core/rules/calendar";
import { requirePermission } from "@workplan/auth";
import { DomainError } from "@workplan/core/operations/errors";
import { listPlanYears } from "@workplan/core/operations/get-plan-overview";
import { listChoices } from "@workplan/core/operations/list-choices";
import { listUpdates, UPDATE_COUNT_CAP, type UpdateListPage } from "@workplan/core/operations/list-updates";
import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { FilterForm } from "@/features/lists/FilterForm";
import { SelectField, TextField, type Option } from "@/features/lists/fields";
import { listHref, readParams, UPDATE_PARAMS, type Search } from "@/features/lists/params";
import { UpdateList } from "@/features/lists/UpdateList";
import { departmentName, readable } from "@/lib/display";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("lists"))("updates.title") };
}

const PAGE_SIZE = 50;

export default async function UpdatesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const viewer = await requirePermission("plan.read");
  const t = await getTranslations("lists");
  const th = await getTranslations("health");
  const tt = await getTranslations("timeline");
  const locale = await getLocale();
  const format = await getFormatter();
  const { values, unknown } = readParams(UPDATE_PARAMS, await searchParams);

  // No year in the URL: the current plan year, unless the month, the theme or the initiative already say which.
  const year = values.year ?? (values.period || values.theme || values.initiative ? undefined : currentPlanYear(await listPlanYears(viewer), new Date())?.toString());
  const choices = await listChoices(viewer, Number.isInteger(Number(year)) ? Number(year) : undefined);

  let page: UpdateListPage | null = null;
  let errors: Record<string, string> = {};
  try {
    page = await listUpdates(viewer, { ...values, year, limit: PAGE_SIZE });
  } catch (error) {
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
  const count = page ? format.number(page.count) : "";

  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">{t("updates.title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("updates.intro")}</p>
      </div>

      <FilterForm
        key={JSON.stringify(values)}
        action="/updates"
        legend={t("filters.legend")}
        applyLabel={t("filters.apply")}
        clearLabel={t("filters.clear")}
        testId="update-filters"
      >
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          <TextField
            name="q"
            type="search"
            label={t("filters.q")}
            value={values.q}
            hint={t("filters.qUpdatesHint")}
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
            label={t("filters.reportingDepartment")}
            value={values.department}
            anyLabel={t("filters.any")}
            options={choices.departments.map((d) => ({ value: d.code, label: `${departmentName(d, locale)} (${d.code})` }))}
            invalidLabel={invalidLabel}
            error={message("department")}
          />
          <TextField
            name="period"
            label={t("filters.period")}
            value={values.period}
            placeholder="2018-06"
            maxLength={7}
            hint={t("filters.periodHint")}
            error={message("period")}
          />
          <SelectField
            name="review"
            label={t("filters.reviewState")}
            value={values.review}
            anyLabel={t("filters.any")}
            options={(["SUBMITTED", "APPROVED", "RETURNED"] as const).map((s) => ({ value: s, label: tt(`status.${s}`) }))}
            invalidLabel={invalidLabel}
            error={message("review")}
          />
          <SelectField
            name="health"
            label={t("filters.health")}
            value={values.health}
            anyLabel={t("filters.any")}
            options={(["ON_TRACK", "AT_RISK", "OFF_TRACK", "DONE"] as const).map((h) => ({ value: h, label: th(h) }))}
            invalidLabel={invalidLabel}
            error={message("health")}
          />
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
            <TextField
              name="initiative"
              label={t("filters.initiative")}
              value={values.initiative}
              placeholder="KJS-2018-1.1"
              maxLength={40}
              mono
              hint={t("filters.initiativeHint")}
              error={message("initiative")}
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
          {errors.cursor ? (
            <>
              {message("cursor")}{" "}
              <Link href={listHref("/updates", here, { cursor: undefined })} className="font-medium underline">
                {t("updates.first")}
              </Link>
            </>
          ) : (
            t("errors.summary")
          )}
        </p>
      ) : (
        <section aria-labelledby="updates-count" className="space-y-3">
          <p id="updates-count" className="text-sm font-medium text-slate-800" role="status" data-testid="result-count">
            {page.countCapped ? t("updates.countCapped", { count }) : t("updates.count", { count: page.count })}
            {page.countCapped && <span className="ml-2 font-normal text-slate-600">{t("updates.countHint", { count: format.number(UPDATE_COUNT_CAP) })}</span>}
          </p>
          {page.items.length === 0 ? (
            <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center" data-testid="list-empty">
              <p className="font-medium">{t("updates.empty")}</p>
              <p className="mt-1 text-sm text-slate-600">
                {t("updates.emptyHint")}{" "}
                <Link href="/updates" className="text-brand-700 underline underline-offset-2">
                  {t("filters.clear")}
                </Link>
              </p>
            </div>
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
