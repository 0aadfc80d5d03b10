"use server";

import { getSession } from "@workplan/auth";
import { clientIp } from "@workplan/auth/options";
import { createApiToken, revokeApiToken } from "@workplan/core/operations/api-tokens";
import { DomainError } from "@workplan/core/operations/errors";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";

export type CreateTokenState =
  | { status: "idle" }
  | { status: "created"; name: string; token: string }
  | { status: "invalid"; fields: Record<string, string> }
  | { status: "signed-out" }
  | { status: "error" };

async function ip() {
  return clientIp(Object.fromEntries((await headers()).entries()));
}

/** Make a token; it travels back to the form once and is never readable again. */
export async function createTokenAction(_previous: CreateTokenState, formData: FormData): Promise<CreateTokenState> {
  const viewer = await getSession();
  if (!viewer) return { status: "signed-out" };
  const name = formData.get("name");
  try {
    const created = await createApiToken(viewer, { name: typeof name === "string" ? name : "" }, { ip: await ip() });
    revalidatePath("/settings");
    return { status: "created", name: typeof name === "string" ? name.trim() : "", token: created.token };
  } catch (error) {
    if (error instanceof DomainError && error.code === "invalid") return { status: "invalid", fields: error.fields ?? { form: "error" } };
    console.error("creating an API token failed", error);
    return { status: "error" };
  }
}

export type RevokeTokenState = { status: "idle" | "revoked" | "signed-out" | "error" };

export async function revokeTokenAction(_previous: RevokeTokenState, formData: FormData): Promise<RevokeTokenState> {
  const viewer = await getSession();
  if (!viewer) return { status: "signed-out" };
  try {
    await revokeApiToken(viewer, formData.get("id"), { ip: await ip() });
    revalidatePath("/settings");
    return { status: "revoked" };
  } catch (error) {
    // Someone else's or an unknown token: nothing to revoke, and nothing to tell.
    if (error instanceof DomainError && error.code === "not_found") return { status: "error" };
    console.error("revoking an API token failed", error);
    return { status: "error" };
  }
}
