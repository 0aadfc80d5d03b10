"use client";

import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { Button } from "@/components/Button";

// Shown for any unexpected failure: a clear message, never a stack trace. When the failure was the
// database going away (the readiness check says so), the page is loaded again: the server then
// answers with its "temporarily unavailable" page (503), which refreshes itself until it is back.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors");
  useEffect(() => {
    const controller = new AbortController();
    void (async () => {
      try {
        const response = await fetch("/api/health/ready", { cache: "no-store", signal: controller.signal });
        if (response.status !== 503) return;
        const body = (await response.json()) as { reason?: string };
        // At most one reload every 30 s from here, whatever happens next.
        const last = Number(sessionStorage.getItem("workplan.outage-reload") ?? 0);
        if (body.reason === "database unreachable" && Date.now() - last > 30_000) {
          sessionStorage.setItem("workplan.outage-reload", String(Date.now()));
          window.location.reload();
        }
      } catch {
        // offline, or navigated away: the page as it is says what to do
      }
    })();
    return () => controller.abort();
  }, []);
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
