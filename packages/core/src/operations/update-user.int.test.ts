import { prisma } from "@workplan/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSeed } from "../../../../prisma/seed/run-seed";
import { auditOf, fakeHash, makeUser, openSession, withOnlyAdmins } from "../testing/admin-users-testing";
import { inviteUser } from "./invite-user";
import { listUsers } from "./list-users";
import { loadViewer } from "./load-viewer";
import { refusal } from "../testing/progress-testing";
import { checkPasswordLink } from "./redeem-password-link";
import { forcePasswordReset, unlockUser, updateUser } from "./update-user";

async function departmentId(code: string) {
  return (await prisma.department.findUniqueOrThrow({ where: { code }, select: { id: true } })).id;
}

describe("updateUser, unlockUser, forcePasswordReset", () => {
  beforeAll(async () => {
    await runSeed({ demo: true });
  });
  afterAll(async () => {
    await prisma.$disconnect();
  });

  it("changes role and department, effective on the user's very next request with the old session", async () => {
    const admin = await makeUser("ADMIN");
    const user = await makeUser("STAFF", "KJS");
    const session = await openSession(user.id);
    expect(await loadViewer(session)).toMatchObject({ role: "STAFF", department: { code: "KJS" } });

    const updated = await updateUser(admin, user.id, { role: "MANAGER", department: "CYZCS" }, { ip: "10.2.2.2" });
    expect(updated).toMatchObject({ role: "MANAGER", department: { code: "CYZCS" }, active: true });
    expect(await loadViewer(session)).toMatchObject({ role: "MANAGER", departmentId: await departmentId("CYZCS") });

    // A manager without a department is ministry-wide.
    await updateUser(admin, user.id, { department: null });
    expect(await loadViewer(session)).toMatchObject({ role: "MANAGER", departmentId: null, department: null });

    const { events, text } = await auditOf(user.id);
    expect(events.map((e) => [e.action, e.actorId, e.before, e.after])).toEqual([
      ["user.updated", admin.id, { email: user.email, role: "STAFF", department: "KJS" }, { email: user.email, role: "MANAGER", department: "CYZCS" }],
      ["user.updated", admin.id, { email: user.email, department: "CYZCS" }, { email: user.email, department: null }],
    ]);
    expect(events[0]?.ip).toBe("10.2.2.2");
    expect(text).not.toMatch(/argon2|passwordHash|tokenHash/);
  });

  it("changes nothing, and records nothing, when nothing differs", async () => {
    const admin = await makeUser("ADMIN");
    const user = await makeUser("STAFF", "KJS");
    const same = await updateUser(admin, user.id, { role: "STAFF", department: "kjs", active: true });
    expect(same).toMatchObject({ role: "STAFF", department: { code: "KJS" }, active: true });
    expect((await auditOf(user.id)).events).toEqual([]);
  });

  it("refuses STAFF without a department", async () => {
    const admin = await makeUser("ADMIN");
    const manager = await makeUser("MANAGER");
    const staff = await makeUser("STAFF", "KJS");
    expect((await refusal(updateUser(admin, manager.id, { role: "STAFF" }))).fields).toEqual({ department: "department.required" });
    expect((await refusal(updateUser(admin, staff.id, { department: null }))).fields).toEqual({ department: "department.required" });
    expect((await refusal(updateUser(admin, staff.id, { department: "NOPE" }))).fields).toEqual({ department: "department.unknown" });
    expect(await updateUser(admin, manager.id, { role: "STAFF", department: "KJS" })).toMatchObject({ role: "STAFF", department: { code: "KJS" } });
    expect((await auditOf(staff.id)).events).toEqual([]);
  });

  it("makes a department-less account a MANAGER only when the whole ministry is chosen explicitly", async () => {
    const admin = await makeUser("ADMIN");
    const other = await makeUser("ADMIN");
    // An admin without a department, made a manager: the whole ministry is not implied.
    for (const change of [{ role: "MANAGER" }, { role: "MANAGER", department: "" }, { role: "MANAGER", department: "  " }]) {
      expect((await refusal(updateUser(admin, other.id, change))).fields).toEqual({ department: "department.choose" });
    }
    expect(await prisma.user.findUniqueOrThrow({ where: { id: other.id }, select: { role: true } })).toEqual({ role: "ADMIN" });
    expect(await updateUser(admin, other.id, { role: "MANAGER", department: null })).toMatchObject({ role: "MANAGER", department: null });
    // Empty text is no choice: it leaves the department as it is (never "none").
    const manager = await makeUser("MANAGER", "KJS");
    expect(await updateUser(admin, manager.id, { department: "" })).toMatchObject({ department: { code: "KJS" } });
  });

  it("deactivation ends every session at once; reactivation lets the user sign in again but does not revive them", async () => {
    const admin = await makeUser("ADMIN");
    const user = await makeUser("STAFF", "CYZCS");
    const pending = await forcePasswordReset(admin, user.id);
    const sessions = [await openSession(user.id), await openSession(user.id)];
    const link = await checkPasswordLink(pending.token);
    expect(link.status).toBe("valid");

    expect(await updateUser(admin, user.id, { active: false })).toMatchObject({ active: false });
    for (const s of sessions) expect(await loadViewer(s)).toBeNull();
    const rows = await prisma.userSession.findMany({ where: { userId: user.id } });
    expect(rows.every((r) => r.revokedAt !== null)).toBe(true);
    expect(await checkPasswordLink(pending.token)).not.toEqual(link);

    await updateUser(admin, user.id, { active: true });
    expect(await loadViewer(sessions[0] ?? "")).toBeNull();
    const fresh = await openSession(user.id);
    expect(await loadViewer(fresh)).toMatchObject({ id: user.id });

    const { events } = await auditOf(user.id);
    expect(events.map((e) => [e.action, e.before, e.after])).toEqual([
      ["user.password_reset", expect.anything(), expect.anything()],
      ["user.deactivated", { email: user.email, active: true }, { email: user.email, active: false, sessionsRevoked: 2, linksExpired: 1 }],
      ["user.reactivated", { email: user.email, active: false }, { email: user.email, active: true }],
    ]);
  });

  it("unlocks a locked account", async () => {
    const admin = await makeUser("ADMIN");
    const user = await makeUser("MANAGER", null, "鎖定測試");
    const lockedUntil = new Date(Date.now() + 10 * 60_000);
    // The account's own delay, a longer one at one address, and an address's own row (not the user's to clear).
    await prisma.signInThrottle.create({ data: { email: user.email, failures: 10, lastFailedAt: new Date(), delayedUntil: new Date(Date.now() + 60_000) } });
    await prisma.signInThrottle.create({ data: { address: "10.3.3.4", email: user.email, failures: 5, lastFailedAt: new Date(), delayedUntil: lockedUntil } });
    await prisma.signInThrottle.create({ data: { address: "10.3.3.4", failures: 7, lastFailedAt: new Date() } });
    const listed = await listUsers(admin, { q: user.email });
    expect(listed.items).toEqual([expect.objectContaining({ id: user.id, locked: true, lockedUntil: lockedUntil.toISOString() })]);

    expect(await unlockUser(admin, user.id, { ip: "10.3.3.3" })).toEqual({ unlocked: true });
    expect(await prisma.signInThrottle.count({ where: { email: user.email } })).toBe(0);
    expect(await prisma.signInThrottle.count({ where: { address: "10.3.3.4", email: "" } })).toBe(1);
    await prisma.signInThrottle.deleteMany({ where: { address: "10.3.3.4" } });
    expect((await listUsers(admin, { q: user.email })).items[0]).toMatchObject({ locked: false, lockedUntil: null });
    expect(await unlockUser(admin, user.id)).toEqual({ unlocked: false });

    const { events } = await auditOf(user.id);
    expect(events.map((e) => [e.action, e.actorId, e.before, e.after])).toEqual([
      [
        "user.unlocked",
        admin.id,
        { email: user.email, locked: true, lockedUntil: lockedUntil.toISOString(), failures: 10 },
        { email: user.email, locked: false, failures: 0 },
      ],
    ]);
  });

  it("a forced reset ends the sessions, stops the old password and the old links, and gives a new RESET link once", async () => {
    const admin = await makeUser("ADMIN");
    const user = await makeUser("STAFF", "KJS");
    const hash = fakeHash();
    await prisma.user.update({ where: { id: user.id }, data: { passwordHash: hash } });
    const session = await openSession(user.id);
    const first = await forcePasswordReset(admin, user.id, { ip: "10.4.4.4" });
    expect(first.purpose).toBe("RESET");
    expect(await loadViewer(session)).toBeNull();
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } })).passwordHash).toBeNull();

    const second = await forcePasswordReset(admin, user.id);
    expect(second.purpose).toBe("RESET");
    expect(await checkPasswordLink(first.token)).toEqual({ status: "expired" });
    expect(await checkPasswordLink(second.token)).toMatchObject({ status: "valid", email: user.email });

    const { events, text } = await auditOf(user.id);
    expect(events[0]).toMatchObject({
      action: "user.password_reset",
      actorId: admin.id,
      ip: "10.4.4.4",
      before: { email: user.email, hasPassword: true },
      after: { email: user.email, hasPassword: false, sessionsRevoked: 1, linksExpired: 0, passwordLink: { purpose: "RESET" } },
    });
    expect(events[1]?.after).toMatchObject({ sessionsRevoked: 0, linksExpired: 1 });
    for (const secret of [first.token, second.token, hash]) expect(text).not.toContain(secret);

    await updateUser(admin, user.id, { active: false });
    expect((await refusal(forcePasswordReset(admin, user.id))).fields).toEqual({ form: "user.inactive" });
  });

  it("keeps the last active admin: it can be neither deactivated nor demoted", async () => {
    const only = await makeUser("ADMIN");
    await withOnlyAdmins([only.id], async () => {
      const deactivate = await refusal(updateUser(only, only.id, { active: false }));
      expect(deactivate.code).toBe("conflict");
      expect(deactivate.fields).toEqual({ active: "active.lastAdmin" });
      const demote = await refusal(updateUser(only, only.id, { role: "MANAGER" }));
      expect(demote.code).toBe("conflict");
      expect(demote.fields).toEqual({ role: "role.lastAdmin" });

      // With a second admin, the first may go.
      const manager = await makeUser("MANAGER");
      await updateUser(only, manager.id, { role: "ADMIN" });
      const second = { ...manager, role: "ADMIN" as const };
      expect(await updateUser(second, only.id, { role: "MANAGER", department: null })).toMatchObject({ role: "MANAGER" });
      expect((await refusal(updateUser(second, second.id, { active: false }))).fields).toEqual({ active: "active.lastAdmin" });
      await updateUser(second, only.id, { role: "ADMIN" });
    });
  });

  it("lets only one of two concurrent demotions of the only two admins succeed", async () => {
    for (const change of [{ role: "MANAGER", department: null }, { active: false }] as const) {
      const a = await makeUser("ADMIN");
      const b = await makeUser("ADMIN");
      await withOnlyAdmins([a.id, b.id], async () => {
        const results = await Promise.allSettled([updateUser(a, b.id, change), updateUser(b, a.id, change)]);
        expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
        const failed = results.find((r) => r.status === "rejected");
        expect((failed?.reason as { code?: string } | undefined)?.code).toBe("conflict");
        expect(await prisma.user.count({ where: { id: { in: [a.id, b.id] }, role: "ADMIN", active: true } })).toBe(1);
      });
    }
  });

  it("refuses an actor who is no longer an admin, and is for admins only", async () => {
    const admin = await makeUser("ADMIN");
    const target = await makeUser("STAFF", "KJS");
    await prisma.user.update({ where: { id: admin.id }, data: { role: "MANAGER" } });
    // The stale viewer still says ADMIN; the operation re-reads it under lock.
    expect((await refusal(updateUser(admin, target.id, { role: "MANAGER" }))).code).toBe("forbidden");

    for (const role of ["STAFF", "MANAGER"] as const) {
      const actor = await makeUser(role, "KJS");
      expect((await refusal(updateUser(actor, target.id, { role: "ADMIN" }))).code).toBe("forbidden");
      expect((await refusal(unlockUser(actor, target.id))).code).toBe("forbidden");
      expect((await refusal(forcePasswordReset(actor, target.id))).code).toBe("forbidden");
    }
    expect(await prisma.user.findUniqueOrThrow({ where: { id: target.id }, select: { role: true } })).toEqual({ role: "STAFF" });
  });

  it("answers an unknown user with not found and bad input with message keys", async () => {
    const admin = await makeUser("ADMIN");
    expect((await refusal(updateUser(admin, "nosuchuser000000000000000", { active: false }))).code).toBe("not_found");
    expect((await refusal(updateUser(admin, "../etc", { active: false }))).code).toBe("not_found");
    expect((await refusal(unlockUser(admin, "nosuchuser000000000000000"))).code).toBe("not_found");
    const user = await makeUser("STAFF", "KJS");
    const bad = await refusal(updateUser(admin, user.id, { role: "KING", active: "yes" }));
    expect(bad.fields).toEqual({ role: "role.invalid", active: "active.invalid" });
    expect((await refusal(updateUser(admin, user.id, { email: "x@y.z" }))).code).toBe("invalid");
  });

  it("renews an invitation that was never used, as an invitation", async () => {
    const admin = await makeUser("ADMIN");
    const invited = await inviteUser(admin, { email: `${crypto.randomUUID()}@test.local`, name: "鄭十一", role: "MANAGER", department: "KJS" });
    const renewed = await forcePasswordReset(admin, invited.user.id);
    expect(renewed.purpose).toBe("INVITE");
    expect(await checkPasswordLink(invited.token)).toEqual({ status: "expired" });
    expect(await checkPasswordLink(renewed.token)).toMatchObject({ status: "valid", purpose: "INVITE" });
  });

  it("a user invited and then made admin counts as an admin", async () => {
    const admin = await makeUser("ADMIN");
    const invited = await inviteUser(admin, { email: `${crypto.randomUUID()}@test.local`, name: "吳十", role: "ADMIN" });
    await withOnlyAdmins([admin.id, invited.user.id], async () => {
      expect(await updateUser(admin, invited.user.id, { active: false })).toMatchObject({ active: false });
      expect((await refusal(updateUser(admin, admin.id, { active: false }))).fields).toEqual({ active: "active.lastAdmin" });
    });
  });
});
