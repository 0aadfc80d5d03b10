"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/Button";
import { useActionForm } from "@/lib/use-action-form";
import { useHydrated } from "@/lib/use-hydrated";
import { revokeTokenAction } from "./actions";

/** Revoking cannot be undone, so it asks once more before it acts. */
export function RevokeTokenButton({ id, name }: { id: string; name: string }) {
  const t = useTranslations("settings");
  const [confirming, setConfirming] = useState(false);
  const { pending, result, submit } = useActionForm(() => revokeTokenAction(id));
  // A click before hydration would do nothing: the button waits for the script (see useHydrated).
  const hydrated = useHydrated();

  if (!confirming) {
    return (
      <Button variant="danger" size="sm" onClick={() => setConfirming(true)} disabled={!hydrated}>
        {t("revoke")}
        <span className="sr-only"> {name}</span>
      </Button>
    );
  }
  return (
    <form onSubmit={submit} method="post" className="flex flex-wrap items-center justify-end gap-2">
      <span className="text-sm text-slate-700">{t("revokeConfirm")}</span>
      <Button type="submit" variant="dangerSolid" size="sm" disabled={pending}>
        {t("revokeYes")}
        <span className="sr-only"> {name}</span>
      </Button>
      <Button variant="ghost" size="sm" onClick={() => setConfirming(false)}>
        {t("cancel")}
      </Button>
      {(result?.status === "error" || result?.status === "not-found" || result?.status === "signed-out") && (
        <span className="w-full text-right text-sm text-red-700" aria-live="assertive">
          {result.status === "signed-out" ? t("errors.signedOut") : t("errors.failed")}
        </span>
      )}
    </form>
  );
}
