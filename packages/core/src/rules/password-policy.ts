// What a new password must be: used when a user sets a password from a one-time link, and when a
// signed-in user changes their own. Pure (no I/O); the answer is a message key that each transport
// translates (the form in the user's language, the API in English).
import { dictionary } from "@zxcvbn-ts/language-common";

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

export type PasswordProblem =
  | "password.required"
  | "password.tooShort"
  | "password.tooLong"
  | "password.common"
  | "password.personal";

/** English wording of the keys, for the API and the command line. */
export const PASSWORD_MESSAGES: Record<PasswordProblem, string> = {
  "password.required": "Enter a password.",
  "password.tooShort": `Use at least ${PASSWORD_MIN_LENGTH} characters.`,
  "password.tooLong": `Use at most ${PASSWORD_MAX_LENGTH} characters.`,
  "password.common": "This password is too common: choose another.",
  "password.personal": "Do not use your e-mail address or name as the password.",
};

// The common-password list shipped with zxcvbn-ts (about 49,000 entries, all lower case), built into
// a set on first use.
let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary["passwords-common"].map((p) => p.toLowerCase()));
  return common;
}

/** Length in characters as a person counts them (一 is one character, so is 😀). */
function characters(text: string): number {
  return [...text].length;
}

function normalise(text: string): string {
  return text.normalize("NFKC").trim().toLowerCase();
}

/**
 * Null when `password` may be used, else the first problem's key. The password is taken as typed
 * (no trimming); comparisons with the common list and the user's own details ignore letter case.
 */
export function checkNewPassword(
  password: string,
  about: { email?: string | null; name?: string | null } = {},
): PasswordProblem | null {
  if (password.length === 0) return "password.required";
  const length = characters(password);
  if (length < PASSWORD_MIN_LENGTH) return "password.tooShort";
  if (length > PASSWORD_MAX_LENGTH) return "password.tooLong";
  const candidate = normalise(password);
  if (commonPasswords().has(candidate)) return "password.common";
  const email = about.email ? normalise(about.email) : "";
  const personal = [email, email.split("@")[0] ?? "", about.name ? normalise(about.name) : ""].filter((s) => s.length > 0);
  const compact = candidate.replace(/\s+/g, "");
  if (personal.some((p) => candidate === p || compact === p.replace(/\s+/g, ""))) return "password.personal";
  return null;
}
