"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { useHydrated } from "@/lib/use-hydrated";
import { revokeTokenAction, type RevokeTokenState } from "./actions";

/** Revoking cannot be undone, so it asks once more before it acts. */
export function RevokeTokenButton({ id, name }: { id: string; name: string }) {
  const t = useTranslations("settings");
  const [confirming, setConfirming] = useState(false);
  const [state, action, pending] = useActionState<RevokeTokenState, FormData>(revokeTokenAction, { status: "idle" });
  // A click before hydration would do nothing: the button waits for the script (see useHydrated).
  const hydrated = useHydrated();

  if (!confirming) {
    return (
      <button
        type="button"
        onClick={() => setConfirming(true)}
        disabled={!hydrated}
        className="rounded-md border border-red-300 px-3 py-1 text-sm text-red-800 hover:bg-red-50"
      >
        {t("revoke")}
        <span className="sr-only"> {name}</span>
      </button>
    );
  }
  return (
    <form action={action} className="flex flex-wrap items-center justify-end gap-2">
      <input type="hidden" name="id" value={id} />
      <span className="text-sm text-slate-700">{t("revokeConfirm")}</span>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-red-700 px-3 py-1 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60"
      >
        {t("revokeYes")}
        <span className="sr-only"> {name}</span>
      </button>
      <button type="button" onClick={() => setConfirming(false)} className="rounded-md px-2 py-1 text-sm text-slate-700 hover:bg-slate-100">
        {t("cancel")}
      </button>
      {(state.status === "error" || state.status === "signed-out") && (
        <span className="w-full text-right text-sm text-red-700" aria-live="assertive">
          {state.status === "signed-out" ? t("errors.signedOut") : t("errors.failed")}
        </span>
      )}
    </form>
  );
}
