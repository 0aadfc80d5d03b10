"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/Button";

// Shown for any unexpected failure (e.g. the database is down): a clear message, never a stack trace.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors");
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-lg flex-col items-center justify-center px-4 text-center" data-testid="error-page">
      <title>{t("errorTitle")}</title>
      <h1 className="text-xl font-semibold">{t("errorTitle")}</h1>
      <p className="mt-2 text-slate-600">{t("errorBody")}</p>
      {error.digest && <p className="mt-2 font-mono text-xs text-slate-500">{t("reference", { digest: error.digest })}</p>}
      <Button onClick={reset} className="mt-6">
        {t("retry")}
      </Button>
    </main>
  );
}
