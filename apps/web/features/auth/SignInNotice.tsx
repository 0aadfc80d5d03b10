"use client";

import { useTranslations } from "next-intl";
import { useSyncExternalStore } from "react";
import { noticeKey } from "./sign-in-address";

const noSubscription = () => () => {};

/**
 * "You have signed out" / "Your session has ended", from the address's `?reason=`, read in the
 * browser (nothing on the server, nothing while hydrating).
 */
export function SignInNotice() {
  const t = useTranslations("signIn");
  const key = useSyncExternalStore(
    noSubscription,
    () => noticeKey(new URLSearchParams(window.location.search).get("reason")),
    () => null,
  );
  if (!key) return null;
  return (
    <p className="mt-4 rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900" data-testid="sign-in-notice" role="status">
      {t(key)}
    </p>
  );
}
