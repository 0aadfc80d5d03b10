import { createHash, randomUUID } from "node:crypto";
import { prisma } from "@workplan/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSeed } from "../../../../prisma/seed/run-seed";
import type { Viewer } from "../rules/policy";
import { LAST_USED_RESOLUTION_MS, authenticateApiToken, createApiToken, listApiTokens, revokeApiToken } from "./api-tokens";
import { DomainError } from "./errors";

/** A user of its own per test, so that no test depends on another's tokens. */
async function newStaff(): Promise<Viewer> {
  const kjs = await prisma.department.findUniqueOrThrow({ where: { code: "KJS" }, select: { id: true } });
  return prisma.user.create({
    data: { email: `token-${randomUUID()}@test.local`, name: "測試用戶", role: "STAFF", departmentId: kjs.id },
    select: { id: true, role: true, departmentId: true },
  });
}

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("API tokens", () => {
  beforeAll(async () => {
    await runSeed({ demo: true });
  });
  afterAll(async () => {
    await prisma.$disconnect();
  });

  it("shows the token once and stores only its SHA-256 hash, with an audit event that holds neither", async () => {
    const viewer = await newStaff();
    const created = await createApiToken(viewer, { name: "  統計系統  " });
    expect(created.token).toMatch(/^wp_[A-Za-z0-9_-]{43}$/);
    expect(created.prefix).toBe(created.token.slice(0, 10));

    const row = await prisma.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.name).toBe("統計系統");
    expect(row.tokenHash).toBe(createHash("sha256").update(created.token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(created.token.slice(10));

    const listed = await listApiTokens(viewer);
    expect(listed).toEqual([
      { id: created.id, name: "統計系統", prefix: created.prefix, createdAt: row.createdAt, lastUsedAt: null, revokedAt: null },
    ]);
    expect(JSON.stringify(listed)).not.toContain(created.token.slice(10));

    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "api_token.created", objectId: created.id } });
    expect(audit.actorId).toBe(viewer.id);
    expect(audit.after).toEqual({ name: "統計系統", prefix: created.prefix });
    const recorded = JSON.stringify([audit.before, audit.after]);
    expect(recorded).not.toContain(created.token.slice(10));
    expect(recorded).not.toContain(row.tokenHash);
  });

  it("lists a user's own tokens only, newest first", async () => {
    const viewer = await newStaff();
    const other = await newStaff();
    const first = await createApiToken(viewer, { name: "first" });
    const second = await createApiToken(viewer, { name: "second" });
    await createApiToken(other, { name: "someone else's" });
    expect((await listApiTokens(viewer)).map((t) => t.id)).toEqual([second.id, first.id]);
  });

  it("refuses a token without a name, with the field's message key", async () => {
    const viewer = await newStaff();
    for (const input of [{ name: "" }, { name: "   " }, {}]) {
      const error = await refusal(createApiToken(viewer, input));
      expect(error.code).toBe("invalid");
      expect(error.fields).toEqual({ name: "name.required" });
    }
    expect((await refusal(createApiToken(viewer, { name: "x".repeat(101) }))).fields).toEqual({ name: "name.tooLong" });
    expect(await listApiTokens(viewer)).toEqual([]);
  });

  it("authenticates a token as its user, and records lastUsedAt at most once a minute", async () => {
    const viewer = await newStaff();
    const { id, token } = await createApiToken(viewer, { name: "sync" });
    const t0 = new Date();
    const acting = await authenticateApiToken(token, t0);
    expect(acting).toMatchObject({ id: viewer.id, role: "STAFF", departmentId: viewer.departmentId, sessionId: `token:${id}` });
    expect(acting?.department?.code).toBe("KJS");
    expect(acting?.email).toMatch(/@test\.local$/);
    expect((await prisma.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).toEqual(t0);

    await authenticateApiToken(token, new Date(t0.getTime() + 30_000));
    expect((await prisma.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).toEqual(t0);

    const later = new Date(t0.getTime() + LAST_USED_RESOLUTION_MS + 1_000);
    await authenticateApiToken(token, later);
    expect((await prisma.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).toEqual(later);
  });

  it("refuses a revoked token; only the owner revokes, and revoking twice is harmless", async () => {
    const viewer = await newStaff();
    const other = await newStaff();
    const { id, token } = await createApiToken(viewer, { name: "to revoke" });
    expect(await authenticateApiToken(token)).not.toBeNull();

    expect((await refusal(revokeApiToken(other, id))).code).toBe("not_found");
    expect((await refusal(revokeApiToken(viewer, "not-an-id"))).code).toBe("not_found");
    expect(await authenticateApiToken(token)).not.toBeNull();

    await revokeApiToken(viewer, id, { ip: "10.0.0.1" });
    await revokeApiToken(viewer, id);
    expect(await authenticateApiToken(token)).toBeNull();
    expect((await listApiTokens(viewer))[0]?.revokedAt).toBeInstanceOf(Date);
    const audits = await prisma.auditEvent.findMany({ where: { action: "api_token.revoked", objectId: id } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: viewer.id, ip: "10.0.0.1" });
  });

  it("refuses the token of a deactivated user", async () => {
    const viewer = await newStaff();
    const { token } = await createApiToken(viewer, { name: "leaver" });
    expect(await authenticateApiToken(token)).not.toBeNull();
    await prisma.user.update({ where: { id: viewer.id }, data: { active: false } });
    expect(await authenticateApiToken(token)).toBeNull();
  });

  it("refuses unknown and malformed tokens", async () => {
    const { token } = await createApiToken(await newStaff(), { name: "real" });
    const unknown = `wp_${"A".repeat(43)}`;
    for (const bad of [unknown, token.slice(0, -1), `${token}x`, token.toUpperCase(), "", "Bearer x", null, 42, undefined]) {
      expect(await authenticateApiToken(bad)).toBeNull();
    }
  });
});
