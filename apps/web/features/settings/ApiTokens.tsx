import type { ApiTokenSummary } from "@workplan/core/operations/api-tokens";
import { getFormatter, getTranslations } from "next-intl/server";
import { CreateTokenForm } from "./CreateTokenForm";
import { RevokeTokenButton } from "./RevokeTokenButton";

export async function ApiTokens({ tokens }: { tokens: ApiTokenSummary[] }) {
  const t = await getTranslations("settings");
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  return (
    <section aria-labelledby="api-tokens-heading" className="space-y-5 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <div>
        <h2 id="api-tokens-heading" className="text-base font-semibold">
          {t("apiTokens")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("apiTokensIntro")}</p>
        <p className="mt-1 text-sm text-slate-600">
          {t.rich("apiUsage", { code: (chunks) => <code className="rounded bg-slate-100 px-1 font-mono text-xs">{chunks}</code> })}{" "}
          <a href="/api/v1/openapi.json" className="text-brand-700 underline underline-offset-2 hover:text-brand-800">
            {t("apiDocs")}
          </a>
        </p>
      </div>

      <CreateTokenForm />

      {tokens.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600" data-testid="tokens-empty">
          {t("empty")}
        </p>
      ) : (
        <ul className="divide-y divide-slate-100 border-t border-slate-200" data-testid="token-list">
          {tokens.map((token) => (
            <li
              key={token.id}
              className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 py-3"
              data-testid="token-row"
              data-prefix={token.prefix}
            >
              <div className="min-w-0">
                <p className="font-medium text-slate-900">
                  {token.name}{" "}
                  <span className="whitespace-nowrap font-mono text-xs font-normal text-slate-600">
                    <span className="sr-only">{t("prefix")} </span>
                    {token.prefix}…
                  </span>
                </p>
                <p className="mt-0.5 text-xs text-slate-600">
                  {t("createdOn", { date: when(token.createdAt) })} ·{" "}
                  {token.lastUsedAt ? t("lastUsedOn", { date: when(token.lastUsedAt) }) : t("neverUsed")}
                </p>
              </div>
              <div className="flex flex-wrap items-center justify-end gap-3">
                <span data-testid="token-status" className={`text-sm ${token.revokedAt ? "text-slate-600" : "text-emerald-800"}`}>
                  {token.revokedAt ? t("revokedAt", { date: when(token.revokedAt) }) : t("active")}
                </span>
                {!token.revokedAt && <RevokeTokenButton id={token.id} name={token.name} />}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
