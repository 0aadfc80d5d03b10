// The audit trail's filters as they travel in the URL (shared by the page, the filter form and the
// export link). Blank filters are left out of the URL.
import type { AuditObjectType } from "@workplan/core/rules/audit-actions";

export const AUDIT_FILTER_KEYS = ["actor", "action", "objectType", "objectId", "from", "to"] as const;
export type AuditFilterKey = (typeof AUDIT_FILTER_KEYS)[number];
export type AuditFilterValues = Record<AuditFilterKey, string>;

/**
 * Object types of the events in the trail, in the order the filter offers them (and whatever the
 * URL has); a unit test checks this is every type the trail records.
 */
export const AUDIT_OBJECT_TYPES = [
  "User",
  "UserSession",
  "ApiToken",
  "Department",
  "WorkPlan",
  "Theme",
  "Initiative",
  "ProgressUpdate",
  "Milestone",
  "ExtensionRequest",
  "AuditEvent",
  "AppSetting",
] as const satisfies readonly AuditObjectType[];

type Search = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

export function filtersFromSearch(params: Search): AuditFilterValues {
  return Object.fromEntries(AUDIT_FILTER_KEYS.map((key) => [key, first(params[key]).trim()])) as AuditFilterValues;
}

/** "?actor=…&from=…" (with a cursor when given), or "" when there is nothing to say. */
export function auditSearch(filters: AuditFilterValues, cursor: { before?: string; after?: string } = {}): string {
  const query = new URLSearchParams();
  for (const key of AUDIT_FILTER_KEYS) if (filters[key].trim()) query.set(key, filters[key].trim());
  if (cursor.before) query.set("before", cursor.before);
  if (cursor.after) query.set("after", cursor.after);
  const text = query.toString();
  return text ? `?${text}` : "";
}
