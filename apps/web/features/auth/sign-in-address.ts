/** Only same-site paths are followed after sign-in. */
export function safeCallback(value: unknown): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") ? value : "/";
}

/** The notice the sign-in page shows for `?reason=` (a message key of `signIn`), or null. */
export function noticeKey(reason: string | null): "expired" | "signedOut" | null {
  return reason === "expired" ? "expired" : reason === "signed-out" ? "signedOut" : null;
}
