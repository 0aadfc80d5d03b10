// Can this process reach its PostgreSQL? What the connection pool has seen, kept on globalThis so
// that every bundle of the same server process (the proxy, route handlers, pages) reads one answer.
//
// - A connection attempt that fails because the server is unreachable (refused, reset, timed out,
//   shutting down or starting up) marks the database down, and a probe starts: every second the
//   pool tries to connect again (one attempt at a time, timer unref'd).
// - Any successful connection (the probe's, or a request's) marks it up again. Nothing restarts.
// - While it is down, callers answer 503 with Retry-After instead of trying (proxy.ts for pages,
//   lib/api.ts for /api/v1), so an outage costs nobody a hung request or a stack of errors.
//
// No imports and no `server-only`: the proxy reads this too (through @workplan/core/infra).

export const RETRY_AFTER_SECONDS = 5;
const PROBE_INTERVAL_MS = 1_000;

export interface DatabaseOutage {
  /** When this process first failed to connect, in this outage. */
  since: Date;
  /** What the last failed attempt said (for logs; never shown to users). */
  reason: string;
}

interface AvailabilityState {
  outage: DatabaseOutage | null;
  probe: (() => Promise<unknown>) | null;
  probeTimer: ReturnType<typeof setTimeout> | null;
  probing: boolean;
  /** An outage ahead of its first connection: set by checkDatabaseOnce (instrumentation) while it runs. */
  initialCheck: Promise<void> | null;
}

const KEY = Symbol.for("workplan.database-availability");

function state(): AvailabilityState {
  const holder = globalThis as unknown as Record<symbol, AvailabilityState | undefined>;
  holder[KEY] ??= { outage: null, probe: null, probeTimer: null, probing: false, initialCheck: null };
  return holder[KEY];
}

/** The current outage, or null while the database answers (or nothing is known yet). */
export function databaseOutage(): DatabaseOutage | null {
  return state().outage;
}

/** Resolves once the check started at server start (if any) is over: callers may await it before their first answer. */
export function initialDatabaseCheck(): Promise<void> | null {
  return state().initialCheck;
}

/** A connection was made: the database answers. */
export function reportDatabaseReachable(): void {
  const s = state();
  if (!s.outage) return;
  const seconds = ((Date.now() - s.outage.since.getTime()) / 1000).toFixed(1);
  console.warn(`[database] reachable again after ${seconds} s`);
  s.outage = null;
  if (s.probeTimer) clearTimeout(s.probeTimer);
  s.probeTimer = null;
}

/**
 * Note a failed connection attempt or a failed query. Returns true (and marks the database down)
 * when the error says the server cannot be reached; other errors are left to the caller.
 */
export function reportDatabaseError(error: unknown): boolean {
  if (!isConnectionFailure(error)) return false;
  const s = state();
  const reason = describe(error);
  if (!s.outage) {
    s.outage = { since: new Date(), reason };
    console.warn(`[database] unreachable (${reason}): answering 503 until it is back`);
  } else {
    s.outage.reason = reason;
  }
  scheduleProbe();
  return true;
}

/** The pool's way of trying again; client.ts registers it when the pool is made. */
export function setDatabaseProbe(probe: () => Promise<unknown>): void {
  state().probe = probe;
}

/**
 * An established connection failed (the server closed it, e.g. while restarting): try to connect
 * at once rather than declare an outage, so a single killed connection costs no one a 503.
 */
export function suspectDatabase(error: unknown): void {
  if (!isConnectionFailure(error)) return;
  const s = state();
  if (s.outage || s.probing || !s.probe) return;
  s.probing = true;
  s.probe()
    .then(
      () => reportDatabaseReachable(),
      (failure: unknown) => void reportDatabaseError(failure),
    )
    .finally(() => {
      s.probing = false;
      if (s.outage) scheduleProbe();
    });
}

/**
 * Try the database once now (at server start): an unreachable one is known before the first
 * request instead of being discovered by it. Never throws.
 */
export function checkDatabaseOnce(): Promise<void> {
  const s = state();
  s.initialCheck ??= (async () => {
    try {
      await s.probe?.();
      reportDatabaseReachable();
    } catch (error) {
      reportDatabaseError(error);
    }
  })();
  return s.initialCheck;
}

function scheduleProbe(): void {
  const s = state();
  if (s.probeTimer || s.probing || !s.probe) return;
  s.probeTimer = setTimeout(() => {
    s.probeTimer = null;
    if (!s.outage || !s.probe) return;
    s.probing = true;
    s.probe()
      .then(
        () => reportDatabaseReachable(),
        (error: unknown) => {
          // Something else than reachability (a wrong password, a missing database): still down.
          if (!reportDatabaseError(error) && s.outage) s.outage.reason = describe(error);
        },
      )
      .finally(() => {
        s.probing = false;
        if (s.outage) scheduleProbe();
      });
  }, PROBE_INTERVAL_MS);
  s.probeTimer.unref?.();
}

// ---------------------------------------------------------------------------------------------
// Which errors mean "the server cannot be reached" (rather than "this query was wrong").

const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "EPIPE",
]);
/** 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting up, shutting down). */
const SERVER_GONE_STATES = new Set(["57P01", "57P02", "57P03"]);
/** Prisma: can't reach (P1001), timed out (P1002, P1008), server closed the connection (P1017). */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017"]);
/** @prisma/adapter-pg's names for the same. */
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout"]);
const PG_MESSAGES = [/^Connection terminated/, /^Client has encountered a connection error/, /^Connection timeout/i];

/** Does this error (or one it wraps) say the database server cannot be reached? */
export function isConnectionFailure(error: unknown, depth = 0): boolean {
  if (depth > 6 || typeof error !== "object" || error === null) return false;
  const e = error as {
    code?: unknown;
    kind?: unknown;
    originalCode?: unknown;
    message?: unknown;
    cause?: unknown;
    meta?: { driverAdapterError?: unknown };
    errors?: unknown;
  };
  const code = typeof e.code === "string" ? e.code : typeof e.originalCode === "string" ? e.originalCode : null;
  if (code && (SOCKET_CODES.has(code) || SERVER_GONE_STATES.has(code) || code.startsWith("08") || PRISMA_CODES.has(code))) return true;
  if (typeof e.kind === "string" && ADAPTER_KINDS.has(e.kind)) return true;
  if (typeof e.message === "string" && PG_MESSAGES.some((m) => m.test(e.message as string))) return true;
  // AggregateError (a host that resolves to several addresses, all refused)
  if (Array.isArray(e.errors) && e.errors.some((inner) => isConnectionFailure(inner, depth + 1))) return true;
  return isConnectionFailure(e.cause, depth + 1) || isConnectionFailure(e.meta?.driverAdapterError, depth + 1);
}

function describe(error: unknown): string {
  if (typeof error !== "object" || error === null) return String(error);
  const e = error as { code?: unknown; message?: unknown };
  const message = typeof e.message === "string" && e.message ? e.message : "no message";
  return typeof e.code === "string" ? `${e.code}: ${message}` : message;
}
