"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useHydrated } from "@/lib/use-hydrated";
import { signOutOthersAction, type SignOutOthersResult } from "./actions";

export function SignOutOthersButton() {
  const t = useTranslations("account");
  const router = useRouter();
  const [result, setResult] = useState<SignOutOthersResult | null>(null);
  const [pending, startTransition] = useTransition();
  // A click before hydration would do nothing: the button waits for the script (see useHydrated).
  const hydrated = useHydrated();

  function signOutOthers() {
    startTransition(async () => {
      let outcome: SignOutOthersResult;
      try {
        outcome = await signOutOthersAction();
      } catch {
        outcome = { status: "error" };
      }
      setResult(outcome);
      if (outcome.status === "done") router.refresh();
    });
  }

  return (
    <div className="flex flex-wrap items-center gap-3">
      <button
        type="button"
        onClick={signOutOthers}
        disabled={pending || !hydrated}
        className="rounded-md border border-red-300 px-3 py-2 text-sm font-medium text-red-800 hover:bg-red-50 disabled:opacity-60"
      >
        {pending ? t("sessions.signingOut") : t("sessions.signOutOthers")}
      </button>
      <span aria-live="polite" className="text-sm" data-testid="sign-out-others-result">
        {result?.status === "done" && <span className="text-emerald-800">{t("sessions.signedOutOthers", { count: result.ended })}</span>}
        {result?.status === "signed-out" && <span className="text-red-700">{t("errors.signedOut")}</span>}
        {result?.status === "error" && <span className="text-red-700">{t("errors.failed")}</span>}
      </span>
    </div>
  );
}
