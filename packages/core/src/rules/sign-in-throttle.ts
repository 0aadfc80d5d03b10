// Sign-in throttling: how failed sign-ins slow the next attempt. Pure; the statements that count
// live in packages/auth/src/throttle.ts, the admin's list in operations/sign-in-throttles.ts.
//
// Failures are counted under three keys at once, each a row of sign_in_throttles:
//   - the address and the account (e-mail) together: someone guessing one password from one place;
//   - the account alone, from anywhere: one account attacked from many addresses;
//   - the address alone, whatever the account: one place trying a password on many accounts
//     (spraying).
// A key's first failures are free; from `delayFrom` on every failure refuses the key's next attempts
// until a delay has passed that doubles with each further failure, up to `maxDelaySeconds`. A run
// of failures is forgotten `forgetSeconds` after its last one (longer than the longest delay, so
// that waiting out the cap does not start a fresh run of free failures). Refused attempts are not
// failures (no password was checked) and do not make a delay longer.
//
// Who a delay holds back — the policy, and why:
//   - The address-and-account delay holds back everyone at that address for that account, the right
//     password included: it is the ordinary "too many wrong passwords here" rule (5, then 1 minute
//     doubling to 15). The account's owner elsewhere is not affected.
//   - The account delay is gentler and shorter (10 failures, then 30 seconds doubling to 5 minutes)
//     because anyone can set it off: it is what slows a distributed attack on one account. It does not
//     hold back an address the account has signed in from successfully in the last 30 days (a
//     "known address", as device cookies do it in OWASP's advice): its owner keeps signing in at
//     the office while strangers elsewhere attack the account, and an owner on a new address waits
//     no longer than 5 minutes. Only someone at the owner's own address gets past it — and they are
//     still held by the address-and-account rule.
//   - The address delay (10 failures, then 1 minute doubling to an hour) holds back attempts from
//     that address on every account except those signed in from it before (known addresses, again):
//     a sprayer is slowed on every account it has not already broken into, and one person failing
//     on many accounts behind an office's shared address does not lock the office out. Its threshold
//     can be raised for a deployment where many people share one address (SIGN_IN_ADDRESS_LIMIT).
// None of the answers depends on whether an account has the e-mail: unknown e-mails are counted
// and delayed alike (the known-address exception needs a successful sign-in, which only a real
// account has, from that very address).

export const THROTTLE_KINDS = ["pair", "account", "address"] as const;
export type ThrottleKind = (typeof THROTTLE_KINDS)[number];

export interface ThrottleRule {
  /** The failure (1-based) that starts the first delay; the ones before are free. */
  delayFrom: number;
  /** The first delay; each further failure doubles it. */
  firstDelaySeconds: number;
  maxDelaySeconds: number;
  /** A run of failures is forgotten this long after its last failure. */
  forgetSeconds: number;
}

export type ThrottleRules = Record<ThrottleKind, ThrottleRule>;

export const SIGN_IN_THROTTLE_RULES: ThrottleRules = {
  pair: { delayFrom: 5, firstDelaySeconds: 60, maxDelaySeconds: 15 * 60, forgetSeconds: 3600 },
  account: { delayFrom: 10, firstDelaySeconds: 30, maxDelaySeconds: 5 * 60, forgetSeconds: 3600 },
  address: { delayFrom: 10, firstDelaySeconds: 60, maxDelaySeconds: 3600, forgetSeconds: 24 * 3600 },
};

/** An address where the account signed in within this many days passes its account and address delays. */
export const KNOWN_ADDRESS_DAYS = 30;

/** The largest SIGN_IN_ADDRESS_LIMIT accepted. */
export const MAX_ADDRESS_LIMIT = 10_000;

/** The rules, with the address rule's threshold from SIGN_IN_ADDRESS_LIMIT when it is set (checked at start-up). */
export function signInThrottleRules(addressLimit: string | undefined): ThrottleRules {
  const n = Number(addressLimit);
  if (!addressLimit?.trim() || !Number.isInteger(n) || n < 1 || n > MAX_ADDRESS_LIMIT) return SIGN_IN_THROTTLE_RULES;
  return { ...SIGN_IN_THROTTLE_RULES, address: { ...SIGN_IN_THROTTLE_RULES.address, delayFrom: n } };
}

/** Seconds the key's next attempt waits after its `failures`-th failure in a run (0: none). */
export function delayAfter(rule: ThrottleRule, failures: number): number {
  if (failures < rule.delayFrom) return 0;
  const doublings = Math.min(failures - rule.delayFrom, 30);
  return Math.min(rule.maxDelaySeconds, rule.firstDelaySeconds * 2 ** doublings);
}

/** The key's kind: an address's own row has no e-mail, an account's own row no address. */
export function throttleKind(key: { address: string; email: string }): ThrottleKind {
  if (key.address === "") return "account";
  if (key.email === "") return "address";
  return "pair";
}

/** The address key of requests that carry no address: they share one. */
export const UNKNOWN_ADDRESS = "unknown";

/** The 8 groups of an IPv6 address written in hexadecimal groups, or null when it is not one. */
function ipv6Groups(text: string): number[] | null {
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const parse = (part: string) => (part === "" ? [] : part.split(":"));
  const head = parse(halves[0] ?? "");
  const rest = halves.length === 2 ? parse(halves[1] ?? "") : [];
  if ([...head, ...rest].some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const hex = (g: string) => parseInt(g, 16);
  return [...head.map(hex), ...Array<number>(halves.length === 2 ? missing : 0).fill(0), ...rest.map(hex)];
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
/** IPv4 written as IPv6 (::ffff:10.0.0.1, 0:0:0:0:0:ffff:10.0.0.1). */
const MAPPED_IPV4 = /^(?:::|(?:0{1,4}:){5})ffff:(\d{1,3}(?:\.\d{1,3}){3})$/;

/**
 * The address a request is counted under: IPv4 as it is (also when written as IPv6,
 * ::ffff:10.0.0.1), IPv6 by its /64 network (one subscriber's line: switching addresses within it
 * does not escape the limit; loopback ::1 as it is), anything else as it came (lower-cased), no address as "unknown".
 */
export function throttleAddress(ip: string | null | undefined): string {
  const text = (ip ?? "").trim().toLowerCase().replace(/%.*$/, "");
  if (text === "") return UNKNOWN_ADDRESS;
  if (IPV4.test(text) || text === "::1") return text;
  const mapped = MAPPED_IPV4.exec(text)?.[1];
  if (mapped) return mapped;
  const groups = ipv6Groups(text);
  if (!groups) return text.slice(0, 64);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [a = 0, b = 0] = groups.slice(6);
    return `${a >> 8}.${a & 255}.${b >> 8}.${b & 255}`;
  }
  return `${groups.slice(0, 4).map((g) => g.toString(16)).join(":")}::/64`;
}
