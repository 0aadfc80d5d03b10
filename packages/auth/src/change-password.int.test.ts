import { createUser } from "@workplan/core/operations/create-user";
import { DomainError } from "@workplan/core/operations/errors";
import { loadViewer, type SessionViewer } from "@workplan/core/operations/load-viewer";
import { listMySessions, signOutOtherSessions } from "@workplan/core/operations/my-sessions";
import { prisma } from "@workplan/db";
import { randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "./authenticate";
import { changePassword } from "./change-password";
import { hashPassword, verifyPassword } from "./password";

const PASSWORD = "Correct-Horse-Battery-9";
const NEW_PASSWORD = "Tiger-Lily-2018-Plan";
const CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
let passwordHash: string;

async function newUser() {
  const email = `account-${randomUUID()}@test.local`;
  const { id } = await createUser(null, { email, name: "賬戶測試", role: "MANAGER", passwordHash });
  return { id, email };
}

async function signIn(email: string, password = PASSWORD, userAgent: string | null = CHROME): Promise<SessionViewer> {
  const result = await authenticate({ email, password }, { ip: "10.0.0.7", userAgent });
  if (!result.ok) throw new Error(`sign-in failed: ${result.reason}`);
  const viewer = await loadViewer(result.sessionId);
  if (!viewer) throw new Error("no viewer");
  return viewer;
}

/** An address no other test uses. */
const newAddress = () => `10.30.${randomInt(0, 256)}.${randomInt(1, 255)}`;

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a refusal, but the call succeeded");
}

async function storedHash(id: string): Promise<string | null> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id }, omit: { passwordHash: false } });
  return user.passwordHash;
}

/** Every audit event of the user, serialised, to look for secrets in. */
async function auditText(userId: string): Promise<string> {
  const events = await prisma.auditEvent.findMany({ where: { OR: [{ actorId: userId }, { objectId: userId }] } });
  return JSON.stringify(events, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v));
}

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});
afterAll(async () => {
  await prisma.$disconnect();
});

describe("changePassword", () => {
  it("changes the password, ends every other session but the current one, and audits without secrets", async () => {
    const { id, email } = await newUser();
    const phone = await signIn(email);
    const laptop = await signIn(email);
    const current = await signIn(email);
    const before = await storedHash(id);

    const result = await changePassword(current, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }, { ip: "10.0.0.8" });
    expect(result).toEqual({ endedSessions: 2 });

    expect(await loadViewer(phone.sessionId)).toBeNull();
    expect(await loadViewer(laptop.sessionId)).toBeNull();
    expect((await loadViewer(current.sessionId))?.id).toBe(id);

    const after = await storedHash(id);
    expect(after).not.toBe(before);
    expect(await verifyPassword(after ?? "", NEW_PASSWORD)).toBe(true);
    expect((await authenticate({ email, password: PASSWORD })).ok).toBe(false);
    expect((await authenticate({ email, password: NEW_PASSWORD })).ok).toBe(true);

    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "user.password_changed", objectId: id } });
    expect(audit).toMatchObject({ actorId: id, objectType: "User", ip: "10.0.0.8", after: { endedSessions: 2, keptSession: current.sessionId } });
    const text = await auditText(id);
    for (const secret of [PASSWORD, NEW_PASSWORD, before ?? "?", after ?? "?", "$argon2"]) expect(text).not.toContain(secret);
  });

  it("refuses a wrong current password, counting it like a failed sign-in", async () => {
    const { id, email } = await newUser();
    const viewer = await signIn(email);
    const other = await signIn(email);
    const before = await storedHash(id);
    const ip = newAddress();

    const error = await refusal(changePassword(viewer, { currentPassword: "not-my-password", newPassword: NEW_PASSWORD }, { ip }));
    expect(error.fields).toEqual({ currentPassword: "currentPassword.wrong" });
    expect(await storedHash(id)).toBe(before);
    expect(await loadViewer(other.sessionId)).not.toBeNull();
    // Counted on the account and on this address with it (not on the address alone: a signed-in user's typo is no spraying).
    const rows = await prisma.signInThrottle.findMany({ where: { OR: [{ email }, { address: ip }] }, orderBy: { address: "asc" } });
    expect(rows.map((r) => [r.address, r.email, r.failures])).toEqual([
      ["", email, 1],
      [ip, email, 1],
    ]);
    const failed = await prisma.auditEvent.findFirstOrThrow({ where: { action: "user.password_change_failed", objectId: id } });
    expect(failed.after).toMatchObject({ reason: "wrong_current_password", failures: 1, locked: false });
    expect(await auditText(id)).not.toContain("not-my-password");
  });

  it("is held back after five wrong passwords from one address, at sign-in and here together, the right one included", async () => {
    const { id, email } = await newUser();
    const viewer = await signIn(email);
    const ip = newAddress();
    for (let i = 0; i < 3; i += 1) await authenticate({ email, password: `bad-${i}` }, { ip });
    expect((await refusal(changePassword(viewer, { currentPassword: "bad-3", newPassword: NEW_PASSWORD }, { ip }))).fields).toEqual({
      currentPassword: "currentPassword.wrong",
    });
    expect((await refusal(changePassword(viewer, { currentPassword: "bad-4", newPassword: NEW_PASSWORD }, { ip }))).fields).toEqual({
      currentPassword: "currentPassword.locked",
    });
    const pair = await prisma.signInThrottle.findUniqueOrThrow({ where: { address_email: { address: ip, email } } });
    expect(pair.failures).toBe(5);
    expect(pair.delayedUntil?.getTime()).toBeGreaterThan(Date.now());
    expect(await authenticate({ email, password: PASSWORD }, { ip })).toMatchObject({ ok: false, reason: "throttled" });
    expect((await refusal(changePassword(viewer, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }, { ip }))).fields).toEqual({
      currentPassword: "currentPassword.locked",
    });
    expect(await verifyPassword((await storedHash(id)) ?? "", PASSWORD)).toBe(true);
    const locked = await prisma.auditEvent.findFirstOrThrow({ where: { action: "user.password_change_failed", objectId: id, ip }, orderBy: { id: "desc" } });
    expect(locked.after).toMatchObject({ reason: "locked", by: "pair" });

    // From another address the owner changes it, and every count against the old password is forgotten.
    expect(await changePassword(viewer, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }, { ip: newAddress() })).toEqual({ endedSessions: 0 });
    expect(await prisma.signInThrottle.count({ where: { email } })).toBe(0);
  });

  it("refuses a short, common, personal or unchanged new password, and a missing current one, before checking anything", async () => {
    const { id, email } = await newUser();
    const viewer = await signIn(email);
    const other = await signIn(email);
    const before = await storedHash(id);
    const cases: [unknown, Record<string, string>][] = [
      [{ currentPassword: PASSWORD, newPassword: "Short-pass1" }, { newPassword: "password.tooShort" }],
      [{ currentPassword: PASSWORD, newPassword: "password1234" }, { newPassword: "password.common" }],
      [{ currentPassword: PASSWORD, newPassword: "QWERTY123456" }, { newPassword: "password.common" }],
      [{ currentPassword: PASSWORD, newPassword: email }, { newPassword: "password.personal" }],
      [{ currentPassword: PASSWORD, newPassword: "" }, { newPassword: "password.required" }],
      [{ currentPassword: "", newPassword: "password1234" }, { currentPassword: "currentPassword.required", newPassword: "password.common" }],
      [{ newPassword: NEW_PASSWORD }, { currentPassword: "currentPassword.required" }],
      [{ currentPassword: PASSWORD, newPassword: PASSWORD }, { newPassword: "password.sameAsCurrent" }],
    ];
    for (const [input, fields] of cases) {
      const error = await refusal(changePassword(viewer, input));
      expect(error.code, JSON.stringify(input)).toBe("invalid");
      expect(error.fields, JSON.stringify(input)).toEqual(fields);
    }
    expect(await storedHash(id)).toBe(before);
    expect(await loadViewer(other.sessionId)).not.toBeNull();
    // Invalid new passwords are refused before the current password is checked: no failure was counted.
    expect(await prisma.signInThrottle.count({ where: { email } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { action: "user.password_changed", objectId: id } })).toBe(0);
  });
});

describe("my sessions", () => {
  it("lists the user's own last 20 sign-ins, newest first, with the browser shortened", async () => {
    const { email } = await newUser();
    const someoneElse = await newUser();
    await signIn(someoneElse.email);
    const sessions: SessionViewer[] = [];
    for (let i = 0; i < 22; i += 1) sessions.push(await signIn(email, PASSWORD, i === 21 ? CHROME : null));
    const current = sessions[21];
    if (!current) throw new Error("no session");
    const list = await listMySessions(current);
    expect(list).toHaveLength(20);
    expect(list[0]).toMatchObject({ id: current.sessionId, current: true, active: true, browser: "Chrome 120 · Windows", ip: "10.0.0.7" });
    expect(list[1]).toMatchObject({ current: false, active: true, browser: null });
    expect(list.map((s) => s.id)).toEqual(sessions.slice(2).reverse().map((s) => s.sessionId));
  });

  it("signs out everywhere else, keeping the current session, and audits it", async () => {
    const { id, email } = await newUser();
    const first = await signIn(email);
    const second = await signIn(email);
    const current = await signIn(email);
    const someoneElse = await newUser();
    const theirs = await signIn(someoneElse.email);

    expect(await signOutOtherSessions(current, { ip: "10.0.0.9" })).toEqual({ ended: 2 });
    expect(await loadViewer(first.sessionId)).toBeNull();
    expect(await loadViewer(second.sessionId)).toBeNull();
    expect(await loadViewer(current.sessionId)).not.toBeNull();
    expect(await loadViewer(theirs.sessionId)).not.toBeNull();
    const list = await listMySessions(current);
    expect(list.map((s) => [s.active, s.current])).toEqual([
      [true, true],
      [false, false],
      [false, false],
    ]);
    expect(list[1]?.endedAt).toBeInstanceOf(Date);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "auth.sign_out_others", actorId: id } });
    expect(audit.after).toEqual({ ended: 2, kept: current.sessionId });

    // Nothing left to end: nothing written.
    expect(await signOutOtherSessions(current)).toEqual({ ended: 0 });
    expect(await prisma.auditEvent.count({ where: { action: "auth.sign_out_others", actorId: id } })).toBe(1);
  });
});
