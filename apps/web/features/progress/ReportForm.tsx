"use client";

import { HEALTHS, type Health } from "@workplan/core/rules/health";
import { expectedProgress, periodOf, suggestHealth } from "@workplan/core/rules/pace";
import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { fieldErrorClass, fieldLabelClass, inputClass } from "@/components/Field";
import { useActionForm } from "@/lib/use-action-form";
import { useHydrated } from "@/lib/use-hydrated";
import { submitProgress } from "./actions";

type Fields = {
  period: string;
  progress: string;
  health: Health | "";
  healthReason: string;
  workDone: string;
  problems: string;
  nextSteps: string;
  measuredValue: string;
  links: string;
};

const EMPTY: Fields = {
  period: "",
  progress: "",
  health: "",
  healthReason: "",
  workDone: "",
  problems: "",
  nextSteps: "",
  measuredValue: "",
  links: "",
};

interface Props {
  initiativeId: string;
  version: number;
  planYear: number;
  dueDate: string;
  currentProgress: number;
  /** e.g. "约 3 家"; null when the initiative has no quantitative target */
  targetLabel: string | null;
  /** Revising a returned update: its content pre-fills the form, and the new update links to it. */
  revision?: { updateId: string; fields: Omit<Fields, "links"> } | null;
  /** The plan calendar's now (ISO) when the demo pins it, for the default month and the suggested health; else the browser's clock. */
  today?: string;
}

const draftKey = (id: string) => `workplan:draft:${id}`;

function subscribeToStorage(onChange: () => void) {
  window.addEventListener("storage", onChange);
  return () => window.removeEventListener("storage", onChange);
}

function newKey() {
  return typeof crypto !== "undefined" && "randomUUID" in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export function ReportForm({ initiativeId, version, planYear, dueDate, currentProgress, targetLabel, revision = null, today }: Props) {
  const t = useTranslations("report");
  const th = useTranslations("health");
  const tAuth = useTranslations("signIn");
  const format = useFormatter();
  const router = useRouter();
  const [fields, setFields] = useState<Fields>(
    revision ? { ...EMPTY, ...revision.fields } : { ...EMPTY, period: periodOf(today ? new Date(today) : new Date()), progress: String(currentProgress) },
  );
  const [revisionOf, setRevisionOf] = useState(revision?.updateId ?? null);
  const [healthTouched, setHealthTouched] = useState(revision !== null);
  const [baseVersion, setBaseVersion] = useState(version);
  const [idempotencyKey, setIdempotencyKey] = useState(newKey);
  const [draftHandled, setDraftHandled] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const [dirty, setDirty] = useState(false);

  // A draft left by an expired session or a closed tab is offered back (read from this browser's
  // storage after hydration; the server renders without it).
  const hydrated = useHydrated();
  const stored = useSyncExternalStore(
    subscribeToStorage,
    () => window.localStorage.getItem(draftKey(initiativeId)),
    () => null,
  );
  const draft = useMemo(() => {
    if (!stored || draftHandled || dirty) return null;
    try {
      return JSON.parse(stored) as { fields: Fields; savedAt: string };
    } catch {
      return null;
    }
  }, [stored, draftHandled, dirty]);

  useEffect(() => {
    if (!dirty) return;
    const timer = window.setTimeout(() => {
      window.localStorage.setItem(draftKey(initiativeId), JSON.stringify({ fields, savedAt: new Date().toISOString() }));
    }, 400);
    return () => window.clearTimeout(timer);
  }, [fields, initiativeId, dirty]);

  const now = useMemo(() => (today ? new Date(today) : new Date()), [today]);
  const progressNumber = Number(fields.progress);
  const start = new Date(Date.UTC(planYear, 0, 1));
  const due = new Date(dueDate);
  const suggested: Health | null =
    fields.progress !== "" && Number.isFinite(progressNumber) ? suggestHealth({ progress: progressNumber, now, start, due }) : null;
  const health: Health | "" = healthTouched ? fields.health : (suggested ?? "");
  const needsReason = suggested !== null && health !== "" && health !== suggested;

  function set<K extends keyof Fields>(name: K, value: Fields[K]) {
    setDirty(true);
    setFields((f) => ({ ...f, [name]: value }));
  }

  const { pending, result, errors, submit, setResult } = useActionForm(
    (data) => {
      const form = data ?? new FormData();
      form.set("health", health);
      form.set("baseVersion", String(baseVersion));
      form.set("idempotencyKey", idempotencyKey);
      if (revisionOf) form.set("revisionOf", revisionOf);
      return submitProgress(initiativeId, form);
    },
    {
      onResult: (outcome) => {
        if (outcome.status === "saved") {
          window.localStorage.removeItem(draftKey(initiativeId));
          setDirty(false);
          setFields({ ...EMPTY, period: fields.period, progress: fields.progress });
          setHealthTouched(false);
          setRevisionOf(null);
          if (fileInput.current) fileInput.current.value = "";
          setIdempotencyKey(newKey());
          if (outcome.version !== undefined) setBaseVersion(outcome.version);
          router.refresh();
        } else if (outcome.status === "conflict") {
          router.refresh();
        }
        // Refused, signed out or unavailable: what was typed and its draft stay.
      },
    },
  );

  function send(event: React.FormEvent<HTMLFormElement>) {
    // Keep what is being sent as a draft right away (not only after the typing pause): if the
    // session has ended or the network drops, the text is still here after signing in again.
    if (dirty) window.localStorage.setItem(draftKey(initiativeId), JSON.stringify({ fields, savedAt: new Date().toISOString() }));
    submit(event);
  }

  function message(field: string): string | null {
    const key = errors[field];
    if (!key) return null;
    const path = key.includes(".") ? key : `${field}.${key}`;
    if (t.has(`errors.${path}`)) return t(`errors.${path}`);
    return path.endsWith(".control") ? t("errors.control") : t("errorSummary");
  }

  const errorProps = (field: string) =>
    errors[field]
      ? { "aria-invalid": true as const, "aria-describedby": `${field}-error` }
      : { "aria-invalid": false as const };
  const fieldError = (field: string) => {
    const text = message(field);
    return text ? (
      <p id={`${field}-error`} className={fieldErrorClass} data-testid={`error-${field}`}>
        {text}
      </p>
    ) : null;
  };

  return (
    <form id="report" onSubmit={send} method="post" noValidate data-testid="report-form" encType="multipart/form-data">
      {/* Usable once the page is hydrated: text typed earlier would be reset by hydration (a
          revision's pre-filled text, say, would be submitted instead of what was typed). */}
      <fieldset disabled={!hydrated} className="m-0 min-w-0 space-y-5 border-0 p-0">
      {draft && (
        <div className="flex flex-wrap items-center gap-3 rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900" data-testid="draft-offer">
          <span>{t("draftFound", { time: format.dateTime(new Date(draft.savedAt), { dateStyle: "medium", timeStyle: "short" }) })}</span>
          <Button
            size="sm"
            onClick={() => {
              setFields(draft.fields);
              setHealthTouched(draft.fields.health !== "");
              setDraftHandled(true);
            }}
          >
            {t("draftRestore")}
          </Button>
          <Button
            variant="ghost"
            size="sm"
            onClick={() => {
              window.localStorage.removeItem(draftKey(initiativeId));
              setDraftHandled(true);
            }}
          >
            {t("draftDiscard")}
          </Button>
        </div>
      )}

      {result?.status === "saved" && (
        <Alert kind="ok" role={null} testId="report-saved">
          {t("saved")}
        </Alert>
      )}
      {result?.status === "invalid" && (
        <Alert kind="error" role={null} testId="report-error">
          {errors.form ? message("form") : t("errorSummary")}
        </Alert>
      )}
      {(result?.status === "error" || result?.status === "signed-out") && (
        <Alert kind="error" role={null} testId="report-error">
          {result.status === "signed-out" ? (
            <>
              {t("signedOut")}{" "}
              <a href="/sign-in" target="_blank" rel="noopener" className="font-medium underline">
                {tAuth("title")}
              </a>
            </>
          ) : (
            t("unavailable")
          )}
        </Alert>
      )}
      {result?.status === "conflict" && (
        <Alert kind="warn" panel role={null} className="text-sm text-amber-950" testId="report-conflict">
          <p className="font-semibold">{t("conflictTitle")}</p>
          <p className="mt-1">{t("conflictBody")}</p>
          <Button
            size="sm"
            className="mt-2"
            onClick={() => {
              setBaseVersion(result.currentVersion);
              setResult(null);
            }}
          >
            {t("conflictRetry")}
          </Button>
        </Alert>
      )}

      <div className="grid gap-4 sm:grid-cols-3">
        <div>
          <label htmlFor="period" className={fieldLabelClass}>{t("period")}</label>
          <input id="period" name="period" type="month" value={fields.period} onChange={(e) => set("period", e.target.value)} className={inputClass} {...errorProps("period")} />
          {fieldError("period")}
        </div>
        <div>
          <label htmlFor="progress" className={fieldLabelClass}>{t("progress")}</label>
          <input id="progress" name="progress" inputMode="numeric" value={fields.progress} onChange={(e) => set("progress", e.target.value)} className={inputClass} {...errorProps("progress")} />
          {fieldError("progress")}
        </div>
        <div>
          <label htmlFor="health" className={fieldLabelClass}>{t("health")}</label>
          <select
            id="health"
            value={health}
            onChange={(e) => {
              setHealthTouched(true);
              set("health", e.target.value as Health | "");
            }}
            className={inputClass}
            {...errorProps("health")}
          >
            <option value="">{t("healthOptions")}</option>
            {HEALTHS.map((h) => (
              <option key={h} value={h}>{th(h)}</option>
            ))}
          </select>
          {fieldError("health")}
        </div>
      </div>
      {suggested && (
        <p className="-mt-2 text-sm text-slate-600" data-testid="suggested-health">
          {t("suggested", { health: th(suggested), expected: expectedProgress(now, start, due) })}
        </p>
      )}
      {(needsReason || errors.healthReason) && (
        <div>
          <label htmlFor="healthReason" className={fieldLabelClass}>{t("healthReason")}</label>
          <input id="healthReason" name="healthReason" value={fields.healthReason} onChange={(e) => set("healthReason", e.target.value)} placeholder={t("healthReasonHint")} maxLength={200} className={inputClass} {...errorProps("healthReason")} />
          {fieldError("healthReason")}
        </div>
      )}
      <div>
        <label htmlFor="workDone" className={fieldLabelClass}>{t("workDone")}</label>
        <textarea id="workDone" name="workDone" rows={4} value={fields.workDone} onChange={(e) => set("workDone", e.target.value)} placeholder={t("workDoneHint")} className={inputClass} {...errorProps("workDone")} />
        {fieldError("workDone")}
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <div>
          <label htmlFor="problems" className={fieldLabelClass}>{t("problems")}</label>
          <textarea id="problems" name="problems" rows={3} value={fields.problems} onChange={(e) => set("problems", e.target.value)} className={inputClass} {...errorProps("problems")} />
          {fieldError("problems")}
        </div>
        <div>
          <label htmlFor="nextSteps" className={fieldLabelClass}>{t("nextSteps")}</label>
          <textarea id="nextSteps" name="nextSteps" rows={3} value={fields.nextSteps} onChange={(e) => set("nextSteps", e.target.value)} className={inputClass} {...errorProps("nextSteps")} />
          {fieldError("nextSteps")}
        </div>
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        {targetLabel && (
          <div>
            <label htmlFor="measuredValue" className={fieldLabelClass}>{t("measuredValue", { target: targetLabel })}</label>
            <input id="measuredValue" name="measuredValue" inputMode="decimal" value={fields.measuredValue} onChange={(e) => set("measuredValue", e.target.value)} className={inputClass} {...errorProps("measuredValue")} />
            {fieldError("measuredValue")}
          </div>
        )}
        <div>
          <label htmlFor="links" className={fieldLabelClass}>{t("links")}</label>
          <textarea id="links" name="links" rows={2} value={fields.links} onChange={(e) => set("links", e.target.value)} className={inputClass} {...errorProps("links")} />
          {fieldError("links")}
        </div>
      </div>
      <div>
        <label htmlFor="files" className={fieldLabelClass}>{t("files")}</label>
        <input
          ref={fileInput}
          id="files"
          name="files"
          type="file"
          multiple
          accept=".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,image/png,image/jpeg,image/gif,image/webp"
          className="mt-1 block w-full text-sm file:mr-3 file:rounded file:border-0 file:bg-slate-200 file:px-3 file:py-1.5"
          {...errorProps("files")}
        />
        {fieldError("files")}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? t("submitting") : t("submit")}
        </Button>
        {dirty && <span className="text-xs text-slate-500">{t("draftSaved")}</span>}
      </div>
      </fieldset>
    </form>
  );
}
