import { createHash } from "node:crypto";
import { databaseOutage, initialDatabaseCheck, RETRY_AFTER_SECONDS } from "@workplan/core/infra/database-availability";
import { createTranslator } from "next-intl";
import { NextResponse, type NextRequest } from "next/server";
import { DEFAULT_LOCALE, LOCALE_COOKIE, isLocale, type Locale } from "@/i18n/locales";
import type Messages from "../messages/zh-Hans.json";

// While this process cannot reach PostgreSQL (packages/db/src/availability.ts), a page is answered
// here, before anything renders: 503 with Retry-After and a page in the reader's language that
// loads itself again once the database is back, instead of an error page with status 500 for every request. The pool keeps
// probing; the first successful connection ends it, with no restart. Only page reads (GET/HEAD):
// a form post is answered by its own action, which keeps what was typed.

const STYLE =
  "body{font-family:system-ui,-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;color:#0f172a;margin:0}" +
  "main{max-width:36rem;margin:15vh auto;padding:1rem;text-align:center}" +
  "h1{font-size:1.25rem;font-weight:600}p{color:#475569;line-height:1.6}" +
  "a{display:inline-block;margin-top:1.5rem;padding:.5rem 1rem;border-radius:.375rem;background:#1d4ed8;color:#fff;text-decoration:none}";
// A person waiting need not reload by hand: the page asks the readiness check every few seconds and
// loads itself again once the database answers (not a timed refresh: nothing changes until then).
const SCRIPT =
  "setInterval(function(){fetch('/api/health/ready',{cache:'no-store'}).then(function(r){if(r.ok)location.reload()},function(){})}," +
  `${RETRY_AFTER_SECONDS * 1000})`;
const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
// Its one inline style and one inline script are allowed by hash; it loads nothing else.
const CSP = `default-src 'none'; style-src ${sha256(STYLE)}; script-src ${sha256(SCRIPT)}; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

/** The 503 answer for a page request during an outage, or null when the database answers (or it is not a page read). */
export async function outageResponse(request: NextRequest): Promise<NextResponse | null> {
  if (request.method !== "GET" && request.method !== "HEAD") return null;
  // The API answers for itself, in JSON (lib/api.ts).
  if (request.nextUrl.pathname.startsWith("/api/")) return null;
  // Right after start, the server's first look at the database (instrumentation.ts) decides.
  await initialDatabaseCheck();
  if (!databaseOutage()) return null;
  const stored = request.cookies.get(LOCALE_COOKIE)?.value;
  const locale: Locale = isLocale(stored) ? stored : DEFAULT_LOCALE;
  const html = await outagePage(locale, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return new NextResponse(request.method === "HEAD" ? null : html, {
    status: 503,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Retry-After": String(RETRY_AFTER_SECONDS),
      "Cache-Control": "no-store",
      "Content-Language": locale,
      "Content-Security-Policy": CSP,
    },
  });
}

async function outagePage(locale: Locale, target: string): Promise<string> {
  const messages = ((await import(`../messages/${locale}.json`)) as { default: typeof Messages }).default;
  const t = createTranslator({ locale, messages, namespace: "errors" });
  const tApp = createTranslator({ locale, messages, namespace: "app" });
  const again = escapeHtml(target.startsWith("/") && !target.startsWith("//") ? target : "/");
  return `<!DOCTYPE html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${t("unavailableTitle")} · ${tApp("name")}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<main data-testid="unavailable-page">
<h1>${escapeHtml(t("unavailableTitle"))}</h1>
<p>${escapeHtml(t("unavailableBody"))}</p>
<p>${escapeHtml(t("unavailableContact"))}</p>
<a href="${again}">${escapeHtml(t("unavailableRetry"))}</a>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
