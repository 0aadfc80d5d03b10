import { createHash, randomUUID } from "node:crypto";
import { prisma } from "@workplan/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSeed } from "../../../../prisma/seed/run-seed";
import { auditOf, makeUser } from "../testing/admin-users-testing";
import { inviteUser } from "./invite-user";
import { refusal } from "../testing/progress-testing";
import { checkPasswordLink } from "./redeem-password-link";

const email = () => `invitee-${randomUUID()}@test.local`;

describe("inviteUser", () => {
  beforeAll(async () => {
    await runSeed({ demo: true });
  });
  afterAll(async () => {
    await prisma.$disconnect();
  });

  it("creates the account without a password and returns a one-time link valid 72 hours, stored as a hash", async () => {
    const admin = await makeUser("ADMIN");
    const now = new Date();
    const address = email();
    const result = await inviteUser(admin, { email: `  ${address.toUpperCase()} `, name: " 張三 ", role: "STAFF", department: "kjs" }, { ip: "10.0.0.1", now });

    expect(result.user).toMatchObject({
      email: address,
      name: "張三",
      role: "STAFF",
      department: { code: "KJS" },
      active: true,
      hasPassword: false,
      locked: false,
      lastLoginAt: null,
    });
    expect(result.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(result.expiresAt.getTime()).toBe(now.getTime() + 72 * 3600_000);

    const user = await prisma.user.findUniqueOrThrow({ where: { email: address }, select: { id: true, passwordHash: true } });
    expect(user.passwordHash).toBeNull();
    const links = await prisma.passwordLink.findMany({ where: { userId: user.id } });
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({
      purpose: "INVITE",
      tokenHash: createHash("sha256").update(result.token).digest("hex"),
      usedAt: null,
      createdById: admin.id,
      expiresAt: result.expiresAt,
    });

    expect(await checkPasswordLink(result.token)).toEqual({ status: "valid", purpose: "INVITE", email: address, name: "張三", expiresAt: result.expiresAt });

    const { events, text } = await auditOf(user.id);
    expect(events.map((e) => e.action)).toEqual(["user.created"]);
    expect(events[0]?.actorId).toBe(admin.id);
    expect(events[0]?.ip).toBe("10.0.0.1");
    expect(events[0]?.after).toEqual({
      email: address,
      name: "張三",
      role: "STAFF",
      departmentCode: "KJS",
      active: true,
      passwordLink: { purpose: "INVITE", expiresAt: result.expiresAt.toISOString() },
    });
    expect(text).not.toContain(result.token);
    expect(text).not.toContain(links[0]?.tokenHash);
  });

  it("refuses STAFF without a department, writing nothing; a MANAGER is ministry-wide only when that is chosen", async () => {
    const admin = await makeUser("ADMIN");
    const staff = email();
    for (const department of [undefined, null, "", "  "]) {
      const error = await refusal(inviteUser(admin, { email: staff, name: "李四", role: "STAFF", department }));
      expect(error.code).toBe("invalid");
      expect(error.fields).toEqual({ department: "department.required" });
    }
    expect(await prisma.user.findUnique({ where: { email: staff } })).toBeNull();

    // A manager left without a choice (absent, empty, blank) is refused rather than made ministry-wide.
    const undecided = email();
    for (const department of [undefined, "", "  "]) {
      const error = await refusal(inviteUser(admin, { email: undecided, name: "王五", role: "MANAGER", department }));
      expect(error.code).toBe("invalid");
      expect(error.fields).toEqual({ department: "department.choose" });
    }
    expect(await prisma.user.findUnique({ where: { email: undecided } })).toBeNull();

    const manager = await inviteUser(admin, { email: email(), name: "王五", role: "MANAGER", department: null });
    expect(manager.user).toMatchObject({ role: "MANAGER", department: null });
    const departmental = await inviteUser(admin, { email: email(), name: "王六", role: "MANAGER", department: "kjs" });
    expect(departmental.user).toMatchObject({ role: "MANAGER", department: { code: "KJS" } });

    // An admin sees the whole ministry whatever their department: theirs may be left out.
    const adminUser = await inviteUser(admin, { email: email(), name: "王七", role: "ADMIN" });
    expect(adminUser.user).toMatchObject({ role: "ADMIN", department: null });
  });

  it("answers each bad field with its message key", async () => {
    const admin = await makeUser("ADMIN");
    const taken = email();
    await inviteUser(admin, { email: taken, name: "趙六", role: "MANAGER", department: null });

    const duplicate = await refusal(inviteUser(admin, { email: taken.toUpperCase(), name: "趙六", role: "MANAGER", department: null }));
    expect(duplicate.code).toBe("conflict");
    expect(duplicate.fields).toEqual({ email: "email.taken" });

    const bad = await refusal(inviteUser(admin, { email: "not-an-email", name: "  ", role: "BOSS", department: "KJS" }));
    expect(bad.code).toBe("invalid");
    expect(bad.fields).toEqual({ email: "email.invalid", name: "name.required", role: "role.invalid" });

    const unknown = await refusal(inviteUser(admin, { email: email(), name: "錢七", role: "STAFF", department: "NOPE" }));
    expect(unknown.fields).toEqual({ department: "department.unknown" });

    const extra = await refusal(inviteUser(admin, { email: email(), name: "錢七", role: "MANAGER", department: null, password: "secret" }));
    expect(extra.code).toBe("invalid");
  });

  it("is for admins only, whatever the input", async () => {
    for (const role of ["STAFF", "MANAGER"] as const) {
      const actor = await makeUser(role, "KJS");
      const address = email();
      expect((await refusal(inviteUser(actor, { email: address, name: "孫八", role: "ADMIN" }))).code).toBe("forbidden");
      expect((await refusal(inviteUser(actor, { nonsense: true }))).code).toBe("forbidden");
      expect(await prisma.user.findUnique({ where: { email: address } })).toBeNull();
    }
  });
});
