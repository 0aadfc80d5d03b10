"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Alert } from "@/components/Alert";
import { CopyButton } from "@/components/CopyButton";
import type { OneTimeLink as Link } from "./actions";

/** A set-password link, shown once: it lives only in the state of the form that received it. */
export function OneTimeLink({ link, email, children }: { link: Link; email: string; children?: React.ReactNode }) {
  const t = useTranslations("adminUsers");
  const format = useFormatter();
  return (
    <Alert kind="ok" panel className="space-y-2" testId="one-time-link-panel">
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
        <CopyButton text={link.url} label={t("copy")} copiedLabel={t("copied")} />
      </div>
      <p className="text-sm text-emerald-950">
        {t("link.valid", { date: format.dateTime(new Date(link.expiresAt), { dateStyle: "medium", timeStyle: "short" }) })}
      </p>
      <p className="text-sm font-medium text-emerald-950">{t("link.once")}</p>
    </Alert>
  );
}
