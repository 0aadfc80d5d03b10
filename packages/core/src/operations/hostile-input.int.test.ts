// Hostile input through the operations: control characters, zero-width-only text, integers beyond
// their column and made-up cursors are refused with a field (never a database error), and nothing
// is written.
import { prisma } from "@workplan/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSeed } from "../../../../prisma/seed/run-seed";
import type { Viewer } from "../rules/policy";
import { newUser, refusal, snapshotProgressState, viewer } from "../testing/progress-testing";
import { chaseInitiative } from "./chase";
import { inviteUser } from "./invite-user";
import { listInitiatives } from "./list-initiatives";
import { listUpdates } from "./list-updates";
import { logProgress } from "./log-progress";
import { requestExtension } from "./extension-requests";

const CODE = "KJS-2018-1.4";

describe("hostile input", () => {
  let restore: () => Promise<void> = async () => {};
  let staff: Viewer;
  let director: Viewer;
  let admin: Viewer;
  let id: string;

  beforeAll(async () => {
    await runSeed({ demo: true });
    restore = await snapshotProgressState();
    staff = await newUser("hi", "STAFF", "KJS");
    director = await viewer("director@demo.local");
    admin = await viewer("admin@demo.local");
    id = (await prisma.initiative.findUniqueOrThrow({ where: { code: CODE }, select: { id: true } })).id;
  });
  afterAll(async () => {
    await restore();
    await prisma.$disconnect();
  });

  const counts = async () => ({
    updates: await prisma.progressUpdate.count(),
    audit: await prisma.auditEvent.count(),
    users: await prisma.user.count(),
    extensions: await prisma.extensionRequest.count(),
    chases: await prisma.chase.count(),
  });

  it("refuses text with control characters, blank zero-width text and versions beyond an integer, writing nothing", async () => {
    const before = await counts();
    const { version } = await prisma.initiative.findUniqueOrThrow({ where: { id }, select: { version: true } });
    const report = (patch: Record<string, unknown>) =>
      refusal(logProgress(staff, id, { period: "2018-06", progress: 10, health: "OFF_TRACK", workDone: "起草方案", baseVersion: version, ...patch }));
    expect((await report({ workDone: "a\u0000b" })).fields).toMatchObject({ workDone: "workDone.control" });
    expect((await report({ problems: "\u001b[2J" })).fields).toMatchObject({ problems: "problems.control" });
    expect((await report({ workDone: "\u200B\u200B\u2060" })).fields).toMatchObject({ workDone: "workDone.required" });
    expect((await report({ baseVersion: 2147483648 })).fields).toMatchObject({ baseVersion: "baseVersion.required" });
    expect((await report({ links: ["https://example.gov.cn/\u0000"] })).fields).toMatchObject({ links: "links.control" });

    const invite = await refusal(inviteUser(admin, { email: "nul@test.local", name: "张\u0000三", role: "STAFF", department: "KJS" }));
    expect(invite.fields).toMatchObject({ name: "name.control" });
    const ask = await refusal(requestExtension(staff, id, { requestedDueDate: "2019-03-31", reason: "理由\u0000" }));
    expect(ask.fields).toMatchObject({ reason: "reason.control" });
    const chase = await refusal(chaseInitiative(director, id, { note: "请\u0007报送" }, { now: new Date("2018-06-28T10:00:00+08:00") }));
    expect(chase.fields).toMatchObject({ note: "note.control" });
    expect(await counts()).toEqual(before);
  });

  it("refuses a search with a NUL and a cursor no list gave, at once", async () => {
    expect((await refusal(listInitiatives(director, { q: "制\u0000造" }))).fields).toEqual({ q: "q.control" });
    expect((await refusal(listUpdates(director, { q: "\u0000" }))).fields).toEqual({ q: "q.control" });
    expect((await refusal(listInitiatives(director, { cursor: "garbage" }))).fields).toEqual({ cursor: "cursor.invalid" });
    expect((await refusal(listUpdates(director, { cursor: "garbage" }))).fields).toEqual({ cursor: "cursor.invalid" });
    // A zero-width search is no search.
    expect((await listInitiatives(director, { q: "\u200B", limit: 500 })).items.length).toBeGreaterThan(0);
  });
});
