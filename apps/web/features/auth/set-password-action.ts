"use server";

import { clientIp } from "@workplan/auth/client-ip";
import { hashPassword } from "@workplan/auth/password";
import { DomainError } from "@workplan/core/operations/errors";
import { checkPasswordLink, redeemPasswordLink } from "@workplan/core/operations/redeem-password-link";
import { checkNewPassword } from "@workplan/core/rules/password-policy";
import { headers } from "next/headers";

export type SetPasswordResult =
  | { status: "done" }
  | { status: "invalid"; fields: Record<string, string> }
  | { status: "error" };

/**
 * Set a password from a one-time link: no session needed, the link is the credential. The new
 * password is checked against the policy (with the link's user's e-mail and name), hashed, and only
 * the hash goes to the operation.
 */
export async function setPasswordAction(token: string, password: string, confirm: string): Promise<SetPasswordResult> {
  try {
    const link = await checkPasswordLink(token);
    if (link.status !== "valid") return { status: "invalid", fields: { form: `link.${link.status}` } };
    const fields: Record<string, string> = {};
    const plain = typeof password === "string" ? password : "";
    const problem = checkNewPassword(plain, { email: link.email, name: link.name });
    if (problem) fields.password = problem;
    if (typeof confirm !== "string" || confirm === "") fields.confirm = "confirm.required";
    else if (!problem && confirm !== plain) fields.confirm = "confirm.mismatch";
    if (Object.keys(fields).length > 0) return { status: "invalid", fields };
    await redeemPasswordLink(token, await hashPassword(plain), { ip: clientIp(await headers()) });
    return { status: "done" };
  } catch (error) {
    if (error instanceof DomainError) return { status: "invalid", fields: error.fields ?? { form: "link.invalid" } };
    console.error("setting a password failed", error);
    return { status: "error" };
  }
}
