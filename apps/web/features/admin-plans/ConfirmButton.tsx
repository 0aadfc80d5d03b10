"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { Button } from "@/components/Button";
import { useActionForm } from "@/lib/use-action-form";
import { useHydrated } from "@/lib/use-hydrated";
import type { AdminResult } from "./actions";
import { useErrorText } from "./form-kit";

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
  const { pending, result, submit } = useActionForm(() => run(), {
    onResult: (outcome) => {
      if (outcome.status !== "saved") return;
      if (then) router.push(then);
      else router.refresh();
    },
  });
  // A click before hydration would do nothing: the button waits for the script (see useHydrated).
  const hydrated = useHydrated();

  function click() {
    if (confirm && !window.confirm(confirm)) return;
    submit();
  }

  const error =
    result === null || result.status === "saved"
      ? null
      : result.status === "invalid"
        ? errorText(result.fields.form ?? Object.values(result.fields)[0])
        : result.status === "signed-out"
          ? t("errors.form.signedOut")
          : t("errors.form.failed");

  return (
    <span className="inline-flex flex-col items-start gap-1">
      <Button variant={danger ? "danger" : "secondary"} size="sm" onClick={click} disabled={pending || !hydrated} data-testid={testId}>
        {pending ? pendingLabel : label}
      </Button>
      {error && (
        <span role="alert" className="text-sm text-red-700">
          {error}
        </span>
      )}
    </span>
  );
}
