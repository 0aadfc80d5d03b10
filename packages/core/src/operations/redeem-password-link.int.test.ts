import { randomBytes, randomUUID } from "node:crypto";
import { prisma } from "@workplan/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSeed } from "../../../../prisma/seed/run-seed";
import { auditOf, fakeHash, makeUser, openSession } from "../testing/admin-users-testing";
import { inviteUser } from "./invite-user";
import { loadViewer } from "./load-viewer";
import { refusal } from "../testing/progress-testing";
import { checkPasswordLink, redeemPasswordLink } from "./redeem-password-link";
import { forcePasswordReset, updateUser } from "./update-user";

async function invite(role: "STAFF" | "MANAGER" = "MANAGER") {
  const admin = await makeUser("ADMIN");
  const invited = await inviteUser(admin, { email: `redeem-${randomUUID()}@test.local`, name: "周九", role, department: role === "STAFF" ? "CYZCS" : null });
  return { admin, ...invited };
}

async function passwordHashOf(id: string) {
  return (await prisma.user.findUniqueOrThrow({ where: { id }, select: { passwordHash: true } })).passwordHash;
}

describe("redeeming a one-time password link", () => {
  beforeAll(async () => {
    await runSeed({ demo: true });
  });
  afterAll(async () => {
    await prisma.$disconnect();
  });

  it("sets the password once: the second use is refused and the page says the link was used", async () => {
    const { user, token } = await invite("STAFF");
    const hash = fakeHash();
    expect(await redeemPasswordLink(token, hash, { ip: "10.1.1.1" })).toEqual({ userId: user.id, email: user.email });
    expect(await passwordHashOf(user.id)).toBe(hash);
    const link = await prisma.passwordLink.findFirstOrThrow({ where: { userId: user.id } });
    expect(link.usedAt).not.toBeNull();

    const again = await refusal(redeemPasswordLink(token, fakeHash()));
    expect(again.fields).toEqual({ form: "link.used" });
    expect(await passwordHashOf(user.id)).toBe(hash);
    expect(await checkPasswordLink(token)).toEqual({ status: "used" });

    const { events, text } = await auditOf(user.id);
    const set = events.filter((e) => e.action === "user.password_set");
    expect(set).toHaveLength(1);
    expect(set[0]).toMatchObject({
      actorId: user.id,
      ip: "10.1.1.1",
      before: { email: user.email, hasPassword: false },
      after: { email: user.email, hasPassword: true, purpose: "INVITE", sessionsRevoked: 0, linksExpired: 0 },
    });
    expect(text).not.toContain(token);
    expect(text).not.toContain(hash);
    expect(text).not.toContain(link.tokenHash);
  });

  it("lets exactly one of several concurrent redeems win", async () => {
    const { user, token } = await invite();
    const hashes = Array.from({ length: 6 }, (_, i) => fakeHash(`race-${i}`));
    const results = await Promise.allSettled(hashes.map((h) => redeemPasswordLink(token, h)));
    const won = results.flatMap((r, i) => (r.status === "fulfilled" ? [i] : []));
    expect(won).toHaveLength(1);
    for (const r of results) {
      if (r.status === "rejected") expect((r.reason as { fields?: unknown }).fields).toEqual({ form: "link.used" });
    }
    expect(await passwordHashOf(user.id)).toBe(hashes[won[0] ?? -1]);
    expect(await prisma.auditEvent.count({ where: { objectId: user.id, action: "user.password_set" } })).toBe(1);
  });

  it("refuses an expired link and leaves the account without a password", async () => {
    const { user, token } = await invite();
    await prisma.passwordLink.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await checkPasswordLink(token)).toEqual({ status: "expired" });
    expect((await refusal(redeemPasswordLink(token, fakeHash()))).fields).toEqual({ form: "link.expired" });
    expect(await passwordHashOf(user.id)).toBeNull();

    // 72 hours is the limit: a moment before it the link works.
    const fresh = await invite();
    const almost = new Date(fresh.expiresAt.getTime() - 1000);
    expect((await checkPasswordLink(fresh.token, almost)).status).toBe("valid");
    expect((await checkPasswordLink(fresh.token, fresh.expiresAt)).status).toBe("expired");
  });

  it("refuses unknown and malformed tokens alike", async () => {
    for (const token of [randomBytes(32).toString("base64url"), "short", "", null, 42, `${"a".repeat(43)}'--`]) {
      expect(await checkPasswordLink(token)).toEqual({ status: "invalid" });
      expect((await refusal(redeemPasswordLink(token, fakeHash()))).fields).toEqual({ form: "link.invalid" });
    }
  });

  it("after a forced reset: the new link ends the user's sessions when used, and earlier links no longer work", async () => {
    const { admin, user, token: invitation } = await invite();
    await redeemPasswordLink(invitation, fakeHash());
    const reset = await forcePasswordReset(admin, user.id);
    const session = await openSession(user.id); // e.g. signed in again before the reset was used
    const second = await forcePasswordReset(admin, user.id);
    expect(await checkPasswordLink(reset.token)).toEqual({ status: "expired" });

    const hash = fakeHash();
    await redeemPasswordLink(second.token, hash);
    expect(await passwordHashOf(user.id)).toBe(hash);
    expect(await loadViewer(session)).toBeNull();
    const set = await prisma.auditEvent.findFirstOrThrow({ where: { objectId: user.id, action: "user.password_set" }, orderBy: { id: "desc" } });
    expect(set.after).toMatchObject({ purpose: "RESET" });
  });

  it("lifts a sign-in lock once the password is set", async () => {
    const { user, token } = await invite();
    await prisma.signInThrottle.create({
      data: { email: user.email, failures: 10, lastFailedAt: new Date(), delayedUntil: new Date(Date.now() + 5 * 60_000) },
    });
    await prisma.signInThrottle.create({
      data: { address: "10.7.7.7", email: user.email, failures: 5, lastFailedAt: new Date(), delayedUntil: new Date(Date.now() + 60_000) },
    });
    await redeemPasswordLink(token, fakeHash());
    expect(await prisma.signInThrottle.count({ where: { email: user.email } })).toBe(0);
  });

  it("does not work for a deactivated account", async () => {
    const { admin, user, token } = await invite();
    await updateUser(admin, user.id, { active: false });
    expect((await checkPasswordLink(token)).status).not.toBe("valid");
    expect((await refusal(redeemPasswordLink(token, fakeHash()))).fields).toEqual({ form: "link.expired" });

    // Even a link that is somehow still unexpired is refused, and stays unused.
    await prisma.passwordLink.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() + 3600_000) } });
    expect(await checkPasswordLink(token)).toEqual({ status: "invalid" });
    expect((await refusal(redeemPasswordLink(token, fakeHash()))).fields).toEqual({ form: "link.invalid" });
    expect((await prisma.passwordLink.findFirstOrThrow({ where: { userId: user.id } })).usedAt).toBeNull();
    expect(await passwordHashOf(user.id)).toBeNull();
  });
});
