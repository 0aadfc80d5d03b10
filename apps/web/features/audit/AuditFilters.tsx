"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Field, type FieldControlProps } from "@/components/Field";
import { errorMessage } from "@/lib/error-message";
import { useHydrated } from "@/lib/use-hydrated";
import { auditSearch, type AuditFilterKey, type AuditFilterValues } from "./filters";

interface Props {
  initial: AuditFilterValues;
  /** Field → message key (actor.invalid), from the listing's refusal. */
  errors: Record<string, string>;
  objectTypes: { value: string; label: string }[];
  actions: { value: string; label: string }[];
}

const input =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-sm focus:border-brand-600 focus:outline-none focus:ring-1 focus:ring-brand-600 aria-[invalid=true]:border-red-500";

/** The filters; applying them puts them in the URL (so a filtered view can be bookmarked and shared). */
export function AuditFilters({ initial, errors, objectTypes, actions }: Props) {
  const t = useTranslations("adminAudit");
  const router = useRouter();
  const [values, setValues] = useState(initial);
  const [pending, startTransition] = useTransition();
  // Usable once hydrated: what is typed earlier would be ignored when applying (see useHydrated).
  const hydrated = useHydrated();
  const set = (key: AuditFilterKey, value: string) => setValues((v) => ({ ...v, [key]: value }));


  function field(key: AuditFilterKey, label: string, control: (props: FieldControlProps) => React.ReactNode, hint?: string) {
    return (
      <Field id={`audit-${key}`} label={label} hint={hint} error={errorMessage(t, errors[key], "summary")} errorTestId={`audit-error-${key}`}>
        {control}
      </Field>
    );
  }

  return (
    <form
      role="search"
      aria-label={t("filters.legend")}
      method="get"
      action="/admin/audit"
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(() => router.push(`/admin/audit${auditSearch(values)}`));
      }}
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      data-testid="audit-filters"
    >
      <fieldset disabled={!hydrated} className="m-0 grid min-w-0 gap-3 border-0 p-0 sm:grid-cols-2 lg:grid-cols-3">
        {field(
          "actor",
          t("filters.actor"),
          (props) => (
            <input
              {...props}
              name="actor"
              type="text"
              inputMode="email"
              autoComplete="off"
              value={values.actor}
              maxLength={254}
              onChange={(e) => set("actor", e.target.value)}
              className={input}
            />
          ),
          t("filters.actorHint"),
        )}
        {field(
          "action",
          t("filters.action"),
          (props) => (
            <>
              <input
                {...props}
                name="action"
                type="text"
                list="audit-actions"
                autoComplete="off"
                value={values.action}
                maxLength={100}
                onChange={(e) => set("action", e.target.value)}
                className={`${input} font-mono`}
              />
              <datalist id="audit-actions">
                {actions.map((a) => (
                  <option key={a.value} value={a.value}>
                    {a.label}
                  </option>
                ))}
              </datalist>
            </>
          ),
          t("filters.actionHint"),
        )}
        <div className="grid grid-cols-2 gap-3">
          {field("from", t("filters.from"), (props) => (
            <input {...props} name="from" type="date" value={values.from} onChange={(e) => set("from", e.target.value)} className={input} />
          ))}
          {field("to", t("filters.to"), (props) => (
            <input {...props} name="to" type="date" value={values.to} onChange={(e) => set("to", e.target.value)} className={input} />
          ))}
        </div>
        {field("objectType", t("filters.objectType"), (props) => (
          <select {...props} name="objectType" value={values.objectType} onChange={(e) => set("objectType", e.target.value)} className={input}>
            <option value="">{t("filters.anyType")}</option>
            {objectTypes.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        ))}
        {field("objectId", t("filters.objectId"), (props) => (
          <input
            {...props}
            name="objectId"
            type="text"
            autoComplete="off"
            value={values.objectId}
            maxLength={100}
            onChange={(e) => set("objectId", e.target.value)}
            className={`${input} font-mono`}
          />
        ))}
        <div className="flex flex-wrap items-end gap-3">
          <button type="submit" disabled={pending} className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-60">
            {t("filters.apply")}
          </button>
          <Link href="/admin/audit" className="px-1 py-2 text-sm text-brand-700 underline underline-offset-2 hover:text-brand-800">
            {t("filters.clear")}
          </Link>
        </div>
      </fieldset>
    </form>
  );
}
