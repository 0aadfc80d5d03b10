// Operations answer with message keys (`email.taken`); the admin pages nest their wording under
// adminUsers.errors. An unknown key falls back to a general message rather than showing the key.
import { errorMessage as translateError, type ErrorTranslator } from "@/lib/error-message";

export function errorMessage(t: ErrorTranslator, field: string, key: string | undefined): string | null {
  if (!key) return null;
  return translateError(t, key.includes(".") ? key : `${field}.${key}`, "summary");
}

export const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-1 focus:ring-brand-600 aria-[invalid=true]:border-red-600";
