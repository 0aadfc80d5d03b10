// Setting a password from a one-time link (an invitation or a forced reset). No session is needed:
// the link is the credential. The web action checks the new password against the policy
// (rules/password-policy.ts) and hashes it (packages/auth) before it calls redeemPasswordLink, so
// the plain password never reaches this package.
// One operation per file in redeem-password-link/, what they share in redeem-password-link/shared.ts.
export { checkPasswordLink } from "./redeem-password-link/check-password-link";
export { redeemPasswordLink } from "./redeem-password-link/redeem-password-link";
export { type PasswordLinkState } from "./redeem-password-link/shared";
