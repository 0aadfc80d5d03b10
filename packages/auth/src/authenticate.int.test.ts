import { createUser } from "@workplan/core/operations/create-user";
import { loadViewer } from "@workplan/core/operations/load-viewer";
import { prisma } from "@workplan/db";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_FAILURES, authenticate, endSession } from "./authenticate";
import { hashPassword } from "./password";

const PASSWORD = "Correct-Horse-Battery-9";
let passwordHash: string;

async function newUser(role: "STAFF" | "MANAGER" | "ADMIN" = "MANAGER") {
  const email = `user-${randomUUID()}@test.local`;
  const { id } = await createUser(null, { email, name: "測試用戶", role, passwordHash });
  return { id, email };
}

describe("authenticate", () => {
  beforeAll(async () => {
    passwordHash = await hashPassword(PASSWORD);
  });
  afterAll(async () => {
    await prisma.$disconnect();
  });

  it("stores argon2id hashes with at least 19 MiB and t=2", () => {
    expect(passwordHash).toMatch(/^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=1\$/);
    const [, m, t] = /m=(\d+),t=(\d+)/.exec(passwordHash) ?? [];
    expect(Number(m)).toBeGreaterThanOrEqual(19_456);
    expect(Number(t)).toBeGreaterThanOrEqual(2);
  });

  it("signs in with the right password (any letter case of the e-mail) and opens a session", async () => {
    const { id, email } = await newUser();
    const result = await authenticate({ email: email.toUpperCase(), password: PASSWORD }, { ip: "127.0.0.1" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const viewer = await loadViewer(result.sessionId);
    expect(viewer?.id).toBe(id);
    const audit = await prisma.auditEvent.findFirst({ where: { action: "auth.sign_in", actorId: id } });
    expect(audit?.ip).toBe("127.0.0.1");
  });

  it("answers a wrong password and an unknown e-mail alike, and records the failure", async () => {
    const { id, email } = await newUser();
    expect(await authenticate({ email, password: "wrong" })).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticate({ email: `nobody-${randomUUID()}@test.local`, password: "wrong" })).toEqual({ ok: false, reason: "invalid" });
    const failed = await prisma.auditEvent.findFirst({ where: { action: "auth.sign_in_failed", actorId: id } });
    expect(failed?.after).toMatchObject({ email, failures: 1 });
    expect(JSON.stringify(failed, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))).not.toContain("wrong");
  });

  it("locks an account after 5 failures within 15 minutes, even for the right password", async () => {
    const { email } = await newUser();
    const results = [];
    for (let i = 0; i < MAX_FAILURES; i += 1) results.push((await authenticate({ email, password: `bad-${i}` })).ok ? "ok" : "no");
    expect(results).toEqual(["no", "no", "no", "no", "no"]);
    expect(await authenticate({ email, password: PASSWORD })).toEqual({ ok: false, reason: "locked" });
    const throttle = await prisma.loginThrottle.findUniqueOrThrow({ where: { email } });
    const minutes = ((throttle.lockedUntil?.getTime() ?? 0) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);

    // Fifteen minutes later the lock is over and the count starts again.
    await prisma.loginThrottle.update({
      where: { email },
      data: { lockedUntil: new Date(Date.now() - 1000), firstFailedAt: new Date(Date.now() - 16 * 60_000) },
    });
    expect((await authenticate({ email, password: PASSWORD })).ok).toBe(true);
    expect(await prisma.loginThrottle.findUnique({ where: { email } })).toBeNull();
  });

  it("counts concurrent failures exactly (the lock holds across app instances)", async () => {
    const { email } = await newUser();
    await Promise.all(Array.from({ length: 8 }, (_, i) => authenticate({ email, password: `bad-${i}` })));
    const throttle = await prisma.loginThrottle.findUniqueOrThrow({ where: { email } });
    expect(throttle.failures).toBeGreaterThanOrEqual(MAX_FAILURES);
    expect(throttle.lockedUntil?.getTime()).toBeGreaterThan(Date.now());
  });

  it("does not count failures older than 15 minutes", async () => {
    const { email } = await newUser();
    for (let i = 0; i < 4; i += 1) await authenticate({ email, password: `bad-${i}` });
    await prisma.loginThrottle.update({ where: { email }, data: { firstFailedAt: new Date(Date.now() - 16 * 60_000) } });
    expect(await authenticate({ email, password: "bad-again" })).toEqual({ ok: false, reason: "invalid" });
    expect((await prisma.loginThrottle.findUniqueOrThrow({ where: { email } })).failures).toBe(1);
  });

  it("refuses a deactivated user at once, even with a live session", async () => {
    const { id, email } = await newUser();
    const result = await authenticate({ email, password: PASSWORD });
    if (!result.ok) throw new Error("sign-in failed");
    await prisma.user.update({ where: { id }, data: { active: false } });
    expect(await loadViewer(result.sessionId)).toBeNull();
    expect(await authenticate({ email, password: PASSWORD })).toEqual({ ok: false, reason: "inactive" });
  });

  it("re-reads role and department on every request", async () => {
    const { id, email } = await newUser("MANAGER");
    const result = await authenticate({ email, password: PASSWORD });
    if (!result.ok) throw new Error("sign-in failed");
    expect((await loadViewer(result.sessionId))?.role).toBe("MANAGER");
    await prisma.user.update({ where: { id }, data: { role: "ADMIN" } });
    expect((await loadViewer(result.sessionId))?.role).toBe("ADMIN");
  });

  it("ends a session on sign-out, and an expired session is refused", async () => {
    const { email } = await newUser();
    const result = await authenticate({ email, password: PASSWORD });
    if (!result.ok) throw new Error("sign-in failed");
    expect(await loadViewer(result.sessionId, new Date(Date.now() + 9 * 3600_000))).toBeNull();
    await endSession(result.sessionId);
    expect(await loadViewer(result.sessionId)).toBeNull();
    expect(await prisma.auditEvent.count({ where: { action: "auth.sign_out", objectId: result.sessionId } })).toBe(1);
  });

  it("refuses malformed input without touching the database", async () => {
    expect(await authenticate({ email: 42, password: null })).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticate({ email: "a@b.c", password: "x".repeat(2000) })).toEqual({ ok: false, reason: "invalid" });
  });
});
