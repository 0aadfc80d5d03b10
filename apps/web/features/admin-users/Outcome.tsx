"use client";

import { useTranslations } from "next-intl";
import type { AdminActionResult } from "./actions";
import { errorMessage } from "./messages";

/** The confirmation or the reason an action did not happen, announced to screen readers. */
export function Outcome({ result, done, testId }: { result: AdminActionResult | null; done: string; testId: string }) {
  const t = useTranslations("adminUsers");
  if (!result) return null;
  if (result.status === "done" || result.status === "link" || result.status === "created") {
    return (
      <p className="text-sm font-medium text-emerald-800" role="status" data-testid={testId}>
        {done}
      </p>
    );
  }
  let text: string;
  if (result.status === "invalid") {
    // A field's own message is shown next to the field; a message without a field is shown here.
    const [field, key] = Object.entries(result.fields)[0] ?? ["form", "form.invalid"];
    text = errorMessage(t, field, key) ?? t("errors.failed");
  } else if (result.status === "signed-out") {
    text = t("errors.signedOut");
  } else if (result.status === "not-found") {
    text = t("errors.notFound");
  } else {
    text = t("errors.failed");
  }
  return (
    <p className="text-sm text-red-700" role="alert" data-testid={testId}>
      {text}
    </p>
  );
}
