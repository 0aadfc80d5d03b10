import "server-only";
import {
  KNOWN_ADDRESS_DAYS,
  delayAfter,
  signInThrottleRules,
  throttleKind,
  type ThrottleKind,
  type ThrottleRules,
} from "@workplan/core/rules/sign-in-throttle";
import { prisma, type Prisma } from "@workplan/db";

// Failed password checks, counted in PostgreSQL under three keys (address, account, both) with
// growing delays: the rules and the reasons for them are in @workplan/core/rules/sign-in-throttle.
// Every count is one atomic statement, so the limits hold across app instances and under
// concurrent attempts. A wrong password at sign-in and a wrong current password when changing it
// count alike (the latter on the account and the address-and-account keys only), so a borrowed
// session cannot guess the password beside the sign-in form's limit.

/** What an attempt is counted under: the client's address as throttleAddress() gives it, and the e-mail as typed (lower-cased). */
export interface ThrottleKeys {
  address: string;
  email: string;
}

export interface ThrottleOptions {
  /** The clock (tests move it instead of waiting). */
  now?: Date;
  /** The rules (tests may shorten them); SIGN_IN_ADDRESS_LIMIT's by default. */
  rules?: ThrottleRules;
}

/** A refusal: which key holds the attempt back, and until when. */
export interface Throttle {
  kind: ThrottleKind;
  address: string;
  email: string;
  delayedUntil: Date;
  failures: number;
}

export function currentRules(): ThrottleRules {
  return signInThrottleRules(process.env.SIGN_IN_ADDRESS_LIMIT);
}

/** Whole seconds until `until`, at least 1. */
export function secondsUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}

interface Row {
  address: string;
  email: string;
  failures: number;
  delayed_until: Date;
}

/**
 * Has the user signed in successfully from this address (as the client sent it, not its /64)
 * within KNOWN_ADDRESS_DAYS? Always one query, for an unknown e-mail too (same timing).
 */
async function isKnownAddress(userId: string | null, ip: string | null, now: Date): Promise<boolean> {
  const since = new Date(now.getTime() - KNOWN_ADDRESS_DAYS * 86_400_000);
  const rows = await prisma.$queryRaw<{ known: number }[]>`
    SELECT 1 AS known FROM user_sessions
    WHERE user_id = ${userId ?? ""} AND ip = ${ip ?? ""} AND created_at > ${since}
    LIMIT 1`;
  return rows.length > 0;
}

/**
 * The delay that holds this attempt back, or null when it may go ahead. The address-and-account
 * delay holds back everyone; the account's and the address's do not hold back an address the
 * account has signed in from before (see the rules for why).
 */
export async function findThrottle(
  keys: ThrottleKeys,
  who: { userId: string | null; ip: string | null },
  options: ThrottleOptions = {},
): Promise<Throttle | null> {
  const now = options.now ?? new Date();
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT address, email, failures, delayed_until FROM sign_in_throttles
    WHERE (address, email) IN ((${keys.address}, ${keys.email}), (${keys.address}, ''), ('', ${keys.email}))
      AND delayed_until > ${now}`;
  const delays = rows.map((r) => ({ kind: throttleKind(r), address: r.address, email: r.email, delayedUntil: r.delayed_until, failures: r.failures }));
  const others = delays.filter((d) => d.kind !== "pair");
  const applying = others.length > 0 && (await isKnownAddress(who.userId, who.ip, now)) ? delays.filter((d) => d.kind === "pair") : delays;
  // The longest of those that apply: the wait the answer gives is the whole wait.
  return applying.reduce<Throttle | null>((a, b) => (a && a.delayedUntil >= b.delayedUntil ? a : b), null);
}

/**
 * Count one refused attempt on the key that refused it; true for the first during its delay
 * (the one the audit trail records, so that a flood of refusals is one event, not a million).
 */
export async function countRefusal(throttle: Throttle): Promise<boolean> {
  const rows = await prisma.$queryRaw<{ refused: number }[]>`
    UPDATE sign_in_throttles SET refused = LEAST(refused, 2147483646) + 1
    WHERE address = ${throttle.address} AND email = ${throttle.email}
    RETURNING refused`;
  return rows[0]?.refused === 1;
}

export interface FailureCount {
  /** Failures in the current run, per key counted. */
  failures: Partial<Record<ThrottleKind, number>>;
  /** The longest delay this failure started, if any. */
  delayed: { kind: ThrottleKind; until: Date } | null;
}

/** One failure under one key: an atomic upsert that starts or extends the key's run and sets its delay. */
async function countOne(address: string, email: string, kind: ThrottleKind, rules: ThrottleRules, now: Date) {
  const rule = rules[kind];
  const forgetBefore = new Date(now.getTime() - rule.forgetSeconds * 1000);
  // The run's new length: one more, or a fresh run when the last failure is forgotten.
  const rows = await prisma.$queryRaw<{ failures: number }[]>`
    INSERT INTO sign_in_throttles AS t (address, email, failures, last_failed_at, delayed_until, refused)
    VALUES (${address}, ${email}, 1, ${now}, NULL, 0)
    ON CONFLICT (address, email) DO UPDATE SET
      failures = CASE WHEN t.last_failed_at > ${forgetBefore} THEN LEAST(t.failures, 1000000) + 1 ELSE 1 END,
      last_failed_at = GREATEST(t.last_failed_at, ${now})
    RETURNING failures`;
  const failures = rows[0]?.failures ?? 1;
  const seconds = delayAfter(rule, failures);
  if (seconds === 0) return { kind, failures, until: null };
  const until = new Date(now.getTime() + seconds * 1000);
  // A concurrent failure may have set a longer delay meanwhile: keep the longer one.
  await prisma.$executeRaw`
    UPDATE sign_in_throttles
    SET delayed_until = GREATEST(COALESCE(delayed_until, ${until}), ${until}), refused = 0
    WHERE address = ${address} AND email = ${email}`;
  return { kind, failures, until };
}

/** Every run is forgotten a day after its last failure at the latest (the address rule's window). */
const PRUNE_AFTER_MS = 24 * 3600_000;
/** One counted failure in this many also prunes (so that a spray of made-up e-mails does not grow the table for ever). */
const PRUNE_EVERY = 100;

/**
 * Delete rows whose run is forgotten and whose delay is over: they mean what no row means. By the
 * real clock, not a test's; a batch at a time.
 */
export async function pruneForgotten(): Promise<number> {
  const before = new Date(Date.now() - PRUNE_AFTER_MS);
  return prisma.$executeRaw`
    DELETE FROM sign_in_throttles WHERE (address, email) IN (
      SELECT address, email FROM sign_in_throttles
      WHERE last_failed_at < ${before} AND (delayed_until IS NULL OR delayed_until < ${before})
      LIMIT 1000)`;
}

/**
 * Count a failed password check. At sign-in all three keys count; a wrong current password when
 * changing one's password counts on the account and the address-and-account keys (`address: false`).
 */
export async function countFailure(
  keys: ThrottleKeys,
  options: ThrottleOptions & { address?: boolean } = {},
): Promise<FailureCount> {
  const now = options.now ?? new Date();
  const rules = options.rules ?? currentRules();
  const counted = [
    await countOne(keys.address, keys.email, "pair", rules, now),
    await countOne("", keys.email, "account", rules, now),
    ...(options.address === false ? [] : [await countOne(keys.address, "", "address", rules, now)]),
  ];
  if (Math.random() * PRUNE_EVERY < 1) await pruneForgotten();
  const failures: FailureCount["failures"] = {};
  let delayed: FailureCount["delayed"] = null;
  for (const c of counted) {
    failures[c.kind] = c.failures;
    if (c.until && (!delayed || c.until > delayed.until)) delayed = { kind: c.kind, until: c.until };
  }
  return { failures, delayed };
}

/** A right password forgets the failures at this address for this account (not the account's or the address's: those are others' doing). */
export async function clearPair(tx: Prisma.TransactionClient, keys: ThrottleKeys): Promise<void> {
  await tx.signInThrottle.deleteMany({ where: { address: keys.address, email: keys.email } });
}

/** A new password forgets every failure counted on the account, at any address (the guesses were at the old one). */
export async function clearAccount(tx: Prisma.TransactionClient, email: string): Promise<void> {
  await tx.signInThrottle.deleteMany({ where: { email } });
}
