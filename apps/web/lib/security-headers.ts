import { createHash } from "node:crypto";

// The browser defences every response carries (proxy.ts sets them at run time, because they depend on
// the configured public address and on a nonce made fresh for each page).

/** Page policy: scripts only with this response's nonce (and what those load: 'strict-dynamic'). */
export function pageCsp(nonce: string, { dev = false, https = false }: { dev?: boolean; https?: boolean } = {}): string {
  return [
    "default-src 'self'",
    // React's development build evaluates code for its stack traces; production never does.
    `script-src 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Bars and charts size themselves with style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/**
 * API answers and downloads (JSON, evidence files, exports): nothing in them may run or load
 * anything, even an uploaded HTML or SVG file opened in a tab ('sandbox' gives it an opaque origin).
 */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox";

/** The one script an HTML report has: its print button's `onclick` (documents/monthly-html.ts). */
const PRINT_HANDLER = "window.print()";

/**
 * A report read in the browser (`/api/v1/reports/…?format=html`): its own styles (the print layout
 * among them) and its print button's handler, by hash; nothing else runs or loads.
 */
export const DOCUMENT_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src 'self' data:",
  `script-src 'unsafe-hashes' 'sha256-${createHash("sha256").update(PRINT_HANDLER).digest("base64")}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** HSTS for an https public address (a year, subdomains too); none for http, where it would be ignored. */
export function hsts(publicUrl: string | undefined): string | null {
  return publicUrl?.startsWith("https://") ? "max-age=31536000; includeSubDomains" : null;
}

/** A fresh nonce: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
