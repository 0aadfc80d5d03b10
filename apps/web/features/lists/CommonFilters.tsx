import type { ListChoices } from "@workplan/core/operations/list-choices";
import { getLocale, getTranslations } from "next-intl/server";
import { SelectField, TextField, type Option } from "@/features/lists/fields";
import type { FilterText } from "@/features/lists/filter-text";
import { departmentName, readable } from "@/lib/display";

// The filters both lists (/initiatives, /updates) have: the search box, the plan year, the
// department, the health and the theme. Each list shows the ones it names, in this order, between
// its own fields.

export type CommonField = "q" | "year" | "department" | "health" | "theme";

interface Props {
  /** Which of the common fields to show (always in the order q, year, department, health, theme). */
  fields: readonly CommonField[];
  /** The filters as the URL has them. */
  values: { q?: string; department?: string; health?: string; theme?: string };
  /** The year shown: the URL's, or the list's default. */
  year: string | undefined;
  choices: ListChoices;
  text: FilterText;
  /** What the search box looks in. */
  qHint?: string;
  /** The department field's label (default: lists.filters.department). */
  departmentLabel?: string;
  /** The health states offered, in order. */
  healthStates?: readonly string[];
}

export async function CommonFilters({ fields, values, year, choices, text, qHint, departmentLabel, healthStates = [] }: Props) {
  const t = await getTranslations("lists");
  const th = await getTranslations("health");
  const locale = await getLocale();
  const show = new Set(fields);
  const { message, invalidLabel } = text;
  return (
    <>
      {show.has("q") && (
        <TextField
          name="q"
          type="search"
          label={t("filters.q")}
          value={values.q}
          hint={qHint}
          error={message("q")}
          className="sm:col-span-2 lg:col-span-3"
        />
      )}
      {show.has("year") && (
        <SelectField
          name="year"
          label={t("filters.year")}
          value={year}
          anyLabel={t("filters.any")}
          options={choices.years.map((y) => ({ value: String(y), label: String(y) }))}
          invalidLabel={invalidLabel}
          error={message("year")}
        />
      )}
      {show.has("department") && (
        <SelectField
          name="department"
          label={departmentLabel ?? t("filters.department")}
          value={values.department}
          anyLabel={t("filters.any")}
          options={choices.departments.map((d) => ({ value: d.code, label: `${departmentName(d, locale)} (${d.code})` }))}
          invalidLabel={invalidLabel}
          error={message("department")}
        />
      )}
      {show.has("health") && (
        <SelectField
          name="health"
          label={t("filters.health")}
          value={values.health}
          anyLabel={t("filters.any")}
          options={healthStates.map((h) => ({ value: h, label: th(h) }))}
          invalidLabel={invalidLabel}
          error={message("health")}
        />
      )}
      {show.has("theme") && (
        <SelectField
          name="theme"
          label={t("filters.theme")}
          value={values.theme}
          anyLabel={t("filters.any")}
          options={[]}
          groups={themeGroups(choices, locale)}
          invalidLabel={invalidLabel}
          error={message("theme")}
        />
      )}
    </>
  );
}

/** The themes grouped under their department, in the order the choices list them. */
function themeGroups(choices: ListChoices, locale: string): { label: string; options: Option[] }[] {
  const departmentsByCode = new Map(choices.departments.map((d) => [d.code, d]));
  const themesByDepartment = new Map<string, Option[]>();
  for (const theme of choices.themes) {
    const options = themesByDepartment.get(theme.departmentCode) ?? [];
    options.push({ value: theme.code, label: `${theme.code} ${readable(theme.title, locale)}` });
    themesByDepartment.set(theme.departmentCode, options);
  }
  return [...themesByDepartment].map(([code, options]) => {
    const department = departmentsByCode.get(code);
    return { label: department ? departmentName(department, locale) : code, options };
  });
}
