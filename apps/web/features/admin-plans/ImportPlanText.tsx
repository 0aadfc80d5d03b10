"use client";

import type { PlanTextPreview, PreviewItem, PreviewPlan, TextProblem } from "@workplan/core/operations/import-plan-text";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useReducer, useState } from "react";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { Field, inputClass } from "@/components/Field";
import { TableFrame, Th, theadClass } from "@/components/Table";
import { useActionForm } from "@/lib/use-action-form";
import { useHydrated } from "@/lib/use-hydrated";
import { commitPlanTextAction, previewPlanTextAction, type DepartmentChoice, type ImportResult, type ItemRow, type ThemeRow } from "./actions";
import { errorProps, FieldError, useErrorText, type Errors } from "./form-kit";

const NEW = "__new";

type NewDepartment = { code: string; nameZhHans: string; nameZhHant: string; nameEn: string };
const EMPTY_DEPARTMENT: NewDepartment = { code: "", nameZhHans: "", nameZhHant: "", nameEn: "" };

function rowsOf(preview: PlanTextPreview) {
  const items: Record<string, ItemRow> = {};
  const themes: Record<string, ThemeRow> = {};
  const add = (item: PreviewItem) => {
    items[item.key] = {
      title: item.title,
      targetValue: item.target ? String(item.target.value) : "",
      targetUnit: item.target?.unit ?? "",
      targetApproximate: item.target?.approximate ?? false,
      dueDate: item.dueDate,
      drop: false,
    };
  };
  for (const plan of preview.plans) {
    plan.items.forEach(add);
    for (const theme of plan.themes) {
      themes[theme.key] = { title: theme.title, drop: false };
      theme.items.forEach(add);
    }
  }
  return { items, themes };
}

/** The preview being checked: what it was made from, and the admin's corrections of its rows. */
interface Draft {
  preview: PlanTextPreview;
  text: string;
  items: Record<string, ItemRow>;
  themes: Record<string, ThemeRow>;
  skipRecord: boolean;
}

type DraftChange =
  | { type: "previewed"; preview: PlanTextPreview; text: string }
  | { type: "discarded" }
  | { type: "item"; key: string; row: Partial<ItemRow> }
  | { type: "theme"; key: string; row: ThemeRow }
  | { type: "skipRecord"; skip: boolean };

function changeDraft(draft: Draft | null, change: DraftChange): Draft | null {
  if (change.type === "previewed") return { preview: change.preview, text: change.text, ...rowsOf(change.preview), skipRecord: false };
  if (change.type === "discarded" || !draft) return null;
  if (change.type === "skipRecord") return { ...draft, skipRecord: change.skip };
  if (change.type === "theme") return { ...draft, themes: { ...draft.themes, [change.key]: change.row } };
  const current = draft.items[change.key];
  return current ? { ...draft, items: { ...draft.items, [change.key]: { ...current, ...change.row } } } : draft;
}

/**
 * Load a whole plan from a department's report text: pick the department (or make one), paste the
 * text, check and correct what the parser proposes, then commit. Nothing is written before the commit.
 */
export function ImportPlanText({ departments }: { departments: { id: string; code: string; label: string }[] }) {
  const t = useTranslations("adminPlans.import");
  const tp = useTranslations("adminPlans");
  const td = useTranslations("adminDepartments");
  const tErr = useTranslations("adminPlans.errors");
  const errorText = useErrorText();
  const departmentError = useErrorText("adminDepartments");
  // What is typed: the department (an existing one, or a new one's code and names) and the text.
  const [choice, setChoice] = useState("");
  const [newDepartment, setNewDepartment] = useState<NewDepartment>(EMPTY_DEPARTMENT);
  const [text, setText] = useState("");
  const [draft, dispatch] = useReducer(changeDraft, null);
  const preview = draft?.preview ?? null;
  // Usable once hydrated: what is typed earlier would be lost (see useHydrated).
  const hydrated = useHydrated();

  const department = (): DepartmentChoice => (choice === NEW ? { kind: "new", ...newDepartment } : { kind: "existing", departmentId: choice });
  const code = choice === NEW ? newDepartment.code.trim() || "…" : (departments.find((d) => d.id === choice)?.code ?? "…");

  // Preview and commit share one pending state and one answer: a refusal of either is shown the same way.
  const { pending, result, errors: refused, submit, submitWith } = useActionForm<ImportResult>(
    () => previewPlanTextAction({ text, department: department() }),
    {
      onResult: (answer) => {
        if (answer.status === "preview") dispatch({ type: "previewed", preview: answer.preview, text });
        else dispatch({ type: "discarded" });
      },
    },
  );
  // The rows' problems the parser found come with the preview; a refusal's come with the refusal.
  const errors: Errors = result?.status === "preview" ? (result.preview.problems ?? {}) : refused;
  const textProblem: TextProblem | null = result?.status === "invalid" ? result.text : null;

  function commit() {
    if (!draft) return;
    const corrections = { items: draft.items, themes: draft.themes, skipRecord: draft.skipRecord };
    submitWith(
      () => commitPlanTextAction({ text: draft.text, department: department(), corrections }),
      (answer) => {
        // A refused commit keeps the preview and its corrections, to be put right and sent again.
        if (answer.status !== "committed") return;
        dispatch({ type: "discarded" });
        setText("");
        setNewDepartment(EMPTY_DEPARTMENT);
        setChoice("");
      },
    );
  }

  const textMessage = (() => {
    if (textProblem) {
      const key = `parse.${textProblem.problem}`;
      const body = tErr.has(key) ? tErr(key, textProblem.params) : tErr("parse.noPlan");
      return textProblem.line === null ? body : t("line", { line: textProblem.line, message: body });
    }
    return errors.text ? errorText(errors.text) : null;
  })();

  const formError = (() => {
    if (result?.status === "signed-out") return tp("errors.form.signedOut");
    if (result?.status === "error") return tp("errors.form.failed");
    if (result?.status === "exists") return t("exists", { years: result.years.join("、") });
    if (errors.form) return errorText(errors.form);
    if (errors.code === "code.clash") return errorText("code.clash");
    if (result?.status === "invalid" && Object.keys(errors).some((k) => k.startsWith("item:") || k.startsWith("theme:"))) return t("rowsHaveProblems");
    return null;
  })();

  const newField = (name: keyof NewDepartment, lang?: string) => {
    const id = `import-${name}`;
    // A clash of the code is the whole form's message, not this field's.
    const message = departmentError(errors[name] === "code.clash" ? undefined : errors[name]);
    return (
      <Field id={id} label={td(`fields.${name}`)} error={message} errorTestId={`error-${id}`}>
        {(control) => (
          <input
            {...control}
            value={newDepartment[name]}
            lang={lang}
            maxLength={name === "code" ? 12 : 100}
            autoComplete="off"
            onChange={(e) => setNewDepartment((d) => ({ ...d, [name]: name === "code" ? e.target.value.toUpperCase() : e.target.value }))}
            className={`${inputClass} ${name === "code" ? "font-mono" : ""}`}
          />
        )}
      </Field>
    );
  };

  return (
    <div className="space-y-6">
      {result?.status === "committed" && (
        <Alert kind="ok" panel testId="import-committed">
          <p className="font-medium text-emerald-900">{t("committed", { code: result.departmentCode, year: result.year ?? "" })}</p>
          <div className="mt-2 flex flex-wrap gap-4 text-sm">
            {result.year !== null && (
              <Link href={`/plan?year=${result.year}&department=${result.departmentCode}`} className="font-medium text-emerald-900 underline">
                {t("viewPlan")}
              </Link>
            )}
            {result.planId && (
              <Link href={`/admin/plans/${result.planId}`} className="font-medium text-emerald-900 underline">
                {t("managePlan")}
              </Link>
            )}
          </div>
        </Alert>
      )}

      <form onSubmit={submit} method="post" noValidate className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="import-form">
        <fieldset disabled={!hydrated} className="m-0 min-w-0 space-y-5 border-0 p-0">
          <Field id="import-department" className="max-w-md" label={t("department")} error={errorText(errors.departmentId)} errorTestId="error-import-department">
            {(control) => (
              <select {...control} value={choice} onChange={(e) => setChoice(e.target.value)} className={inputClass}>
                <option value="">{t("chooseDepartment")}</option>
                {departments.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.label}
                  </option>
                ))}
                <option value={NEW}>{t("newDepartment")}</option>
              </select>
            )}
          </Field>
          {choice === NEW && (
            <fieldset className="grid gap-4 rounded-md border border-slate-200 p-4 sm:grid-cols-2 lg:grid-cols-4">
              <legend className="px-1 text-sm font-medium">{t("newDepartmentLegend")}</legend>
              {newField("code")}
              {newField("nameZhHans", "zh-Hans")}
              {newField("nameZhHant", "zh-Hant")}
              {newField("nameEn", "en")}
            </fieldset>
          )}
          <Field
            id="import-text"
            label={t("text")}
            hint={t("textHint")}
            hintPlacement="above"
            hintClassName="text-xs text-slate-600"
            error={textMessage}
            errorTestId="import-text-error"
            errorRole="alert"
          >
            {(control) => (
              <textarea
                {...control}
                rows={12}
                lang="zh-Hant"
                value={text}
                onChange={(e) => {
                  setText(e.target.value);
                  // A preview is of the text it was made from: a changed text needs a new one.
                  if (draft && e.target.value !== draft.text) dispatch({ type: "discarded" });
                }}
                className={`${inputClass} font-mono text-sm`}
              />
            )}
          </Field>
          {!preview && formError && (
            <Alert kind="error" testId="import-error">
              {formError}
            </Alert>
          )}
          <Button type="submit" disabled={pending}>
            {pending && !preview ? t("previewing") : t("preview")}
          </Button>
        </fieldset>
      </form>

      {draft && preview && (
        <section aria-labelledby="import-preview" className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="import-preview">
          <div>
            <h2 id="import-preview" className="text-lg font-semibold">
              {t("previewTitle")}
            </h2>
            <p className="mt-1 text-sm text-slate-600">{t("previewIntro", { department: preview.departmentName })}</p>
          </div>
          {preview.nameMismatch && <Alert kind="error">{t("nameMismatch", { department: preview.departmentName })}</Alert>}
          {preview.existingYears.length > 0 && <Alert kind="error">{t("exists", { years: preview.existingYears.join("、") })}</Alert>}
          {preview.plans.map((plan) => (
            <PlanPreview
              key={plan.year}
              plan={plan}
              code={code}
              items={draft.items}
              themes={draft.themes}
              errors={errors}
              skipped={plan.kind === "record" && draft.skipRecord}
              onSkip={plan.kind === "record" ? (skip) => dispatch({ type: "skipRecord", skip }) : undefined}
              setItem={(key, row) => dispatch({ type: "item", key, row })}
              setTheme={(key, row) => dispatch({ type: "theme", key, row })}
            />
          ))}
          {formError && (
            <Alert kind="error" testId="import-error">
              {formError}
            </Alert>
          )}
          <Button onClick={commit} disabled={pending} data-testid="import-commit">
            {pending ? t("committing") : t("commit")}
          </Button>
        </section>
      )}
    </div>
  );
}

/** A field in a row of the preview: smaller than a form's. */
const cellInput = "block w-full rounded border border-slate-300 px-2 py-1 text-sm disabled:bg-slate-100 aria-[invalid=true]:border-red-600";

function PlanPreview({
  plan,
  code,
  items,
  themes,
  errors,
  skipped,
  onSkip,
  setItem,
  setTheme,
}: {
  plan: PreviewPlan;
  code: string;
  items: Record<string, ItemRow>;
  themes: Record<string, ThemeRow>;
  errors: Errors;
  skipped: boolean;
  onSkip?: (skip: boolean) => void;
  setItem: (key: string, row: Partial<ItemRow>) => void;
  setTheme: (key: string, row: ThemeRow) => void;
}) {
  const t = useTranslations("adminPlans.import");
  const errorText = useErrorText();
  const headingId = `preview-${plan.year}`;
  const colSpan = 6;

  const itemRow = (item: PreviewItem, disabled: boolean) => {
    const row = items[item.key];
    if (!row) return null;
    const itemCode = `${code}-${item.key}`;
    const off = disabled || row.drop;
    const cellError = (field: string) => errors[`item:${item.key}:${field}`];
    const inputProps = (field: string, label: string) => {
      const id = `item-${item.key}-${field}`;
      return {
        id,
        "aria-label": `${label} ${itemCode}`,
        disabled: off,
        ...errorProps(errors, `item:${item.key}:${field}`, id),
      };
    };
    return (
      <tr key={item.key} className={off ? "bg-slate-50 text-slate-500" : ""} data-testid={`preview-row-${item.key}`}>
        <td className="px-2 py-2 align-top">
          <input
            type="checkbox"
            className="h-4 w-4"
            checked={!row.drop}
            disabled={disabled}
            aria-label={`${t("columns.include")} ${itemCode}`}
            onChange={(e) => setItem(item.key, { drop: !e.target.checked })}
          />
        </td>
        <td className="whitespace-nowrap px-2 py-2 align-top font-mono text-xs">{itemCode}</td>
        <td className="min-w-56 px-2 py-2 align-top">
          <textarea
            rows={2}
            value={row.title}
            maxLength={500}
            lang="zh-Hant"
            onChange={(e) => setItem(item.key, { title: e.target.value })}
            className={`${cellInput} resize-y`}
            {...inputProps("title", t("columns.title"))}
          />
          <FieldError id={`item-${item.key}-title`} text={errorText(cellError("title"))} />
        </td>
        <td className="min-w-64 px-2 py-2 align-top text-xs leading-5" lang="zh-Hant">
          <details>
            <summary className="line-clamp-2 cursor-pointer">{item.originalText}</summary>
            <p className="mt-1 whitespace-pre-wrap">{item.originalText}</p>
          </details>
        </td>
        <td className="min-w-44 px-2 py-2 align-top">
          <div className="flex gap-1">
            <input value={row.targetValue} inputMode="decimal" onChange={(e) => setItem(item.key, { targetValue: e.target.value })} className={`${cellInput} w-20`} {...inputProps("targetValue", t("columns.targetValue"))} />
            <input value={row.targetUnit} maxLength={20} onChange={(e) => setItem(item.key, { targetUnit: e.target.value })} className={`${cellInput} w-16`} {...inputProps("targetUnit", t("columns.targetUnit"))} />
          </div>
          <label className="mt-1 flex items-center gap-1 text-xs">
            <input type="checkbox" checked={row.targetApproximate} disabled={off} onChange={(e) => setItem(item.key, { targetApproximate: e.target.checked })} />
            {t("approximate")}
          </label>
          <FieldError id={`item-${item.key}-targetValue`} text={errorText(cellError("targetValue"))} />
          <FieldError id={`item-${item.key}-targetUnit`} text={errorText(cellError("targetUnit"))} />
        </td>
        <td className="px-2 py-2 align-top">
          <input type="date" value={row.dueDate} onChange={(e) => setItem(item.key, { dueDate: e.target.value })} className={cellInput} {...inputProps("dueDate", t("columns.dueDate"))} />
          <FieldError id={`item-${item.key}-dueDate`} text={errorText(cellError("dueDate"))} />
        </td>
      </tr>
    );
  };

  return (
    <div className="space-y-2" data-testid={`preview-plan-${plan.year}`}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h3 id={headingId} className="font-semibold">
          {plan.kind === "record" ? t("recordHeading", { year: plan.year }) : t("planHeading", { year: plan.year })}{" "}
          <span className="font-normal text-slate-600" lang="zh-Hant">
            {plan.heading}
          </span>
        </h3>
        {onSkip && (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" className="h-4 w-4" checked={!skipped} onChange={(e) => onSkip(!e.target.checked)} />
            {t("includeRecord", { year: plan.year })}
          </label>
        )}
      </div>
      <TableFrame labelledBy={headingId} boxed tableClassName="divide-y divide-slate-200">
        <thead className={theadClass(true)}>
          <tr>
            <Th>{t("columns.include")}</Th>
            <Th>{t("columns.code")}</Th>
            <Th>{t("columns.title")}</Th>
            <Th>{t("columns.original")}</Th>
            <Th>{t("columns.target")}</Th>
            <Th>{t("columns.dueDate")}</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {plan.items.map((item) => itemRow(item, skipped))}
          {plan.themes.map((theme) => {
            const row = themes[theme.key] ?? { title: theme.title, drop: false };
            const themeCode = `${code}-${theme.key}`;
            const id = `theme-${theme.key}-title`;
            const themeOff = skipped || row.drop;
            return [
              <tr key={theme.key} className="bg-slate-100" data-testid={`preview-theme-${theme.key}`}>
                <td className="px-2 py-2 align-top">
                  <input
                    type="checkbox"
                    className="h-4 w-4"
                    checked={!row.drop}
                    disabled={skipped}
                    aria-label={`${t("columns.include")} ${themeCode}`}
                    onChange={(e) => setTheme(theme.key, { ...row, drop: !e.target.checked })}
                  />
                </td>
                <td className="whitespace-nowrap px-2 py-2 align-top font-mono text-xs font-semibold">{themeCode}</td>
                <td colSpan={colSpan - 2} className="px-2 py-2 align-top">
                  <input
                    id={id}
                    value={row.title}
                    lang="zh-Hant"
                    maxLength={500}
                    disabled={themeOff}
                    aria-label={`${t("themeTitle")} ${themeCode}`}
                    onChange={(e) => setTheme(theme.key, { ...row, title: e.target.value })}
                    className={`${cellInput} font-semibold`}
                    {...errorProps(errors, `theme:${theme.key}:title`, id)}
                  />
                  <FieldError id={id} text={errorText(errors[`theme:${theme.key}:title`])} />
                </td>
              </tr>,
              ...theme.items.map((item) => itemRow(item, themeOff)),
            ];
          })}
        </tbody>
      </TableFrame>
    </div>
  );
}
