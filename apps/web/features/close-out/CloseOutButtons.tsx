"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { useActionForm } from "@/lib/use-action-form";
import { useHydrated } from "@/lib/use-hydrated";
import { submitCarryOver, submitReopen, type CloseOutResult } from "./actions";

/** `values`: what the messages of the refusals may name (the year of the plan carried into). */
function useCloseOutAction(action: () => Promise<CloseOutResult>, values: Record<string, string | number> = {}) {
  const t = useTranslations("closeOut");
  const { pending, result, submit } = useActionForm(() => action());
  const key = result?.status === "invalid" ? (result.fields.form ?? Object.values(result.fields)[0]) : undefined;
  const error =
    result?.status === "error" || result?.status === "signed-out"
      ? t("errors.generic")
      : key
        ? t.has(`errors.${key}`)
          ? t(`errors.${key}`, values)
          : t("errors.generic")
        : undefined;
  return { run: () => submit(), pending, error };
}

/** 转入下一年度计划: the page then shows the link to the continuation. */
export function CarryOverButton({ initiativeId, year }: { initiativeId: string; year: number }) {
  const t = useTranslations("closeOut");
  const { run, pending, error } = useCloseOutAction(() => submitCarryOver(initiativeId), { year });
  // A click before hydration would do nothing: the button waits for the script (see useHydrated).
  const hydrated = useHydrated();
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-3">
        <Button disabled={pending || !hydrated} onClick={run} data-testid="carry-over">
          {pending ? t("carrying") : t("carryOver")}
        </Button>
        <p className="text-sm text-slate-600">{t("carryOverHint", { year })}</p>
      </div>
      {error && (
        <Alert kind="warn" testId="carry-over-error">
          {error}
        </Alert>
      )}
    </div>
  );
}

/** 撤销结项: for a mistaken close, before a carry-over. Asks once more. */
export function ReopenButton({ initiativeId }: { initiativeId: string }) {
  const t = useTranslations("closeOut");
  const [confirming, setConfirming] = useState(false);
  const { run, pending, error } = useCloseOutAction(() => submitReopen(initiativeId));
  // A click before hydration would do nothing: the button waits for the script (see useHydrated).
  const hydrated = useHydrated();
  return (
    <div className="space-y-2">
      {confirming ? (
        <div className="flex flex-wrap items-center gap-2">
          <p className="text-sm text-slate-700">{t("reopenConfirm")}</p>
          <Button variant="danger" size="sm" disabled={pending} onClick={run} data-testid="reopen-confirm">
            {pending ? t("reopening") : t("reopenYes")}
          </Button>
          <Button variant="secondary" size="sm" disabled={pending} onClick={() => setConfirming(false)}>
            {t("cancel")}
          </Button>
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
        <Alert kind="warn" testId="reopen-error">
          {error}
        </Alert>
      )}
    </div>
  );
}
