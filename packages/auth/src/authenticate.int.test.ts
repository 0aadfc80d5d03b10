import { createUser } from "@workplan/core/operations/create-user";
import { loadViewer } from "@workplan/core/operations/load-viewer";
import { prisma } from "@workplan/db";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate, endSession } from "./authenticate";
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
    const ip = `10.20.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    expect(await authenticate({ email, password: "wrong" }, { ip })).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticate({ email: `nobody-${randomUUID()}@test.local`, password: "wrong" }, { ip })).toEqual({ ok: false, reason: "invalid" });
    const failed = await prisma.auditEvent.findFirst({ where: { action: "auth.sign_in_failed", actorId: id } });
    expect(failed?.after).toMatchObject({ email, failures: 1, delayedUntil: null });
    expect(failed?.ip).toBe(ip);
    expect(JSON.stringify(failed, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))).not.toContain("wrong");
  });

  it("no longer locks an account for everyone: five failures from one address delay that address alone", async () => {
    const { email } = await newUser("ADMIN");
    const attacker = `10.21.${Math.floor(Math.random() * 250)}.1`;
    const elsewhere = `10.21.${Math.floor(Math.random() * 250)}.2`;
    const results = [];
    for (let i = 0; i < 5; i += 1) results.push((await authenticate({ email, password: `bad-${i}` }, { ip: attacker })).ok ? "ok" : "no");
    expect(results).toEqual(["no", "no", "no", "no", "no"]);
    const refused = await authenticate({ email, password: PASSWORD }, { ip: attacker });
    expect(refused).toMatchObject({ ok: false, reason: "throttled" });
    if (refused.ok || refused.reason !== "throttled") return;
    expect(refused.retryAfterSeconds).toBeGreaterThan(55);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    // The admin, elsewhere, signs in.
    expect((await authenticate({ email, password: PASSWORD }, { ip: elsewhere })).ok).toBe(true);
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
    // An e-mail PostgreSQL could not store (NUL: no 500), or none: the same answer.
    expect(await authenticate({ email: "a\u0000b@c.d", password: "x" })).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticate({ email: "  ", password: "x" })).toEqual({ ok: false, reason: "invalid" });
  });
});
