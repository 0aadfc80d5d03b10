"use server";

import { clearSignInThrottle } from "@workplan/core/operations/sign-in-throttles";
import { fieldsOf } from "@/lib/action-args";
import { authedAction } from "@/lib/authed-action";

// The sign-in limits page's one action: clear a limit (the operation checks the key and audits it).

export type ClearThrottleResult =
  | { status: "done"; cleared: boolean }
  | { status: "invalid"; fields: Record<string, string> }
  | { status: "signed-out" }
  | { status: "not-found" }
  | { status: "error" };

export async function clearThrottleAction(key: { address: unknown; email: unknown }): Promise<ClearThrottleResult> {
  return authedAction<ClearThrottleResult, ClearThrottleResult>(
    "admin.throttles",
    "clearing a sign-in limit",
    async ({ viewer, ip }) => {
      // No revalidation: the row stays, saying it was cleared, until the page is next opened (a
      // row that vanished under the pointer would take its confirmation with it).
      const sent = fieldsOf(key);
      const { cleared } = await clearSignInThrottle(viewer, { address: sent.address, email: sent.email }, { ip });
      return { status: "done", cleared };
    },
    (error) => (error.code === "invalid" ? { status: "invalid", fields: error.fields ?? { form: "key.invalid" } } : { status: "not-found" }),
  );
}
