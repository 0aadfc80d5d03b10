// A server action's arguments are whatever the request carried, decoded by React: the TypeScript
// types in its signature are the form's promise, not the client's. These read them without trusting
// them (the property test in test/server-actions.property.int.test.ts sends everything else).

/** The FormData an action was sent, or an empty one (its fields then read as missing). */
export function formOf(value: unknown): FormData {
  return value instanceof FormData ? value : new FormData();
}

/** The object an action was sent, or an empty one (null, a string, an array: its fields then read as missing). */
export function fieldsOf(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** A page address with ids in it, for revalidatePath: an id that is not a string is left out, never converted. */
export function path(strings: TemplateStringsArray, ...ids: unknown[]): string {
  return strings.reduce((out, part, i) => {
    const id = i < ids.length ? ids[i] : "";
    return out + part + (typeof id === "string" ? segment(id) : "");
  }, "");
}

function segment(id: string): string {
  try {
    return encodeURIComponent(id);
  } catch {
    return ""; // a lone surrogate: no page has it in its address
  }
}
