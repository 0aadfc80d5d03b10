"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/Button";
import { useActionForm } from "@/lib/use-action-form";
import { useHydrated } from "@/lib/use-hydrated";
import { clearThrottleAction, type ClearThrottleResult } from "./actions";

/** Clear one sign-in limit, after asking once more; says what happened, in the row. */
export function ClearThrottleButton({ address, email, label }: { address: string; email: string; label: string }) {
  const t = useTranslations("adminThrottles");
  const { result, pending, submitWith } = useActionForm<ClearThrottleResult>(null);
  const [asking, setAsking] = useState(false);
  // A click before hydration would do nothing: the button waits for the script (see useHydrated).
  const hydrated = useHydrated();

  let outcome: { ok: boolean; text: string } | null = null;
  if (result?.status === "done") outcome = { ok: true, text: result.cleared ? t("cleared") : t("wasCleared") };
  else if (result?.status === "invalid") outcome = { ok: false, text: t("errors.key.invalid") };
  else if (result?.status === "signed-out") outcome = { ok: false, text: t("errors.signedOut") };
  else if (result?.status === "not-found") outcome = { ok: false, text: t("errors.notFound") };
  else if (result) outcome = { ok: false, text: t("errors.failed") };

  return (
    <div className="flex flex-wrap items-center gap-2">
      {asking ? (
        <div className="flex flex-wrap items-center gap-2 rounded-md border border-red-200 bg-red-50 p-2" role="group" aria-label={label}>
          <span className="text-sm text-red-900">{t("clearConfirm")}</span>
          <Button
            variant="dangerSolid"
            size="sm"
            disabled={pending}
            data-testid="clear-throttle-yes"
            onClick={() => {
              setAsking(false);
              submitWith(() => clearThrottleAction({ address, email }));
            }}
          >
            {t("clearYes")}
          </Button>
          <Button variant="ghost" size="sm" onClick={() => setAsking(false)}>
            {t("cancel")}
          </Button>
        </div>
      ) : (
        result?.status !== "done" && (
          <Button variant="danger" size="sm" disabled={!hydrated || pending} aria-label={label} onClick={() => setAsking(true)} data-testid="clear-throttle">
            {t("clear")}
          </Button>
        )
      )}
      {outcome && (
        <p className={outcome.ok ? "text-sm font-medium text-emerald-800" : "text-sm text-red-700"} role={outcome.ok ? "status" : "alert"} data-testid="clear-throttle-result">
          {outcome.text}
        </p>
      )}
    </div>
  );
}
