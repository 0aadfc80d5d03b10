"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import type { OneTimeLink as Link } from "./actions";

/** A set-password link, shown once: it lives only in the state of the form that received it. */
export function OneTimeLink({ link, email, children }: { link: Link; email: string; children?: React.ReactNode }) {
  const t = useTranslations("adminUsers");
  const format = useFormatter();
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-2 rounded-lg border border-emerald-300 bg-emerald-50 p-4" role="status" data-testid="one-time-link-panel">
      {children}
      <p className="text-sm text-emerald-950">{t("link.send", { email })}</p>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor="one-time-link" className="sr-only">
          {t("link.label")}
        </label>
        <input
          id="one-time-link"
          readOnly
          value={link.url}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded border border-emerald-300 bg-white px-2 py-1 font-mono text-sm text-slate-900"
          data-testid="one-time-link"
        />
        <button
          type="button"
          onClick={() => {
            void navigator.clipboard?.writeText(link.url).then(() => setCopied(true));
          }}
          className="rounded-md border border-emerald-500 bg-white px-3 py-1 text-sm font-medium text-emerald-900 hover:bg-emerald-100"
        >
          {copied ? t("copied") : t("copy")}
        </button>
      </div>
      <p className="text-sm text-emerald-950">
        {t("link.valid", { date: format.dateTime(new Date(link.expiresAt), { dateStyle: "medium", timeStyle: "short" }) })}
      </p>
      <p className="text-sm font-medium text-emerald-950">{t("link.once")}</p>
    </div>
  );
}
