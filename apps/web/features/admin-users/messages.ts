// Operations answer with message keys (`email.taken`); the admin pages nest their wording under
// adminUsers.errors. An unknown key falls back to a general message rather than showing the key.
import { errorMessage as translateError, type ErrorTranslator } from "@/lib/error-message";

export function errorMessage(t: ErrorTranslator, field: string, key: string | undefined): string | null {
  if (!key) return null;
  return translateError(t, key.includes(".") ? key : `${field}.${key}`, "summary");
}

