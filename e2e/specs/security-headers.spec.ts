import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, signInAs } from "../fixtures";
import { freePort, startAppServer, type AppServer } from "../app-server";

// Browser defences (proxy.ts, lib/security-headers.ts) and trust in forwarded headers.

const nonceOf = (csp: string | undefined) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp ?? "")?.[1];

test("every page carries a CSP with a nonce of its own, on its own scripts, and runs under it", async ({ page, request }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const nonces = new Set<string>();
  for (const path of ["/sign-in", "/sign-in", "/help", "/help/en"]) {
    const response = await request.get(path);
    expect(response.status()).toBe(200);
    const csp = response.headers()["content-security-policy"];
    expect(csp).toContain("'strict-dynamic'");
    for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) expect(csp).toContain(directive);
    const nonce = nonceOf(csp);
    expect(nonce, csp).toBeTruthy();
    nonces.add(String(nonce));
    // Next.js put that nonce on the page's scripts; no script goes without one.
    const html = await response.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    // Plain http (this server's public address): no HSTS.
    expect(response.headers()["strict-transport-security"]).toBeUndefined();
  }
  expect(nonces.size).toBe(4);

  // The pages still work with their scripts limited so: signing in and a client-side form.
  await signInAs(page, "policy.staff@demo.local");
  await page.goto("/plan");
  const signedIn = await page.request.get("/plan");
  expect(nonceOf(signedIn.headers()["content-security-policy"])).toBeTruthy();
  await page.getByTestId("locale-switcher").getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  expect(violations).toEqual([]);
});

test("the API and downloads carry a policy that runs nothing", async ({ request }) => {
  for (const path of ["/api/health", "/api/v1/me", "/api/evidence/nope"]) {
    const response = await request.get(path);
    const csp = response.headers()["content-security-policy"] ?? "";
    expect(csp, path).toContain("default-src 'none'");
    expect(csp, path).toContain("sandbox");
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  }
});

test("a form post from another site, or with no Origin, is refused with 403 before any action runs", async ({ page, baseURL }) => {
  await signInAs(page, "policy.staff@demo.local");
  await page.goto("/plan");
  // Catch the real server action the language switcher posts, to replay it.
  const posted = page.waitForRequest((r) => r.method() === "POST" && r.headers()["next-action"] !== undefined);
  await page.getByTestId("locale-switcher").getByRole("button", { name: "繁體中文" }).click();
  const action = await posted;
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-Hant");
  const cookies = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const replay = async (headers: Record<string, string>) => {
    const response = await fetch(`${baseURL}/plan`, {
      method: "POST",
      headers: {
        "Next-Action": String(action.headers()["next-action"]),
        "Content-Type": String(action.headers()["content-type"]),
        Cookie: cookies.replace(/NEXT_LOCALE=[^;]*/, "NEXT_LOCALE=zh-Hant"),
        ...headers,
      },
      body: new Uint8Array(action.postDataBuffer() ?? Buffer.alloc(0)),
      redirect: "manual",
    });
    return { status: response.status, setCookie: response.headers.get("set-cookie") ?? "", body: await response.text() };
  };
  const attempts: Record<string, string>[] = [
    { Origin: "https://evil.example" },
    // A forged host does not make the foreign origin ours (no TRUST_PROXY on this server).
    { Origin: "https://evil.example", "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https" },
    {},
  ];
  for (const headers of attempts) {
    const refused = await replay(headers);
    expect(refused.status, JSON.stringify(headers)).toBe(403);
    expect(refused.body).toContain("403");
    expect(refused.setCookie).not.toContain("NEXT_LOCALE"); // the action did not run
  }
  // The same post from our own origin runs.
  const own = await replay({ Origin: new URL(String(baseURL)).origin });
  expect(own.status).toBe(200);
  expect(own.setCookie).toContain("NEXT_LOCALE=");
});

test.describe("a server whose public address is https", () => {
  let server: AppServer | undefined;
  let port = 0;
  test.beforeAll(async () => {
    port = await freePort();
    server = await startAppServer({ AUTH_SECRET: "https-headers-secret-0123456789abcdef0123", NEXTAUTH_URL: `https://localhost:${port}` }, { port });
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test("sends HSTS, upgrades insecure requests, and sets only Secure, __Secure- session cookies", async () => {
    const base = `http://localhost:${port}`;
    for (const path of ["/sign-in", "/api/health"]) {
      const response = await fetch(`${base}${path}`);
      expect(response.headers.get("strict-transport-security"), path).toBe("max-age=31536000; includeSubDomains");
    }
    expect((await fetch(`${base}/sign-in`)).headers.get("content-security-policy")).toContain("upgrade-insecure-requests");

    // Sign in by hand (a cookie jar would not send Secure cookies over this test's plain http).
    const csrf = await fetch(`${base}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const csrfCookie = csrf.headers.getSetCookie();
    expect(csrfCookie.join("\n")).toMatch(/^__Host-next-auth\.csrf-token=.*; Secure/m);
    const signIn = await fetch(`${base}/api/auth/callback/credentials`, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Cookie: csrfCookie.map((c) => c.split(";")[0]).join("; "),
      },
      body: new URLSearchParams({ csrfToken, email: "policy.staff@demo.local", password: DEMO_PASSWORD, json: "true" }),
      redirect: "manual",
    });
    const session = signIn.headers.getSetCookie().find((c) => c.includes("session-token"));
    expect(session, signIn.headers.getSetCookie().join("\n")).toMatch(/^__Secure-next-auth\.session-token=/);
    expect(session).toMatch(/; Secure/i);
    expect(session).toMatch(/; HttpOnly/i);
  });
});
