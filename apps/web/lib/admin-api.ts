import "server-only";
import { DomainError } from "@workplan/core/operations/errors";
import { ADMIN_USER_MESSAGES } from "@workplan/core/operations/user-admin";

/**
 * Run an account-administration operation for the API, giving its field errors in English with the
 * admin operations' own wording (their keys, such as name.required, mean something else elsewhere
 * in the API's shared table). withApi maps the DomainError to the status as usual.
 */
export async function adminOperation<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof DomainError && error.fields) {
      const fields = Object.fromEntries(
        Object.entries(error.fields).map(([field, key]) => [field, ADMIN_USER_MESSAGES[key] ?? (key.endsWith(".invalid") ? "This value is not valid." : key)]),
      );
      throw new DomainError(error.code, error.message, fields);
    }
    throw error;
  }
}
