"use client";

import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useHydrated } from "@/lib/use-hydrated";

export function SignOutButton() {
  const t = useTranslations("nav");
  const [pending, setPending] = useState(false);
  // A click before hydration would do nothing: the button waits for the script (see useHydrated).
  const hydrated = useHydrated();
  return (
    <button
      type="button"
      disabled={pending || !hydrated}
      onClick={() => {
        setPending(true);
        void signOut({ callbackUrl: "/sign-in?reason=signed-out" });
      }}
      className="rounded border border-white/40 px-3 py-1 text-sm text-white hover:bg-white/10 disabled:opacity-60"
    >
      {t("signOut")}
    </button>
  );
}
