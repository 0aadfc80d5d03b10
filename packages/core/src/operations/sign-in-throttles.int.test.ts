import { prisma } from "@workplan/db";
import { randomInt, randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { makeUser } from "../testing/admin-users-testing";
import { defined } from "../testing/defined";
import { DomainError } from "./errors";
import { THROTTLE_PAGE_SIZE, clearSignInThrottle, listSignInThrottles } from "./sign-in-throttles";

// The admin's view of sign-in delays. The list is read at a clock of its own (`now` in 2090), so
// that only this file's rows, delayed into 2091, are running then: the database is shared.

const NOW = new Date("2090-01-01T00:00:00Z");
const until = (minutes: number) => new Date(NOW.getTime() + 365 * 86_400_000 + minutes * 60_000);
const newAddress = () => `10.40.${randomInt(0, 256)}.${randomInt(1, 255)}`;

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

afterAll(async () => {
  await prisma.$disconnect();
});

describe("sign-in throttles, for admins", () => {
  it("lists the delays running now, longest first, with the account an e-mail belongs to, and clears one with an audit event", async () => {
    const admin = await makeUser("ADMIN");
    const owner = await makeUser("STAFF", "KJS", "被限流的人");
    const address = newAddress();
    const stranger = `nobody-${randomUUID()}@test.local`;
    await prisma.signInThrottle.createMany({
      data: [
        { address, failures: 12, refused: 40, lastFailedAt: NOW, delayedUntil: until(30) },
        { email: owner.email, failures: 11, lastFailedAt: NOW, delayedUntil: until(20) },
        { address, email: owner.email, failures: 5, refused: 2, lastFailedAt: NOW, delayedUntil: until(10) },
        { email: stranger, failures: 10, lastFailedAt: NOW, delayedUntil: until(5) },
        // Counted, but not delaying (below the threshold, or over): not listed.
        { address, email: stranger, failures: 1, lastFailedAt: NOW },
        { address: newAddress(), failures: 10, lastFailedAt: NOW, delayedUntil: new Date(NOW.getTime() - 1000) },
      ],
    });

    const page = await listSignInThrottles(admin, {}, { now: NOW });
    expect(page.total).toBe(4);
    expect(page.next).toBeNull();
    expect(page.items.map((r) => [r.kind, r.address, r.email, r.user?.name ?? null, r.failures, r.refused])).toEqual([
      ["address", address, "", null, 12, 40],
      ["account", "", owner.email, "被限流的人", 11, 0],
      ["pair", address, owner.email, "被限流的人", 5, 2],
      ["account", "", stranger, null, 10, 0],
    ]);
    expect(page.items[0]?.delayedUntil).toEqual(until(30));

    expect(await clearSignInThrottle(admin, { address, email: owner.email }, { ip: "10.40.0.1" })).toEqual({ cleared: true });
    expect(await prisma.signInThrottle.findUnique({ where: { address_email: { address, email: owner.email } } })).toBeNull();
    expect((await listSignInThrottles(admin, {}, { now: NOW })).items.map((r) => r.kind)).toEqual(["address", "account", "account"]);
    // Again: nothing there, nothing written.
    expect(await clearSignInThrottle(admin, { address, email: owner.email })).toEqual({ cleared: false });
    const events = await prisma.auditEvent.findMany({ where: { action: "sign_in_throttle.cleared", objectId: owner.id } });
    expect(events.map((e) => [e.actorId, e.objectType, e.ip, e.before])).toEqual([
      [admin.id, "User", "10.40.0.1", { kind: "pair", address, email: owner.email, failures: 5, refused: 2, delayedUntil: until(10).toISOString() }],
    ]);

    // An address's own row: no account to name.
    expect(await clearSignInThrottle(admin, { address, email: "" })).toEqual({ cleared: true });
    const cleared = await prisma.auditEvent.findFirstOrThrow({ where: { action: "sign_in_throttle.cleared", actorId: admin.id, objectId: null } });
    expect(cleared.before).toMatchObject({ kind: "address", address, email: "", failures: 12 });
  });

  it("pages 50 at a time by keyset", async () => {
    const admin = await makeUser("ADMIN");
    const later = new Date(NOW.getTime() + 2 * 365 * 86_400_000);
    const tag = randomUUID().slice(0, 8);
    // 120 rows, three per delay end: ties are cut by address and e-mail.
    await prisma.signInThrottle.createMany({
      data: Array.from({ length: 120 }, (_, i) => ({
        email: `page-${tag}-${String(i).padStart(3, "0")}@test.local`,
        failures: 10,
        lastFailedAt: later,
        delayedUntil: new Date(later.getTime() + 86_400_000 + Math.floor(i / 3) * 1000),
      })),
    });
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listSignInThrottles(admin, { after: cursor }, { now: later });
      expect(page.items.length).toBeLessThanOrEqual(THROTTLE_PAGE_SIZE);
      expect(page.total).toBe(120);
      seen.push(...page.items.map((r) => r.email));
      cursor = page.next ?? undefined;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(120);
    expect(defined(seen[0])).toMatch(/-11[789]@/);
  });

  it("is for admins alone, and refuses a malformed cursor or key", async () => {
    const admin = await makeUser("ADMIN");
    const director = await makeUser("MANAGER", null);
    const address = newAddress();
    await prisma.signInThrottle.create({ data: { address, failures: 10, lastFailedAt: NOW, delayedUntil: until(1) } });
    expect((await refusal(listSignInThrottles(director, {}, { now: NOW }))).code).toBe("forbidden");
    expect((await refusal(clearSignInThrottle(director, { address, email: "" }))).code).toBe("forbidden");
    expect(await prisma.signInThrottle.count({ where: { address, email: "" } })).toBe(1);

    for (const after of ["garbage", "1.2", "x".repeat(600), "12.a.b.c"]) {
      expect((await refusal(listSignInThrottles(admin, { after }))).fields).toEqual({ after: "cursor.invalid" });
    }
    for (const key of [{}, { address: "", email: "" }, { address: 3, email: "" }, { address: "1\u0000", email: "" }, { address: "a".repeat(65), email: "" }]) {
      expect((await refusal(clearSignInThrottle(admin, key))).fields, JSON.stringify(key)).toEqual({ form: "key.invalid" });
    }
    await clearSignInThrottle(admin, { address, email: "" });
  });
});
