// The lists' filters as they travel in the URL (/initiatives, /updates). The names are a contract:
// the dashboard links here with them, and a filtered list can be bookmarked and shared.

export const INITIATIVE_PARAMS = ["year", "department", "theme", "health", "light", "overdue", "late", "attention", "review", "closed", "q", "in", "sort", "page"] as const;
export const UPDATE_PARAMS = ["year", "department", "theme", "initiative", "review", "health", "period", "q", "sort", "cursor"] as const;

export type Search = Record<string, string | string[] | undefined>;
export type Values<K extends string> = Partial<Record<K, string>>;

/** The known parameters (first value, trimmed, blanks left out) and the names of unknown ones. */
export function readParams<K extends string>(keys: readonly K[], search: Search): { values: Values<K>; unknown: string[] } {
  const values: Values<K> = {};
  for (const key of keys) {
    const raw = search[key];
    const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
    if (value) values[key] = value;
  }
  const unknown = Object.keys(search).filter((k) => !(keys as readonly string[]).includes(k));
  return { values, unknown };
}

/** `path?…` with the values (blank ones left out) and the changes applied. */
export function listHref(path: string, values: Record<string, string | undefined>, changes: Record<string, string | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...values, ...changes })) if (value?.trim()) query.set(key, value.trim());
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
