// An audit event's before/after, as a short list of what changed. Pure: no I/O.

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface AuditChange {
  /** The field, e.g. "progress"; "" when before/after is not an object. */
  key: string;
  /** undefined when the field was not there before (a value that appeared). */
  before?: string;
  /** undefined when the field is gone after (a value that disappeared). */
  after?: string;
}

const MAX_VALUE = 120;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A value in one line: strings as they are, anything else as JSON; long ones shortened. */
export function formatAuditValue(value: unknown, max = MAX_VALUE): string {
  const text = typeof value === "string" ? value : (JSON.stringify(value as Json) ?? "null");
  const line = text.replace(/\s+/g, " ");
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/**
 * The fields that differ between before and after, in the order they first appear; unchanged
 * fields are left out, except when there is no "before" (a creation): then every field of after.
 */
export function auditChanges(before: unknown, after: unknown): AuditChange[] {
  const hasBefore = before !== null && before !== undefined;
  const hasAfter = after !== null && after !== undefined;
  if (!hasBefore && !hasAfter) return [];
  if ((hasBefore && !isRecord(before)) || (hasAfter && !isRecord(after))) {
    return [
      {
        key: "",
        ...(hasBefore ? { before: formatAuditValue(before) } : {}),
        ...(hasAfter ? { after: formatAuditValue(after) } : {}),
      },
    ];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const changes: AuditChange[] = [];
  for (const key of keys) {
    const inBefore = Object.hasOwn(b, key);
    const inAfter = Object.hasOwn(a, key);
    if (inBefore && inAfter && JSON.stringify(b[key]) === JSON.stringify(a[key])) continue;
    changes.push({
      key,
      ...(inBefore ? { before: formatAuditValue(b[key]) } : {}),
      ...(inAfter ? { after: formatAuditValue(a[key]) } : {}),
    });
  }
  return changes;
}
