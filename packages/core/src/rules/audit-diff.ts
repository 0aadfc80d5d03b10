// An audit event's before/after, as a short list of what changed, and how an event's address is
// shown. Pure: no I/O. The pages word the fields and values in the reader's language.

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface AuditChange {
  /** The field, e.g. "progress", or "passwordLink.expiresAt" inside an object; "" when before/after is not an object. */
  key: string;
  /** The value before; absent when the field was not there before (a value that appeared). */
  before?: unknown;
  /** The value after; absent when the field is gone after (a value that disappeared). */
  after?: unknown;
  /** A secret (a token, a hash): its values are never given, only that it changed. */
  secret?: true;
}

const MAX_VALUE = 120;

/**
 * Fields whose values are never shown. The audit trail is written without them (tests check that
 * no token or hash reaches it), so this is the second line: a field named like one is withheld.
 */
const SECRET_FIELD = /(^|\.)(token|tokenHash|passwordHash|password|secret|hash)$/i;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A value in one line: strings as they are, anything else as JSON; long ones shortened. */
export function formatAuditValue(value: unknown, max = MAX_VALUE): string {
  const text = typeof value === "string" ? value : (JSON.stringify(value as Json) ?? "null");
  const line = text.replace(/\s+/g, " ");
  return [...line].length > max ? `${[...line].slice(0, max - 1).join("")}…` : line;
}

/** The fields of an object, one level of nested objects spelled out ("passwordLink.purpose"). */
function flatten(value: Record<string, unknown>): Map<string, unknown> {
  const fields = new Map<string, unknown>();
  for (const [key, inner] of Object.entries(value)) {
    if (isRecord(inner) && Object.keys(inner).length > 0) {
      for (const [innerKey, innerValue] of Object.entries(inner)) fields.set(`${key}.${innerKey}`, innerValue);
    } else {
      fields.set(key, inner);
    }
  }
  return fields;
}

/**
 * The fields that differ between before and after, in the order they first appear; unchanged
 * fields are left out, except when there is no "before" (a creation): then every field of after.
 * The values are given as stored (the page words them); a secret field's never are.
 */
export function auditChanges(before: unknown, after: unknown): AuditChange[] {
  const hasBefore = before !== null && before !== undefined;
  const hasAfter = after !== null && after !== undefined;
  if (!hasBefore && !hasAfter) return [];
  if ((hasBefore && !isRecord(before)) || (hasAfter && !isRecord(after))) {
    return [{ key: "", ...(hasBefore ? { before } : {}), ...(hasAfter ? { after } : {}) }];
  }
  const b = flatten(isRecord(before) ? before : {});
  const a = flatten(isRecord(after) ? after : {});
  const keys = [...new Set([...b.keys(), ...a.keys()])];
  const changes: AuditChange[] = [];
  for (const key of keys) {
    const inBefore = b.has(key);
    const inAfter = a.has(key);
    if (inBefore && inAfter && JSON.stringify(b.get(key)) === JSON.stringify(a.get(key))) continue;
    if (SECRET_FIELD.test(key)) {
      changes.push({ key, secret: true });
      continue;
    }
    changes.push({ key, ...(inBefore ? { before: b.get(key) } : {}), ...(inAfter ? { after: a.get(key) } : {}) });
  }
  return changes;
}

/**
 * An address as people write it: an IPv4 address that reached an IPv6 socket ("::ffff:127.0.0.1")
 * is shown as the IPv4 address it is.
 */
export function displayIp(ip: string | null | undefined): string | null {
  if (!ip) return null;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip.trim());
  return mapped?.[1] ?? ip.trim();
}

/** An ISO timestamp as the audit trail stores them ("2026-12-03T10:00:00.000Z"), for wording as a time. */
export function isAuditTimestamp(value: unknown): value is string {
  return typeof value === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value));
}
