"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { errorMessage } from "@/lib/error-message";
import { useHydrated } from "@/lib/use-hydrated";
import { submitReview, type ReviewResult } from "./actions";

/** Approve, or return with a comment (required), one update of the queue. */
export function ReviewActions({ updateId }: { updateId: string }) {
  const t = useTranslations("review");
  const [comment, setComment] = useState("");
  const [result, setResult] = useState<ReviewResult | null>(null);
  const [pending, startTransition] = useTransition();
  // Usable once hydrated: a comment typed earlier would be lost (see useHydrated).
  const hydrated = useHydrated();
  const act = (decision: "approve" | "return") =>
    startTransition(async () => {
      setResult(await submitReview(updateId, decision, comment).catch(() => ({ status: "error" as const })));
    });
  if (result?.status === "saved") {
    return (
      <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900" data-testid="review-done">
        {result.decision === "approve" ? t("approved") : t("returned")}
      </p>
    );
  }
  const fieldKey = result?.status === "invalid" ? result.fields.comment : undefined;
  const formKey = result?.status === "invalid" ? result.fields.form : undefined;
  return (
    <fieldset disabled={!hydrated} className="m-0 min-w-0 space-y-2 border-0 p-0">
      {formKey && (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="review-error">
          {errorMessage(t, formKey)}
        </p>
      )}
      {(result?.status === "error" || result?.status === "signed-out") && (
        <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="review-error">{t("errors.generic")}</p>
      )}
      <label htmlFor={`comment-${updateId}`} className="block text-sm font-medium">{t("comment")}</label>
      <textarea
        id={`comment-${updateId}`}
        rows={2}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        placeholder={t("commentHint")}
        aria-invalid={Boolean(fieldKey)}
        aria-describedby={fieldKey ? `comment-${updateId}-error` : undefined}
        className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm aria-[invalid=true]:border-red-500"
      />
      {fieldKey && (
        <p id={`comment-${updateId}-error`} className="text-sm text-red-700" data-testid="review-comment-error">
          {errorMessage(t, fieldKey)}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <button type="button" disabled={pending} onClick={() => act("approve")} className="rounded-md bg-emerald-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-emerald-800 disabled:opacity-60">
          {t("approve")}
        </button>
        <button type="button" disabled={pending} onClick={() => act("return")} className="rounded-md border border-red-300 bg-white px-4 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50 disabled:opacity-60">
          {t("return")}
        </button>
      </div>
    </fieldset>
  );
}
