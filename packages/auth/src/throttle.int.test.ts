import { createUser } from "@workplan/core/operations/create-user";
import { SIGN_IN_THROTTLE_RULES } from "@workplan/core/rules/sign-in-throttle";
import { prisma } from "@workplan/db";
import { randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { authenticate } from "./authenticate";
import { pruneForgotten } from "./throttle";
import type * as Password from "./password";
import { hashPassword, verifyPassword } from "./password";

// Sign-in throttling against a real PostgreSQL: spraying from one address, one account from many
// addresses, one address on one account, and what the owner can still do. The clock is passed in
// (`now`), never waited for. Every test uses addresses and e-mails of its own: the database is
// shared with other test files.

// Every password check, counted: a refused attempt must still do one (the same work as any other).
vi.mock("./password", async (importOriginal) => {
  const actual = await importOriginal<typeof Password>();
  return { ...actual, verifyPassword: vi.fn(actual.verifyPassword) };
});

const PASSWORD = "Correct-Horse-Battery-9";

function defined<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error("expected a value");
  return value;
}
let passwordHash: string;

const octet = () => randomInt(1, 255);
/** An address no other test uses. */
const newAddress = () => `10.${octet()}.${octet()}.${octet()}`;
const T0 = new Date("2031-05-06T02:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

async function newUser(name = "限流測試") {
  const email = `throttle-${randomUUID()}@test.local`;
  const { id } = await createUser(null, { email, name, role: "MANAGER", passwordHash });
  return { id, email };
}

type Result = Awaited<ReturnType<typeof authenticate>>;
const outcome = (r: Result) => (r.ok ? "ok" : r.reason);

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});
beforeEach(() => {
  vi.mocked(verifyPassword).mockClear();
});
afterAll(async () => {
  await prisma.$disconnect();
});

describe("spraying: one wrong password each over many accounts from one address", () => {
  it("is slowed from the 10th failure on, for every account and for unknown e-mails alike, and audited once per delay", async () => {
    const address = newAddress();
    const accounts = await Promise.all(Array.from({ length: 20 }, () => newUser()));
    const results: Result[] = [];
    for (const [i, { email }] of accounts.entries()) results.push(await authenticate({ email, password: `Spring-2018-${i}` }, { ip: address, now: at(i) }));

    expect(results.slice(0, 9).map(outcome)).toEqual(Array(9).fill("invalid"));
    // The 10th failure starts the address's first delay: a minute; the other ten are refused unchecked.
    expect(results[9]).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 60 });
    expect(results.slice(10).map(outcome)).toEqual(Array(10).fill("throttled"));
    expect(results[19]).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 60 - 10 });
    const counted = await prisma.signInThrottle.findMany({ where: { email: { in: accounts.map((a) => a.email) }, address: "" } });
    expect(counted).toHaveLength(10);

    // Refused: the same answer for an unknown e-mail and for a real account with its right password.
    const unknown = await authenticate({ email: `nobody-${randomUUID()}@test.local`, password: "x" }, { ip: address, now: at(30) });
    const owner = await authenticate({ email: defined(accounts[15]).email, password: PASSWORD }, { ip: address, now: at(30) });
    expect(unknown).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 39 });
    expect(owner).toEqual(unknown);

    // The address row says so; the refusals were counted but are one audit event.
    const row = await prisma.signInThrottle.findUniqueOrThrow({ where: { address_email: { address, email: "" } } });
    expect(row).toMatchObject({ failures: 10, refused: 12, delayedUntil: at(69) });
    const throttled = await prisma.auditEvent.findMany({ where: { action: "auth.sign_in_throttled", ip: address } });
    expect(throttled).toHaveLength(1);
    expect(throttled[0]?.after).toMatchObject({ by: "address", address, failures: 10, delayedUntil: at(69).toISOString() });
    const failed = await prisma.auditEvent.findMany({ where: { action: "auth.sign_in_failed", ip: address }, orderBy: { id: "asc" } });
    expect(failed).toHaveLength(10);
    expect(failed[9]?.after).toMatchObject({ addressFailures: 10, delayedBy: "address", delayedUntil: at(69).toISOString() });

    // Elsewhere, the sprayed accounts sign in as ever.
    expect(outcome(await authenticate({ email: defined(accounts[3]).email, password: PASSWORD }, { ip: newAddress(), now: at(31) }))).toBe("ok");

    // After the delay the address may try again; its next failure doubles the delay.
    expect(await authenticate({ email: defined(accounts[10]).email, password: "Summer-2018" }, { ip: address, now: at(70) })).toEqual({
      ok: false,
      reason: "throttled",
      retryAfterSeconds: 120,
    });
    expect(outcome(await authenticate({ email: defined(accounts[11]).email, password: PASSWORD }, { ip: address, now: at(189) }))).toBe("throttled");
    expect(outcome(await authenticate({ email: defined(accounts[11]).email, password: PASSWORD }, { ip: address, now: at(191) }))).toBe("ok");
  });

  it("still checks a password for every refused attempt (the same work as any other answer)", async () => {
    const address = newAddress();
    await prisma.signInThrottle.create({ data: { address, failures: 10, lastFailedAt: at(0), delayedUntil: at(60) } });
    const { email } = await newUser();
    vi.mocked(verifyPassword).mockClear();
    const answers = [
      await authenticate({ email, password: PASSWORD }, { ip: address, now: at(1) }),
      await authenticate({ email: `nobody-${randomUUID()}@test.local`, password: PASSWORD }, { ip: address, now: at(1) }),
    ];
    expect(answers.map(outcome)).toEqual(["throttled", "throttled"]);
    expect(answers[0]).toEqual(answers[1]);
    expect(vi.mocked(verifyPassword)).toHaveBeenCalledTimes(2);
  });

  it("does not hold back an account that signed in from that address before (colleagues behind one office address)", async () => {
    const address = newAddress();
    const colleague = await newUser("同事");
    expect(outcome(await authenticate({ email: colleague.email, password: PASSWORD }, { ip: address, now: at(-3600) }))).toBe("ok");
    const old = await newUser();
    expect(outcome(await authenticate({ email: old.email, password: PASSWORD }, { ip: address, now: at(-31 * 86400) }))).toBe("ok");
    await prisma.signInThrottle.create({ data: { address, failures: 12, lastFailedAt: at(0), delayedUntil: at(240) } });

    expect(outcome(await authenticate({ email: colleague.email, password: PASSWORD }, { ip: address, now: at(1) }))).toBe("ok");
    // Someone else's account, never signed in from here: held back, right password or not.
    const stranger = await newUser();
    expect(outcome(await authenticate({ email: stranger.email, password: PASSWORD }, { ip: address, now: at(2) }))).toBe("throttled");
    // A sign-in more than 30 days ago does not count.
    expect(outcome(await authenticate({ email: old.email, password: PASSWORD }, { ip: address, now: at(3) }))).toBe("throttled");
  });
});

describe("one account attacked from many addresses", () => {
  it("is slowed from the 10th failure on, and its owner signs in once the delay is over", async () => {
    const { email } = await newUser();
    const attackers = Array.from({ length: 20 }, newAddress);
    const results: string[] = [];
    for (const [i, ip] of attackers.entries()) results.push(outcome(await authenticate({ email, password: `Guess-${i}` }, { ip, now: at(i) })));
    expect(results).toEqual([...Array(9).fill("invalid"), ...Array(11).fill("throttled")]);
    const row = await prisma.signInThrottle.findUniqueOrThrow({ where: { address_email: { address: "", email } } });
    // The account's delay is gentler: 30 seconds after the 10th failure (at second 9).
    expect(row).toMatchObject({ failures: 10, refused: 10, delayedUntil: at(39) });

    // The owner, on an address they have never used: held back like anyone, with the time to wait...
    const home = newAddress();
    expect(await authenticate({ email, password: PASSWORD }, { ip: home, now: at(20) })).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 19 });
    // ...and in once it is over.
    const signedIn = await authenticate({ email, password: PASSWORD }, { ip: home, now: at(40) });
    expect(signedIn.ok).toBe(true);

    // The attack goes on: the next failure doubles the account's delay...
    expect(outcome(await authenticate({ email, password: "Guess-20" }, { ip: newAddress(), now: at(41) }))).toBe("throttled");
    expect((await prisma.signInThrottle.findUniqueOrThrow({ where: { address_email: { address: "", email } } })).delayedUntil).toEqual(at(101));
    // ...but not for the owner at the address they signed in from: that one is theirs.
    expect(outcome(await authenticate({ email, password: PASSWORD }, { ip: home, now: at(42) }))).toBe("ok");
    // A stranger with the right password (stolen) from elsewhere still waits.
    expect(outcome(await authenticate({ email, password: PASSWORD }, { ip: newAddress(), now: at(43) }))).toBe("throttled");
  });

  it("never waits more than 5 minutes for the account's own delay", async () => {
    const { email } = await newUser();
    for (let i = 0; i < 30; i += 1) {
      // One failure just after each delay ends, from a new address each time.
      const row = await prisma.signInThrottle.findUnique({ where: { address_email: { address: "", email } } });
      const now = row?.delayedUntil ? new Date(row.delayedUntil.getTime() + 1000) : at(i);
      await authenticate({ email, password: `Guess-${i}` }, { ip: newAddress(), now });
    }
    const row = await prisma.signInThrottle.findUniqueOrThrow({ where: { address_email: { address: "", email } } });
    expect(row.failures).toBe(30);
    expect((defined(row.delayedUntil).getTime() - row.lastFailedAt.getTime()) / 1000).toBe(SIGN_IN_THROTTLE_RULES.account.maxDelaySeconds);
  });
});

describe("one address on one account", () => {
  it("holds back that address for that account after 5 failures, the right password too, with delays that double", async () => {
    const { email } = await newUser();
    const ip = newAddress();
    const tries: string[] = [];
    for (let i = 0; i < 5; i += 1) tries.push(outcome(await authenticate({ email, password: `typo-${i}` }, { ip, now: at(i) })));
    expect(tries).toEqual(["invalid", "invalid", "invalid", "invalid", "throttled"]);
    expect(await authenticate({ email, password: PASSWORD }, { ip, now: at(30) })).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 34 });
    // The owner elsewhere is not affected (5 failures are below the account's threshold).
    expect(outcome(await authenticate({ email, password: PASSWORD }, { ip: newAddress(), now: at(31) }))).toBe("ok");

    // After the minute, one more failure: two minutes.
    expect(await authenticate({ email, password: "typo-5" }, { ip, now: at(65) })).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 120 });
    expect(outcome(await authenticate({ email, password: PASSWORD }, { ip, now: at(184) }))).toBe("throttled");
    // The right password after the delay: in, and this address's count for the account is forgotten.
    expect(outcome(await authenticate({ email, password: PASSWORD }, { ip, now: at(186) }))).toBe("ok");
    expect(await prisma.signInThrottle.findUnique({ where: { address_email: { address: ip, email } } })).toBeNull();
  });

  it("answers with the whole wait when more than one limit holds the attempt back", async () => {
    const { email } = await newUser();
    const ip = newAddress();
    await prisma.signInThrottle.createMany({
      data: [
        { address: ip, email, failures: 5, lastFailedAt: at(0), delayedUntil: at(60) },
        { address: ip, failures: 15, lastFailedAt: at(0), delayedUntil: at(1800) },
      ],
    });
    expect(await authenticate({ email, password: PASSWORD }, { ip, now: at(10) })).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 1790 });
  });

  it("forgets a run of failures an hour after the last one", async () => {
    const { email } = await newUser();
    const ip = newAddress();
    for (let i = 0; i < 4; i += 1) await authenticate({ email, password: `typo-${i}` }, { ip, now: at(i) });
    expect(outcome(await authenticate({ email, password: "typo-again" }, { ip, now: at(3 + 3601) }))).toBe("invalid");
    expect((await prisma.signInThrottle.findUniqueOrThrow({ where: { address_email: { address: ip, email } } })).failures).toBe(1);
  });

  it("counts concurrent failures exactly (the counts hold across app instances)", async () => {
    const { email } = await newUser();
    const ip = newAddress();
    await Promise.all(Array.from({ length: 8 }, (_, i) => authenticate({ email, password: `bad-${i}` }, { ip, now: at(0) })));
    // Every password that was checked and failed was counted once under each key, none lost; the
    // first five were always checked (no delay can start before five failures are counted).
    const checked = await prisma.auditEvent.count({ where: { action: "auth.sign_in_failed", ip } });
    expect(checked).toBeGreaterThanOrEqual(5);
    const rows = await prisma.signInThrottle.findMany({ where: { OR: [{ email }, { address: ip }] } });
    expect(rows.map((r) => [r.address === "" ? "account" : r.email === "" ? "address" : "pair", r.failures]).sort()).toEqual([
      ["account", checked],
      ["address", checked],
      ["pair", checked],
    ]);
    // The pair's delay is the one for its last failure: a minute, doubled per failure after the 5th.
    expect(rows.find((r) => r.address === ip && r.email === email)?.delayedUntil).toEqual(at(60 * 2 ** (checked - 5)));
  });
});

describe("housekeeping", () => {
  it("prunes rows whose run is forgotten and whose delay is over, and keeps the rest", async () => {
    const address = newAddress();
    const dayAndAHalfAgo = new Date(Date.now() - 36 * 3600_000);
    await prisma.signInThrottle.createMany({
      data: [
        { address, email: "old@test.local", failures: 3, lastFailedAt: dayAndAHalfAgo },
        { address, email: "old-delay-over@test.local", failures: 9, lastFailedAt: dayAndAHalfAgo, delayedUntil: dayAndAHalfAgo },
        { address, email: "recent@test.local", failures: 1, lastFailedAt: new Date() },
        { address, email: "still-delayed@test.local", failures: 50, lastFailedAt: dayAndAHalfAgo, delayedUntil: new Date(Date.now() + 60_000) },
      ],
    });
    expect(await pruneForgotten()).toBeGreaterThanOrEqual(2);
    const left = await prisma.signInThrottle.findMany({ where: { address }, orderBy: { email: "asc" } });
    expect(left.map((r) => r.email)).toEqual(["recent@test.local", "still-delayed@test.local"]);
  });
});
