"use client";

import { MAX_SPREADSHEET_BYTES, type PlanColumnKey, type SpreadsheetError } from "@workplan/core/rules/plan-spreadsheet";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useRef } from "react";
import { Alert } from "@/components/Alert";
import { Button, buttonClass } from "@/components/Button";
import { Field } from "@/components/Field";
import { TableFrame, Th, theadClass } from "@/components/Table";
import { useActionForm } from "@/lib/use-action-form";
import { useHydrated } from "@/lib/use-hydrated";
import { importPlanAction, type ImportState } from "./actions";

export function ImportForm() {
  const t = useTranslations("adminSpreadsheet");
  const input = useRef<HTMLInputElement>(null);
  const { pending, result: state, submit, setResult: setState } = useActionForm((data) => importPlanAction(data ?? new FormData()), {
    onResult: (outcome) => {
      if (outcome.status === "imported" && input.current) input.current.value = "";
    },
  });
  // Usable once hydrated: a file chosen earlier would be sent natively instead (see useHydrated).
  const hydrated = useHydrated();

  // A problem with the file itself (none chosen, too large) is shown next to the field.
  const fileError =
    state?.status === "invalid" && state.errors.length === 1 && state.errors[0]?.row === null && state.errors[0].key.startsWith("file.")
      ? state.errors[0]
      : null;

  function send(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Checked here first: no upload of a missing or too large file.
    const file = input.current?.files?.[0];
    if (!file) return setState({ status: "invalid", errors: [{ row: null, column: null, key: "file.empty" }] });
    if (file.size > MAX_SPREADSHEET_BYTES) {
      return setState({ status: "invalid", errors: [{ row: null, column: null, key: "file.tooLarge", params: { max: 5 } }] });
    }
    submit(event);
  }

  return (
    <div className="space-y-6">
      <form onSubmit={send} method="post" encType="multipart/form-data" noValidate className="max-w-3xl rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6" data-testid="import-form">
        <fieldset disabled={!hydrated} className="m-0 min-w-0 space-y-3 border-0 p-0">
          <Field
            id="plan-file"
            label={t("fileLabel")}
            hint={t("fileHint")}
            describeHintFirst
            error={fileError && <ErrorMessage error={fileError} />}
            errorTestId="file-error"
          >
            {(control) => (
              <input
                {...control}
                ref={input}
                name="file"
                type="file"
                accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                onChange={() => setState(null)}
                className="mt-1 block w-full text-sm text-slate-800 file:mr-3 file:rounded-md file:border-0 file:bg-slate-200 file:px-3 file:py-2 file:text-sm file:font-medium file:text-slate-900 hover:file:bg-slate-300"
              />
            )}
          </Field>
          <Button type="submit" disabled={pending}>
            {pending ? t("submitting") : t("submit")}
          </Button>
        </fieldset>
      </form>

      <div aria-live="polite">
        {state?.status === "imported" && <Imported state={state} />}
        {state?.status === "invalid" && !fileError && <ErrorTable errors={state.errors} />}
        {(state?.status === "error" || state?.status === "not-found" || state?.status === "signed-out") && (
          <Alert kind="error" testId="import-failed">
            {state.status === "signed-out" ? t("errors.signedOut") : t("errors.failed")}
          </Alert>
        )}
      </div>
    </div>
  );
}

/** The department's name in the interface's language (lib/display's, without its Chinese converter). */
function departmentName(d: { nameZhHans: string; nameZhHant: string; nameEn: string }, locale: string): string {
  return locale === "en" ? d.nameEn : locale === "zh-Hant" ? d.nameZhHant : d.nameZhHans;
}

function Imported({ state }: { state: Extract<ImportState, { status: "imported" }> }) {
  const t = useTranslations("adminSpreadsheet");
  const locale = useLocale();
  const years = [...new Set(state.plans.map((p) => p.year))].sort((a, b) => a - b);
  // One department's plan of a year opens that plan; several open the year's summary of departments.
  const planHref = (year: number) => {
    const codes = [...new Set(state.plans.filter((p) => p.year === year).map((p) => p.departmentCode))];
    return codes.length === 1 ? `/plan?year=${year}&department=${codes[0]}` : `/plan?year=${year}`;
  };
  return (
    <Alert kind="ok" panel="section" role={null} testId="import-done">
      <p className="font-medium text-emerald-900" data-testid="import-summary">
        {t("imported", { plans: state.counts.plans, initiatives: state.counts.initiatives })}
      </p>
      <ul className="mt-2 space-y-1 text-sm text-emerald-900">
        {state.plans.map((p) => (
          <li key={p.id}>
            {t("importedPlan", { department: departmentName(p.department, locale), year: p.year, initiatives: p.initiatives })}
          </li>
        ))}
      </ul>
      <ul className="mt-3 flex flex-wrap gap-2">
        {years.map((year) => (
          <li key={year}>
            <Link href={planHref(year)} className={buttonClass("success", "sm")}>
              {t("viewPlan", { year })}
            </Link>
          </li>
        ))}
      </ul>
    </Alert>
  );
}

function ErrorMessage({ error }: { error: SpreadsheetError }) {
  const t = useTranslations("adminSpreadsheet");
  const key = `errors.${error.key}`;
  return <>{t.has(key) ? t(key, error.params ?? {}) : t("errors.unknown")}</>;
}

function ErrorTable({ errors }: { errors: SpreadsheetError[] }) {
  const t = useTranslations("adminSpreadsheet");
  const format = useFormatter();
  const column = (key: PlanColumnKey | null, cell: string | undefined) => {
    if (key === null) return "—";
    const name = t(`columns.${key}`);
    return cell ? (
      <>
        {name} <span className="whitespace-nowrap text-slate-600">({cell})</span>
      </>
    ) : (
      name
    );
  };
  const row = (error: SpreadsheetError) => {
    if (error.row === null) return t("wholeFile");
    if (error.row === 1 && error.key.startsWith("header.")) return `${format.number(1)} · ${t("headerRow")}`;
    return format.number(error.row, { useGrouping: false });
  };
  return (
    <section className="space-y-3" data-testid="import-errors">
      <Alert kind="error" testId="import-failed" className="font-medium">
        {t("failed", { count: errors.length })}
      </Alert>
      <TableFrame label={t("errorsCaption")} boxed tableClassName="divide-y divide-slate-200">
        <caption className="sr-only">{t("errorsCaption")}</caption>
        <thead className={theadClass(true)}>
          <tr>
            <Th pad="lg">{t("row")}</Th>
            <Th pad="lg">{t("column")}</Th>
            <Th pad="lg">{t("message")}</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {errors.map((error, index) => (
            <tr key={index} data-testid="import-error">
              <td className="px-3 py-2 align-top tabular-nums whitespace-nowrap" data-testid="import-error-row">
                {row(error)}
              </td>
              <td className="px-3 py-2 align-top" data-testid="import-error-column">
                {column(error.column, error.cell)}
              </td>
              <td className="px-3 py-2 align-top text-slate-900" data-testid="import-error-message">
                <ErrorMessage error={error} />
              </td>
            </tr>
          ))}
        </tbody>
      </TableFrame>
    </section>
  );
}
