"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { errorMessage } from "@/lib/error-message";
import { useHydrated } from "@/lib/use-hydrated";
import { submitExtensionDecision, type ExtensionResult } from "./actions";

/** Approve, or refuse with a comment (required), one pending extension request. */
export function ExtensionDecision({ requestId }: { requestId: string }) {
  const t = useTranslations("extensions");
  const [comment, setComment] = useState("");
  const [decided, setDecided] = useState<"approve" | "refuse" | null>(null);
  const [result, setResult] = useState<ExtensionResult | null>(null);
  const [pending, startTransition] = useTransition();
  // Usable once hydrated: a comment typed earlier would be lost (see useHydrated).
  const hydrated = useHydrated();
  const act = (decision: "approve" | "refuse") =>
    startTransition(async () => {
      const r = await submitExtensionDecision(requestId, decision, comment).catch(() => ({ status: "error" as const }));
      setResult(r);
      if (r.status === "saved") setDecided(decision);
    });
  if (result?.status === "saved") {
    return (
      <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900" data-testid="extension-decided">
        {decided === "approve" ? t("approved") : t("refused")}
      </p>
    );
  }
  const message = (key: string | undefined) => errorMessage(t, key);
  const fields = result?.status === "invalid" ? result.fields : {};
  const fieldError = message(fields.comment);
  const formError = result?.status === "error" || result?.status === "signed-out" ? t("errors.generic") : message(fields.form);
  const id = `extension-comment-${requestId}`;
  return (
    <fieldset disabled={!hydrated} className="m-0 min-w-0 space-y-2 border-0 p-0">
      {formError && (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="extension-decision-error">
          {formError}
        </p>
      )}
      <label htmlFor={id} className="block text-sm font-medium">{t("decisionComment")}</label>
      <textarea
        id={id}
        rows={2}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        placeholder={t("commentHint")}
        aria-invalid={Boolean(fieldError)}
        aria-describedby={fieldError ? `${id}-error` : undefined}
        className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm aria-[invalid=true]:border-red-500"
      />
      {fieldError && (
        <p id={`${id}-error`} className="text-sm text-red-700" data-testid="extension-comment-error">{fieldError}</p>
      )}
      <div className="flex flex-wrap gap-2">
        <button type="button" disabled={pending} onClick={() => act("approve")} className="rounded-md bg-emerald-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-emerald-800 disabled:opacity-60">
          {t("approve")}
        </button>
        <button type="button" disabled={pending} onClick={() => act("refuse")} className="rounded-md border border-red-300 bg-white px-4 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50 disabled:opacity-60">
          {t("refuse")}
        </button>
      </div>
    </fieldset>
  );
}
