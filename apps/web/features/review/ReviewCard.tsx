"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { fieldErrorClass, fieldLabelClass, inputClass } from "@/components/Field";
import { errorMessage } from "@/lib/error-message";
import { useActionForm } from "@/lib/use-action-form";
import { useHydrated } from "@/lib/use-hydrated";
import { submitReview, type ReviewResult } from "./actions";

/** Approve, or return with a comment (required), one update of the queue. */
export function ReviewActions({ updateId }: { updateId: string }) {
  const t = useTranslations("review");
  const [comment, setComment] = useState("");
  const { pending, result, errors, submitWith } = useActionForm<ReviewResult>(null);
  // Usable once hydrated: a comment typed earlier would be lost (see useHydrated).
  const hydrated = useHydrated();
  const act = (decision: "approve" | "return") => submitWith(() => submitReview(updateId, decision, comment));
  if (result?.status === "saved") {
    return (
      <Alert kind="ok" role={null} testId="review-done">
        {result.decision === "approve" ? t("approved") : t("returned")}
      </Alert>
    );
  }
  const fieldKey = errors.comment;
  const formKey = errors.form;
  return (
    <fieldset disabled={!hydrated} className="m-0 min-w-0 space-y-2 border-0 p-0">
      {formKey && (
        <Alert kind="warn" role={null} testId="review-error">
          {errorMessage(t, formKey)}
        </Alert>
      )}
      {(result?.status === "error" || result?.status === "signed-out") && (
        <Alert kind="error" role={null} testId="review-error">
          {t("errors.generic")}
        </Alert>
      )}
      <label htmlFor={`comment-${updateId}`} className={fieldLabelClass}>
        {t("comment")}
      </label>
      <textarea
        id={`comment-${updateId}`}
        rows={2}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        placeholder={t("commentHint")}
        aria-invalid={Boolean(fieldKey)}
        aria-describedby={fieldKey ? `comment-${updateId}-error` : undefined}
        className={inputClass}
      />
      {fieldKey && (
        <p id={`comment-${updateId}-error`} className={fieldErrorClass} data-testid="review-comment-error">
          {errorMessage(t, fieldKey)}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <Button variant="success" size="sm" disabled={pending} onClick={() => act("approve")}>
          {t("approve")}
        </Button>
        <Button variant="danger" size="sm" disabled={pending} onClick={() => act("return")}>
          {t("return")}
        </Button>
      </div>
    </fieldset>
  );
}
