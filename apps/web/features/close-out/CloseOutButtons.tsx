"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { useHydrated } from "@/lib/use-hydrated";
import { submitCarryOver, submitReopen, type CloseOutResult } from "./actions";

/** `values`: what the messages of the refusals may name (the year of the plan carried into). */
function useAction(action: () => Promise<CloseOutResult>, values: Record<string, string | number> = {}) {
  const t = useTranslations("closeOut");
  const [result, setResult] = useState<CloseOutResult | null>(null);
  const [pending, startTransition] = useTransition();
  const run = () => startTransition(async () => setResult(await action().catch(() => ({ status: "error" as const }))));
  const key = result?.status === "invalid" ? (result.fields.form ?? Object.values(result.fields)[0]) : undefined;
  const error =
    result?.status === "error" || result?.status === "signed-out"
      ? t("errors.generic")
      : key
        ? t.has(`errors.${key}`)
          ? t(`errors.${key}`, values)
          : t("errors.generic")
        : undefined;
  return { run, pending, error };
}

/** 转入下一年度计划: the page then shows the link to the continuation. */
export function CarryOverButton({ initiativeId, year }: { initiativeId: string; year: number }) {
  const t = useTranslations("closeOut");
  const { run, pending, error } = useAction(() => submitCarryOver(initiativeId), { year });
  // A click before hydration would do nothing: the button waits for the script (see useHydrated).
  const hydrated = useHydrated();
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          disabled={pending || !hydrated}
          onClick={run}
          className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-60"
          data-testid="carry-over"
        >
          {pending ? t("carrying") : t("carryOver")}
        </button>
        <p className="text-sm text-slate-600">{t("carryOverHint", { year })}</p>
      </div>
      {error && (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="carry-over-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** 撤销结项: for a mistaken close, before a carry-over. Asks once more. */
export function ReopenButton({ initiativeId }: { initiativeId: string }) {
  const t = useTranslations("closeOut");
  const [confirming, setConfirming] = useState(false);
  const { run, pending, error } = useAction(() => submitReopen(initiativeId));
  // A click before hydration would do nothing: the button waits for the script (see useHydrated).
  const hydrated = useHydrated();
  return (
    <div className="space-y-2">
      {confirming ? (
        <div className="flex flex-wrap items-center gap-2">
          <p className="text-sm text-slate-700">{t("reopenConfirm")}</p>
          <button
            type="button"
            disabled={pending}
            onClick={run}
            className="rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50 disabled:opacity-60"
            data-testid="reopen-confirm"
          >
            {pending ? t("reopening") : t("reopenYes")}
          </button>
          <button
            type="button"
            disabled={pending}
            onClick={() => setConfirming(false)}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-60"
          >
            {t("cancel")}
          </button>
        </div>
      ) : (
        <button
          type="button"
          onClick={() => setConfirming(true)}
          disabled={!hydrated}
          className="text-sm text-slate-600 underline hover:text-slate-900"
          data-testid="reopen"
        >
          {t("reopen")}
        </button>
      )}
      {error && (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="reopen-error">
          {error}
        </p>
      )}
    </div>
  );
}
