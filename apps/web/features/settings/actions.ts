"use server";

import { createApiToken, revokeApiToken } from "@workplan/core/operations/api-tokens";
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/authed-action";

export type CreateTokenResult =
  | { status: "created"; name: string; token: string }
  | { status: "invalid"; fields: Record<string, string> }
  | { status: "signed-out" }
  | { status: "error" };

/** Make a token; it travels back to the form once and is never readable again. */
export async function createTokenAction(name: unknown): Promise<CreateTokenResult> {
  return authedAction(
    "signed-in",
    "creating an API token",
    async ({ viewer, ip }) => {
      const created = await createApiToken(viewer, { name: typeof name === "string" ? name : "" }, { ip });
      revalidatePath("/settings");
      return { status: "created", name: typeof name === "string" ? name.trim() : "", token: created.token } as const;
    },
    (error): CreateTokenResult => (error.code === "invalid" ? { status: "invalid", fields: error.fields ?? { form: "error" } } : { status: "error" }),
  );
}

export type RevokeTokenResult = { status: "revoked" | "not-found" | "signed-out" | "error" };

export async function revokeTokenAction(id: unknown): Promise<RevokeTokenResult> {
  return authedAction(
    "signed-in",
    "revoking an API token",
    async ({ viewer, ip }) => {
      await revokeApiToken(viewer, id, { ip });
      revalidatePath("/settings");
      return { status: "revoked" } as const;
    },
    // Someone else's or an unknown token: nothing to revoke, and nothing to tell.
    (): RevokeTokenResult => ({ status: "not-found" }),
  );
}
