"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button, buttonClass } from "@/components/Button";
import { Field, filterInputClass, type FieldControlProps } from "@/components/Field";
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
              className={filterInputClass}
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
                className={`${filterInputClass} font-mono`}
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
            <input {...props} name="from" type="date" value={values.from} onChange={(e) => set("from", e.target.value)} className={filterInputClass} />
          ))}
          {field("to", t("filters.to"), (props) => (
            <input {...props} name="to" type="date" value={values.to} onChange={(e) => set("to", e.target.value)} className={filterInputClass} />
          ))}
        </div>
        {field("objectType", t("filters.objectType"), (props) => (
          <select {...props} name="objectType" value={values.objectType} onChange={(e) => set("objectType", e.target.value)} className={filterInputClass}>
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
            className={`${filterInputClass} font-mono`}
          />
        ))}
        <div className="flex flex-wrap items-end gap-3">
          <Button type="submit" disabled={pending}>
            {t("filters.apply")}
          </Button>
          <Link href="/admin/audit" className={buttonClass("link")}>
            {t("filters.clear")}
          </Link>
        </div>
      </fieldset>
    </form>
  );
}
