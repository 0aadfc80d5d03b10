import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "../fixtures";

// What the browser gets: no route over 150 kB of gzipped JavaScript on first load, a sign-in page of
// at most 30 kB of HTML, and no page carrying message namespaces its client components do not read.
const JS_BUDGET = 150 * 1024;
const SIGN_IN_HTML_BUDGET = 30 * 1024;

const here = path.dirname(fileURLToPath(import.meta.url));
const messages = JSON.parse(readFileSync(path.join(here, "../../apps/web/messages/zh-Hans.json"), "utf8")) as Record<string, unknown>;

/** The longer plain texts of each namespace (no ICU arguments), each found in no other namespace's texts. */
const textsByNamespace = (() => {
  const found = new Map<string, Set<string>>();
  for (const [namespace, value] of Object.entries(messages)) {
    const walk = (v: unknown) => {
      if (typeof v === "string") {
        if (v.length >= 10 && !/[{}<]/.test(v)) found.set(v, (found.get(v) ?? new Set()).add(namespace));
      } else if (v && typeof v === "object") Object.values(v).forEach(walk);
    };
    walk(value);
  }
  const all = [...found.keys()];
  const out = new Map<string, string[]>();
  for (const [text, namespaces] of found) {
    const [namespace] = [...namespaces];
    if (!namespace || namespaces.size !== 1) continue;
    const elsewhere = all.some((other) => other !== text && other.includes(text) && !found.get(other)?.has(namespace));
    if (!elsewhere) out.set(namespace, [...(out.get(namespace) ?? []), text]);
  }
  return out;
})();
const textsOf = (namespace: string) => textsByNamespace.get(namespace) ?? [];

/** "namespace: text" for each namespace one of whose own texts is in `html`: that namespace was shipped. */
function namespacesIn(html: string, namespaces: readonly string[]): string[] {
  return namespaces.flatMap((ns) => {
    const text = textsOf(ns).find((t) => html.includes(t));
    return text ? [`${ns}: ${text}`] : [];
  });
}

type Weight = { html: string; htmlBytes: number; jsGzipBytes: number; chunks: number };

/**
 * The page's HTML and the JavaScript it loads on first load: the chunks named by its script tags and
 * by the React Server Components payload inlined in it (the legacy `noModule` polyfill excluded, no
 * modern browser loads it), each gzipped as `next start` serves it.
 */
async function weigh(page: Page, url: string): Promise<Weight> {
  const response = await page.request.get(url, { maxRedirects: 0 });
  expect(response.status(), url).toBe(200);
  const html = await response.text();
  const modern = html.replace(/<script[^>]*noModule[^>]*>\s*<\/script>/gi, "");
  const chunks = [...new Set([...modern.matchAll(/static\/chunks\/[\w.-]+\.js/g)].map((m) => `/_next/${m[0]}`))];
  expect(chunks.length, `${url} loads scripts`).toBeGreaterThan(0);
  let jsGzipBytes = 0;
  for (const chunk of chunks) {
    const script = await page.request.get(chunk);
    expect(script.status(), chunk).toBe(200);
    jsGzipBytes += gzipSync(await script.body()).length;
  }
  return { html, htmlBytes: Buffer.byteLength(html), jsGzipBytes, chunks: chunks.length };
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

test("the sign-in page is light: ≤ 30 kB of HTML, only its own messages, ≤ 150 kB of JavaScript", async ({ page }) => {
  const weight = await weigh(page, "/sign-in");
  test.info().annotations.push({ type: "weight", description: `/sign-in: HTML ${kB(weight.htmlBytes)}, JS ${kB(weight.jsGzipBytes)} gzipped` });
  expect(weight.htmlBytes, "sign-in HTML").toBeLessThanOrEqual(SIGN_IN_HTML_BUDGET);
  expect(weight.jsGzipBytes, "sign-in JavaScript (gzipped)").toBeLessThanOrEqual(JS_BUDGET);

  // The page's own texts are there (rendered, and passed to the sign-in form) …
  expect(weight.html).toContain(textsOf("signIn").find((s) => s.includes("此账户已停用")));
  // … and no other part of the message file.
  const own = ["signIn", "errors", "app", "nav", "roles", "help"];
  const others = Object.keys(messages).filter((ns) => !own.includes(ns));
  expect(namespacesIn(weight.html, others)).toEqual([]);

  // And it still works in a real browser with only those messages.
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByText("请输入邮箱。")).toBeVisible();
});

const ADMIN_ONLY = ["adminPlans", "adminUsers", "adminSpreadsheet", "adminAudit", "adminThrottles", "adminDepartments", "setPassword"];

test("every main page a manager opens stays within 150 kB of JavaScript and carries no unrelated messages", async ({ page }) => {
  await signInAs(page, "policy.lead@demo.local");
  const list = await page.request.get("/initiatives");
  const initiative = /href="(\/initiatives\/[^"/?#]+)"/.exec(await list.text())?.[1];
  expect(initiative, "an initiative link on /initiatives").toBeTruthy();

  const pages = ["/dashboard", "/plan", "/calendar", "/review", "/initiatives", "/updates", initiative ?? "", "/settings"];
  const report: string[] = [];
  for (const url of pages) {
    const weight = await weigh(page, url);
    report.push(`${url}: HTML ${kB(weight.htmlBytes)}, JS ${kB(weight.jsGzipBytes)} in ${weight.chunks} chunks`);
    expect(weight.jsGzipBytes, `${url} JavaScript (gzipped)`).toBeLessThanOrEqual(JS_BUDGET);
    expect(namespacesIn(weight.html, ADMIN_ONLY), `admin messages in ${url}`).toEqual([]);
  }
  test.info().annotations.push({ type: "weight", description: report.join("; ") });
});

test("admin pages stay within 150 kB of JavaScript and carry no reporting messages", async ({ page }) => {
  await signInAs(page, "admin@demo.local");
  const report: string[] = [];
  for (const url of ["/admin/users", "/admin/plans", "/admin/audit"]) {
    const weight = await weigh(page, url);
    report.push(`${url}: HTML ${kB(weight.htmlBytes)}, JS ${kB(weight.jsGzipBytes)}`);
    expect(weight.jsGzipBytes, `${url} JavaScript (gzipped)`).toBeLessThanOrEqual(JS_BUDGET);
    expect(namespacesIn(weight.html, ["report", "closeOut", "extensions", "setPassword"]), `reporting messages in ${url}`).toEqual([]);
  }
  test.info().annotations.push({ type: "weight", description: report.join("; ") });
});
