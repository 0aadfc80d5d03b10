"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { fieldErrorClass, fieldLabelClass, inputClass } from "@/components/Field";
import { errorMessage } from "@/lib/error-message";
import { useActionForm } from "@/lib/use-action-form";
import { useHydrated } from "@/lib/use-hydrated";
import { submitExtensionDecision, type ExtensionResult } from "./actions";

/** Approve, or refuse with a comment (required), one pending extension request. */
export function ExtensionDecision({ requestId }: { requestId: string }) {
  const t = useTranslations("extensions");
  const [comment, setComment] = useState("");
  const [decided, setDecided] = useState<"approve" | "refuse" | null>(null);
  const { pending, result, errors, submitWith } = useActionForm<ExtensionResult>(null);
  // Usable once hydrated: a comment typed earlier would be lost (see useHydrated).
  const hydrated = useHydrated();
  const act = (decision: "approve" | "refuse") =>
    submitWith(
      () => submitExtensionDecision(requestId, decision, comment),
      (outcome) => {
        if (outcome.status === "saved") setDecided(decision);
      },
    );
  if (result?.status === "saved") {
    return (
      <Alert kind="ok" role={null} testId="extension-decided">
        {decided === "approve" ? t("approved") : t("refused")}
      </Alert>
    );
  }
  const message = (key: string | undefined) => errorMessage(t, key);
  const fieldError = message(errors.comment);
  const formError = result?.status === "error" || result?.status === "signed-out" ? t("errors.generic") : message(errors.form);
  const id = `extension-comment-${requestId}`;
  return (
    <fieldset disabled={!hydrated} className="m-0 min-w-0 space-y-2 border-0 p-0">
      {formError && (
        <Alert kind="warn" testId="extension-decision-error">
          {formError}
        </Alert>
      )}
      <label htmlFor={id} className={fieldLabelClass}>
        {t("decisionComment")}
      </label>
      <textarea
        id={id}
        rows={2}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        placeholder={t("commentHint")}
        aria-invalid={Boolean(fieldError)}
        aria-describedby={fieldError ? `${id}-error` : undefined}
        className={inputClass}
      />
      {fieldError && (
        <p id={`${id}-error`} className={fieldErrorClass} data-testid="extension-comment-error">
          {fieldError}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <Button variant="success" size="sm" disabled={pending} onClick={() => act("approve")}>
          {t("approve")}
        </Button>
        <Button variant="danger" size="sm" disabled={pending} onClick={() => act("refuse")}>
          {t("refuse")}
        </Button>
      </div>
    </fieldset>
  );
}
