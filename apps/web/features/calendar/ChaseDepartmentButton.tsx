"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { chaseAll, previewChaseAll, type ChasePreviewResult } from "./actions";
import { ALL_CLASS, ChaseControl, ChaseForm } from "./ChaseButtons";

// The department-wide chase, apart from the one-initiative chase (ChaseButtons.tsx) so that pages
// that only chase one initiative (the initiative page) do not carry its preview.

/** 催办 a department's late initiatives in the `year`'s plan: the figures it reaches, a note and a day, then confirm. */
export function ChaseDepartmentButton({ departmentId, year, name }: { departmentId: string; year: number; name: string }) {
  const t = useTranslations("chase");
  const [preview, setPreview] = useState<ChasePreviewResult | null>(null);
  const [loading, startLoading] = useTransition();
  const load = () =>
    startLoading(async () => {
      try {
        setPreview(await previewChaseAll(departmentId, year));
      } catch {
        setPreview({ status: "error" });
      }
    });
  const figures = preview?.status === "preview" ? preview : null;
  return (
    <ChaseControl
      testId="chase-all"
      triggerLabel={t("chaseAllOf", { name })}
      triggerText={t("open")}
      triggerClass={ALL_CLASS}
      title={t("chaseAllTitle", { name })}
      onOpen={() => {
        setPreview(null);
        load();
      }}
    >
      <ChaseForm
        testId="chase-all"
        bounds={figures ?? undefined}
        ready={!loading && figures !== null && figures.count > 0}
        send={(fields) => chaseAll(departmentId, year, { ...fields, expectedCount: figures?.count ?? 0 })}
        submitLabel={figures ? t("confirmAll", { count: figures.count }) : t("send")}
        onResult={(result) => {
          // The late list changed since the figures were shown: show the new ones to confirm.
          if (result.status === "invalid" && result.fields.form === "chase.changed") load();
        }}
        before={<Figures loading={loading} preview={preview} />}
      />
    </ChaseControl>
  );
}

/** What a department-wide chase reaches, said before it is confirmed. */
function Figures({ loading, preview }: { loading: boolean; preview: ChasePreviewResult | null }) {
  const t = useTranslations("chase");
  if (loading || !preview) {
    return (
      <p role="status" className="text-sm text-slate-600" data-testid="chase-all-preview">
        {t("previewLoading")}
      </p>
    );
  }
  if (preview.status !== "preview") {
    return (
      <p role="alert" className="text-sm text-red-800" data-testid="chase-all-preview">
        {t("errors.generic")}
      </p>
    );
  }
  if (preview.count === 0) {
    return (
      <p role="status" className="text-sm text-slate-700" data-testid="chase-all-preview">
        {t("previewNone")}
      </p>
    );
  }
  const shown = preview.codes.slice(0, 12);
  return (
    <div role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-950" data-testid="chase-all-preview">
      <p className="font-medium" data-testid="chase-all-figures">
        {t("preview", { count: preview.count, recipients: preview.recipients })}
      </p>
      <p className="mt-1 break-words text-xs text-amber-900">
        {t("previewCodes", { codes: shown.join("、"), more: preview.codes.length - shown.length })}
      </p>
      {preview.recipients === 0 && <p className="mt-1 text-xs text-red-800">{t("previewNoRecipients")}</p>}
    </div>
  );
}
