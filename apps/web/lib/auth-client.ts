// Sign-in and sign-out from the browser through next-auth's own endpoints, without next-auth/react
// (≈10 kB of gzipped JavaScript on every page for two requests). Same protocol as its signIn/signOut:
// fetch a CSRF token, post the form with `json: true`, read the URL it answers with.

const BASE = "/api/auth";

async function csrfToken(): Promise<string> {
  const response = await fetch(`${BASE}/csrf`);
  const body = (await response.json()) as { csrfToken: string };
  return body.csrfToken;
}

async function post(path: string, fields: Record<string, string>): Promise<{ ok: boolean; url: string }> {
  const body = new URLSearchParams({ ...fields, csrfToken: await csrfToken(), json: "true" });
  const response = await fetch(`${BASE}/${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Auth-Return-Redirect": "1" },
    body,
  });
  const answer = (await response.json().catch(() => ({}))) as { url?: string };
  return { ok: response.ok, url: answer.url ?? "" };
}

/** Signs in with email and password; `error` is next-auth's code ("CredentialsSignin", "Throttled:120", …) or null. */
export async function signInWithPassword(email: string, password: string): Promise<{ ok: boolean; error: string | null }> {
  const { ok, url } = await post("callback/credentials", { email, password, callbackUrl: window.location.href });
  const error = url ? new URL(url, window.location.origin).searchParams.get("error") : "unavailable";
  return { ok: ok && !error, error };
}

/** Ends the session and goes to `callbackUrl`. */
export async function signOutTo(callbackUrl: string): Promise<void> {
  const { url } = await post("signout", { callbackUrl });
  window.location.assign(url || callbackUrl);
}
