"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useHydrated } from "@/lib/use-hydrated";
import type { AdminResult } from "./actions";
import { secondaryButton, useErrorText } from "./form-kit";

/**
 * A button for a write that needs no form (archive, restore, delete): it asks first when told to,
 * then says what went wrong next to itself, or refreshes the page (or goes to `then`).
 */
export function ConfirmButton({
  label,
  pendingLabel,
  confirm,
  run,
  then,
  danger = false,
  testId,
}: {
  label: string;
  pendingLabel: string;
  confirm?: string;
  run: () => Promise<AdminResult>;
  then?: string;
  danger?: boolean;
  testId?: string;
}) {
  const t = useTranslations("adminPlans");
  const errorText = useErrorText();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  // A click before hydration would do nothing: the button waits for the script (see useHydrated).
  const hydrated = useHydrated();

  function click() {
    if (confirm && !window.confirm(confirm)) return;
    startTransition(async () => {
      let outcome: AdminResult;
      try {
        outcome = await run();
      } catch {
        outcome = { status: "error" };
      }
      if (outcome.status === "saved") {
        setError(null);
        if (then) router.push(then);
        else router.refresh();
      } else if (outcome.status === "invalid") {
        setError(errorText(outcome.fields.form ?? Object.values(outcome.fields)[0]));
      } else {
        setError(outcome.status === "signed-out" ? t("errors.form.signedOut") : t("errors.form.failed"));
      }
    });
  }

  return (
    <span className="inline-flex flex-col items-start gap-1">
      <button
        type="button"
        onClick={click}
        disabled={pending || !hydrated}
        data-testid={testId}
        className={danger ? `${secondaryButton} border-red-300 text-red-800 hover:bg-red-50` : secondaryButton}
      >
        {pending ? pendingLabel : label}
      </button>
      {error && (
        <span role="alert" className="text-sm text-red-700">
          {error}
        </span>
      )}
    </span>
  );
}
