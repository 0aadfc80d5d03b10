import { randomUUID } from "node:crypto";
import { prisma } from "@workplan/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSeed } from "../../../../prisma/seed/run-seed";
import type { Viewer } from "../rules/policy";
import { createUser } from "./create-user";
import { DomainError } from "./errors";
import { exportAuditEvents, listAuditEvents, type AuditPage, type AuditRow } from "./list-audit-events";

async function newUser(role: "STAFF" | "MANAGER" | "ADMIN") {
  const email = `audit-${randomUUID()}@test.local`;
  const { id } = await createUser(null, { email, name: "審計測試", role, departmentCode: role === "STAFF" ? "KJS" : null });
  const viewer: Viewer = { id, role, departmentId: null };
  return { id, email, viewer };
}

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

const at = (iso: string) => new Date(iso);
const ids = (page: AuditPage | AuditRow[]) => ("items" in page ? page.items : page).map((r) => r.id);

describe("the audit trail", () => {
  let admin: Viewer;
  let actor: { id: string; email: string };
  /** The actor's events, newest first, as the listing should give them. */
  let expected: string[];
  const objectId = randomUUID();

  beforeAll(async () => {
    await runSeed({ demo: true });
    admin = (await newUser("ADMIN")).viewer;
    actor = await newUser("MANAGER");
    // Eight events of one actor: two share a moment (the id decides), one is just after midnight in Beijing.
    const events = [
      { at: at("2018-03-01T08:00:00Z"), action: "progress.reported", objectType: "ProgressUpdate", objectId: "nosuchupdate0000000000" },
      { at: at("2018-03-01T15:59:59Z"), action: "auth.sign_in", objectType: "UserSession" },
      { at: at("2018-03-01T16:30:00Z"), action: "auth.sign_in_failed", objectType: "User", objectId: actor.id },
      { at: at("2018-03-05T00:00:00Z"), action: "auth.sign_in", objectType: "UserSession" },
      { at: at("2018-03-05T00:00:00Z"), action: "auth.sign_out", objectType: "UserSession" },
      { at: at("2018-03-06T00:00:00Z"), action: "milestone.created", objectType: "Initiative", objectId },
      { at: at("2018-03-07T00:00:00Z"), action: "user.password_changed", objectType: "User", objectId: actor.id, after: { endedSessions: 1 } },
      { at: at("2018-03-08T00:00:00Z"), action: "auth.sign_in", objectType: "UserSession", ip: "10.1.2.3" },
    ];
    const created: string[] = [];
    for (const event of events) {
      const row = await prisma.auditEvent.create({ data: { actorId: actor.id, ...event }, select: { id: true } });
      created.push(row.id.toString());
    }
    expected = created.reverse();
  });
  afterAll(async () => {
    await prisma.$disconnect();
  });

  it("is for admins only", async () => {
    const manager = await newUser("MANAGER");
    const staff = await newUser("STAFF");
    for (const viewer of [manager.viewer, staff.viewer]) {
      expect((await refusal(listAuditEvents(viewer, {}))).code).toBe("forbidden");
      expect((await refusal(exportAuditEvents(viewer, {}))).code).toBe("forbidden");
    }
    expect(await prisma.auditEvent.count({ where: { action: "audit.exported", actorId: { in: [manager.id, staff.id] } } })).toBe(0);
  });

  it("filters by the actor's e-mail (any letter case), newest first, with who and what", async () => {
    const page = await listAuditEvents(admin, { actor: `  ${actor.email.toUpperCase()} ` });
    expect(ids(page)).toEqual(expected);
    expect(page.older).toBeNull();
    expect(page.newer).toBeNull();
    const newest = page.items[0];
    expect(newest).toMatchObject({ action: "auth.sign_in", ip: "10.1.2.3", actor: { id: actor.id, email: actor.email, name: "審計測試" } });
    const changed = page.items.find((r) => r.action === "user.password_changed");
    expect(changed).toMatchObject({ objectType: "User", objectLink: { kind: "user", id: actor.id }, after: { endedSessions: 1 } });
    // An initiative or an update that does not exist (any more) links nowhere.
    expect(page.items.find((r) => r.objectType === "Initiative")?.objectLink).toBeNull();
    expect(page.items.find((r) => r.objectType === "ProgressUpdate")?.objectLink).toBeNull();

    expect((await listAuditEvents(admin, { actor: `nobody-${randomUUID()}@test.local` })).items).toEqual([]);
  });

  it("pages by keyset both ways, ties broken by id", async () => {
    const pages: string[][] = [];
    let page = await listAuditEvents(admin, { actor: actor.email, limit: "3" });
    expect(page.newer).toBeNull();
    pages.push(ids(page));
    while (page.older) {
      page = await listAuditEvents(admin, { actor: actor.email, limit: 3, before: page.older });
      pages.push(ids(page));
    }
    expect(pages).toEqual([expected.slice(0, 3), expected.slice(3, 6), expected.slice(6)]);
    expect(page.older).toBeNull();

    // And back again with the newer cursors.
    const back: string[][] = [ids(page)];
    while (page.newer) {
      page = await listAuditEvents(admin, { actor: actor.email, limit: 3, after: page.newer });
      back.unshift(ids(page));
    }
    expect(back).toEqual(pages);
    expect(page.newer).toBeNull();

    // The middle page, reached from either side, offers both ways on.
    const middle = await listAuditEvents(admin, { actor: actor.email, limit: 3, before: expected[2] });
    expect(ids(middle)).toEqual(expected.slice(3, 6));
    expect(middle.newer).toBe(expected[3]);
    expect(middle.older).toBe(expected[5]);
  });

  it("filters by action or kind of action, object, and days in Beijing time", async () => {
    const mine = { actor: actor.email };
    expect(ids(await listAuditEvents(admin, { ...mine, action: "auth.sign_in" }))).toEqual([expected[0], expected[4], expected[6]]);
    expect(ids(await listAuditEvents(admin, { ...mine, action: "auth" }))).toEqual([
      expected[0],
      expected[3],
      expected[4],
      expected[5],
      expected[6],
    ]);
    expect(ids(await listAuditEvents(admin, { action: "user.password_changed", objectType: "User", objectId: actor.id }))).toEqual([expected[1]]);
    expect(ids(await listAuditEvents(admin, { objectType: "Initiative", objectId }))).toEqual([expected[2]]);

    // 2018-03-01T16:30Z is 00:30 on 2 March in Beijing; 15:59:59Z is still 1 March.
    expect(ids(await listAuditEvents(admin, { ...mine, from: "2018-03-02", to: "2018-03-02" }))).toEqual([expected[5]]);
    expect(ids(await listAuditEvents(admin, { ...mine, to: "2018-03-01" }))).toEqual([expected[6], expected[7]]);
    expect(ids(await listAuditEvents(admin, { ...mine, from: "2018-03-07" }))).toEqual([expected[0], expected[1]]);
  });

  it("filters the system's own events", async () => {
    const marker = randomUUID();
    await prisma.auditEvent.create({ data: { actorId: null, action: "seed.test", objectType: "AuditTest", objectId: marker } });
    const page = await listAuditEvents(admin, { actor: "system", objectType: "AuditTest", objectId: marker });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]?.actor).toBeNull();
    expect((await listAuditEvents(admin, { actor: actor.email, objectType: "AuditTest", objectId: marker })).items).toEqual([]);
  });

  it("refuses malformed filters field by field", async () => {
    const error = await refusal(
      listAuditEvents(admin, { actor: "not an e-mail", action: "DROP TABLE", from: "2018-02-30", to: "yesterday", before: "12a" }),
    );
    expect(error.code).toBe("invalid");
    expect(error.fields).toEqual({
      actor: "actor.invalid",
      action: "action.invalid",
      from: "date.invalid",
      to: "date.format",
      before: "cursor.invalid",
    });
    expect((await refusal(listAuditEvents(admin, { from: "2018-03-02", to: "2018-03-01" }))).fields).toEqual({ to: "to.beforeFrom" });
    expect((await refusal(listAuditEvents(admin, { before: "999999999999999" }))).fields).toEqual({ before: "cursor.invalid" });
    // Blank filters, as an empty form sends them, are no filters.
    expect((await listAuditEvents(admin, { actor: "", action: "", objectType: "", objectId: "", from: "", to: "", limit: "1" })).items).toHaveLength(1);
  });

  it("exports every matching event in batches, newest first, and records the export with its filters", async () => {
    const { filters, batches } = await exportAuditEvents(admin, { actor: actor.email.toUpperCase(), action: "" }, { ip: "10.9.9.9", batchSize: 3 });
    expect(filters).toEqual({ actor: actor.email });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "audit.exported", actorId: admin.id }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ ip: "10.9.9.9", after: { actor: actor.email } });
    const sizes: number[] = [];
    const all: string[] = [];
    for await (const batch of batches) {
      sizes.push(batch.length);
      all.push(...ids(batch));
    }
    expect(all).toEqual(expected);
    expect(sizes).toEqual([3, 3, 2]);

    const none = await exportAuditEvents(admin, { actor: `nobody-${randomUUID()}@test.local` });
    for await (const batch of none.batches) expect(batch).toEqual([]);
  });
});

describe("the audit_events table is append-only", () => {
  afterAll(async () => {
    await prisma.$disconnect();
  });

  async function refusedByPostgres(sql: string): Promise<string> {
    const error = await prisma.$executeRawUnsafe(sql).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error, sql).toBeInstanceOf(Error);
    return error instanceof Error ? error.message : "";
  }

  it("refuses UPDATE, DELETE and TRUNCATE, whoever asks, and the row stays as it was", async () => {
    const marker = randomUUID();
    const row = await prisma.auditEvent.create({
      data: { actorId: null, action: "test.append_only", objectType: "AuditTest", objectId: marker, after: { kept: true } },
    });
    const total = await prisma.auditEvent.count();

    expect(await refusedByPostgres(`UPDATE audit_events SET action = 'tampered', after = NULL WHERE id = ${row.id}`)).toContain("append-only");
    expect(await refusedByPostgres(`DELETE FROM audit_events WHERE id = ${row.id}`)).toContain("append-only");
    expect(await refusedByPostgres("TRUNCATE audit_events")).toContain("append-only");

    expect(await prisma.auditEvent.findUnique({ where: { id: row.id } })).toEqual(row);
    expect(await prisma.auditEvent.count()).toBeGreaterThanOrEqual(total);
    // Through the client too.
    await expect(prisma.auditEvent.update({ where: { id: row.id }, data: { action: "tampered" } })).rejects.toThrow(/append-only/);
    await expect(prisma.auditEvent.deleteMany({ where: { objectId: marker } })).rejects.toThrow(/append-only/);
    expect(await prisma.auditEvent.findUnique({ where: { id: row.id } })).toEqual(row);
  });
});
