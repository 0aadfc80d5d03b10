import "server-only";
import { type PasswordLinkPurpose } from "../password-link";

// What the operations in redeem-password-link/ share.
export type PasswordLinkState =
  | { status: "valid"; purpose: PasswordLinkPurpose; email: string; name: string; expiresAt: Date }
  | { status: "invalid" | "used" | "expired" };
