"use client";

import { useState } from "react";
import { signOutTo } from "@/lib/auth-client";
import { useHydrated } from "@/lib/use-hydrated";

/** The label comes translated from the server: the header passes no messages to the browser. */
export function SignOutButton({ label }: { label: string }) {
  const [pending, setPending] = useState(false);
  // A click before hydration would do nothing: the button waits for the script (see useHydrated).
  const hydrated = useHydrated();
  return (
    <button
      type="button"
      disabled={pending || !hydrated}
      onClick={() => {
        setPending(true);
        void signOutTo("/sign-in?reason=signed-out");
      }}
      className="rounded border border-white/40 px-3 py-1 text-sm text-white hover:bg-white/10 disabled:opacity-60"
    >
      {label}
    </button>
  );
}
