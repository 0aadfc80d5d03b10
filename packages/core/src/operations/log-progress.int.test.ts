import { prisma } from "@workplan/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSeed } from "../../../../prisma/seed/run-seed";
import type { Viewer } from "../rules/policy";
import { getInitiative } from "./get-initiative";
import { ConflictError, IdempotencyMismatchError, logProgress, type EvidenceFileInput } from "./log-progress";
import { newUser, refusal, snapshotProgressState, viewer } from "../testing/progress-testing";

// The 2018 plan at mid-year: half the time from 1 January to 31 December has elapsed.
const now = new Date("2018-07-01T00:00:00Z");
const ctx = (extra: { idempotencyKey?: string; ip?: string; json?: boolean } = {}) => ({ now, ...extra });

function initiative(code: string) {
  return prisma.initiative.findUniqueOrThrow({
    where: { code },
    select: {
      id: true,
      planId: true,
      themeId: true,
      version: true,
      progress: true,
      health: true,
      measuredValue: true,
      lastUpdateAt: true,
    },
  });
}

function themeOf(item: { themeId: string | null }): string {
  if (!item.themeId) throw new Error("expected an initiative with a theme");
  return item.themeId;
}

/** A valid report at mid-year: 50 % is on pace. */
function report(baseVersion: number, patch: Record<string, unknown> = {}) {
  return { period: "2018-06", progress: "50", health: "ON_TRACK", workDone: "召開推進會，完成方案初稿。", baseVersion: String(baseVersion), ...patch };
}

async function counts() {
  const [updates, audits, evidence] = await Promise.all([prisma.progressUpdate.count(), prisma.auditEvent.count(), prisma.evidence.count()]);
  return { updates, audits, evidence };
}

/** The roll-ups as stored, and as they should be from the initiatives. */
async function rollups(planId: string, themeId: string) {
  const [plan, theme, all, inTheme] = await Promise.all([
    prisma.workPlan.findUniqueOrThrow({ where: { id: planId }, select: { progress: true } }),
    prisma.theme.findUniqueOrThrow({ where: { id: themeId }, select: { progress: true } }),
    prisma.initiative.aggregate({ where: { planId }, _avg: { progress: true } }),
    prisma.initiative.aggregate({ where: { themeId }, _avg: { progress: true } }),
  ]);
  return {
    plan: plan.progress,
    theme: theme.progress,
    expectedPlan: Math.round(all._avg.progress ?? 0),
    expectedTheme: Math.round(inTheme._avg.progress ?? 0),
  };
}

const PDF = new Uint8Array(
  Buffer.from(
    "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n" +
      "trailer << /Root 1 0 R >>\n%%EOF\n",
    "latin1",
  ),
);
// A 1×1 transparent PNG.
const PNG = new Uint8Array(
  Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64"),
);
const ELF = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...new Array<number>(56).fill(0)]);
const EXE = new Uint8Array(Buffer.from("MZ\x90\x00\x03\x00\x00\x00This program cannot be run in DOS mode.", "latin1"));
const TEXT = new Uint8Array(Buffer.from("Just some notes, renamed to .pdf\n", "utf8"));

describe("logProgress", () => {
  let techStaff: Viewer;
  let policyStaff: Viewer;
  let policyLead: Viewer;
  let director: Viewer;
  let admin: Viewer;
  let kjsId: string;

  let restore: () => Promise<void> = async () => {};

  beforeAll(async () => {
    await runSeed({ demo: true });
    restore = await snapshotProgressState();
    techStaff = await viewer("tech.staff@demo.local");
    policyStaff = await viewer("policy.staff@demo.local");
    policyLead = await viewer("policy.lead@demo.local");
    director = await viewer("director@demo.local");
    admin = await viewer("admin@demo.local");
    kjsId = (await prisma.department.findUniqueOrThrow({ where: { code: "KJS" } })).id;
  });
  afterAll(async () => {
    await restore();
    await prisma.$disconnect();
  });

  it("files a lead department's report: headline, version, roll-ups and one audit event", async () => {
    const reporter = await newUser("progress", "STAFF", "KJS");
    const before = await initiative("KJS-2018-1.1");
    const rollupsBefore = await rollups(before.planId, themeOf(before));
    const countsBefore = await counts();

    const result = await logProgress(
      reporter,
      before.id,
      report(before.version, { progress: "60", measuredValue: "2", problems: "資金到位較慢", nextSteps: "完成評審" }),
      [],
      ctx({ ip: "10.1.2.3", idempotencyKey: "first-report-0001" }),
    );
    expect(result).toEqual({ updateId: expect.any(String), created: true, version: before.version + 1 });

    const after = await initiative("KJS-2018-1.1");
    expect(after.progress).toBe(60);
    expect(after.health).toBe("ON_TRACK");
    expect(Number(after.measuredValue)).toBe(2);
    expect(after.version).toBe(before.version + 1);
    expect(before.lastUpdateAt).toBeNull();
    expect(after.lastUpdateAt).toBeInstanceOf(Date);

    const update = await prisma.progressUpdate.findUniqueOrThrow({ where: { id: result.updateId } });
    expect(update).toMatchObject({
      initiativeId: before.id,
      authorId: reporter.id,
      departmentId: kjsId,
      progress: 60,
      health: "ON_TRACK",
      healthSuggested: "ON_TRACK",
      healthReason: null,
      workDone: "召開推進會，完成方案初稿。",
      problems: "資金到位較慢",
      nextSteps: "完成評審",
      status: "SUBMITTED",
      version: 0,
      idempotencyKey: "first-report-0001",
    });
    expect(update.period.toISOString()).toBe("2018-06-01T00:00:00.000Z");

    // The stored roll-ups follow the initiatives, and moved.
    const rollupsAfter = await rollups(before.planId, themeOf(before));
    expect(rollupsAfter.plan).toBe(rollupsAfter.expectedPlan);
    expect(rollupsAfter.theme).toBe(rollupsAfter.expectedTheme);
    expect(rollupsAfter.plan).toBeGreaterThan(rollupsBefore.plan);
    expect(rollupsAfter.theme).toBeGreaterThan(rollupsBefore.theme);

    const audits = await prisma.auditEvent.findMany({ where: { objectType: "ProgressUpdate", objectId: result.updateId } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorId: reporter.id,
      action: "progress.reported",
      ip: "10.1.2.3",
      after: { initiativeId: before.id, period: "2018-06", progress: 60, health: "ON_TRACK", measuredValue: 2, files: [], links: 0 },
    });
    expect(await counts()).toEqual({ updates: countsBefore.updates + 1, audits: countsBefore.audits + 1, evidence: countsBefore.evidence });
  });

  it("writes the audit event in the same transaction: when it fails, nothing of the report stays", async () => {
    const reporter = await newUser("progress", "STAFF", "KJS");
    const before = await initiative("KJS-2018-1.2");
    const rollupsBefore = await rollups(before.planId, themeOf(before));
    const countsBefore = await counts();
    await prisma.$executeRawUnsafe(`
      CREATE FUNCTION test_refuse_progress_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit refused by the test'; END $$`);
    await prisma.$executeRawUnsafe(`
      CREATE TRIGGER test_refuse_progress_audit BEFORE INSERT ON audit_events FOR EACH ROW
      WHEN (NEW.action = 'progress.reported' AND NEW.after->>'initiativeId' = '${before.id}')
      EXECUTE FUNCTION test_refuse_progress_audit()`);
    try {
      await expect(logProgress(reporter, before.id, report(before.version, { progress: "80" }), [{ name: "a.pdf", bytes: PDF }], ctx())).rejects.toThrow(
        /audit refused by the test/,
      );
    } finally {
      await prisma.$executeRawUnsafe("DROP TRIGGER test_refuse_progress_audit ON audit_events");
      await prisma.$executeRawUnsafe("DROP FUNCTION test_refuse_progress_audit()");
    }
    const after = await initiative("KJS-2018-1.2");
    expect(after).toEqual(before);
    expect(await rollups(before.planId, themeOf(before))).toEqual(rollupsBefore);
    expect(await counts()).toEqual(countsBefore);
  });

  it("keeps the roll-ups right when every initiative of a theme is reported at the same moment", async () => {
    const codes = ["KJS-2018-3.1", "KJS-2018-3.2", "KJS-2018-3.3", "KJS-2018-3.4", "KJS-2018-3.5"];
    const reporters = await Promise.all(codes.map(() => newUser("progress", "STAFF", "KJS")));
    for (const round of [1, 2, 3]) {
      const items = await Promise.all(codes.map((code) => initiative(code)));
      expect(new Set(items.map((i) => i.themeId)).size).toBe(1);
      await Promise.all(
        items.map((item, i) =>
          logProgress(
            reporters[i] ?? techStaff,
            item.id,
            report(item.version, { progress: String(round * 10 + i * 15), health: "AT_RISK", healthReason: "同時填報" }),
            [],
            ctx(),
          ),
        ),
      );
      const [first] = items;
      if (!first) throw new Error("no initiative");
      const stored = await rollups(first.planId, themeOf(first));
      expect({ round, theme: stored.theme, plan: stored.plan }).toEqual({ round, theme: stored.expectedTheme, plan: stored.expectedPlan });
    }
  });

  describe("scope", () => {
    it("answers another department's initiative as not existing, to report and to read", async () => {
      const policyItem = await initiative("CYZCS-2018-1");
      const error = await refusal(logProgress(techStaff, policyItem.id, report(policyItem.version), [], ctx()));
      expect(error.code).toBe("not_found");
      expect(error).not.toBeInstanceOf(ConflictError);
      expect(await getInitiative(techStaff, policyItem.id)).toBeNull();
      // a malformed id is the same
      expect((await refusal(logProgress(techStaff, "'; drop table initiatives; --", report(0), [], ctx()))).code).toBe("not_found");
      expect(await initiative("CYZCS-2018-1")).toEqual(policyItem);
    });

    it("refuses the ministry-wide director and the admin: they review, they do not report", async () => {
      const item = await initiative("KJS-2018-1.3");
      const countsBefore = await counts();
      for (const v of [director, admin]) {
        expect(await getInitiative(v, item.id)).not.toBeNull(); // they see it...
        const error = await refusal(logProgress(v, item.id, report(item.version), [], ctx()));
        expect(error.code).toBe("not_found"); // ...but cannot report on it
      }
      expect(await initiative("KJS-2018-1.3")).toEqual(item);
      expect(await counts()).toEqual(countsBefore);
    });

    it("lets a department manager report on the department's own initiative", async () => {
      const item = await initiative("CYZCS-2018-3");
      const { updateId } = await logProgress(policyLead, item.id, report(item.version, { progress: "55" }), [], ctx());
      expect((await prisma.progressUpdate.findUniqueOrThrow({ where: { id: updateId } })).departmentId).toBe(policyLead.departmentId);
      expect((await initiative("CYZCS-2018-3")).progress).toBe(55);
    });

    it("lets a co-operating department report its part without moving the headline", async () => {
      const item = await initiative("CYZCS-2018-2");
      const itemRow = await prisma.initiative.findUniqueOrThrow({ where: { id: item.id }, select: { planId: true } });
      const planBefore = await prisma.workPlan.findUniqueOrThrow({ where: { id: itemRow.planId }, select: { progress: true } });
      const coop = await newUser("progress", "STAFF", "KJS");
      expect((await refusal(logProgress(coop, item.id, report(item.version), [], ctx()))).code).toBe("not_found");

      await prisma.initiativeCooperation.create({ data: { initiativeId: item.id, departmentId: kjsId } });
      expect((await getInitiative(coop, item.id))?.code).toBe("CYZCS-2018-2");
      const { updateId } = await logProgress(coop, item.id, report(item.version, { progress: "80", health: "ON_TRACK" }), [], ctx());

      const update = await prisma.progressUpdate.findUniqueOrThrow({ where: { id: updateId } });
      expect(update).toMatchObject({ departmentId: kjsId, authorId: coop.id, progress: 80 });
      const after = await initiative("CYZCS-2018-2");
      expect(after.progress).toBe(item.progress);
      expect(after.health).toBe(item.health);
      expect(after.measuredValue).toEqual(item.measuredValue);
      expect((await prisma.workPlan.findUniqueOrThrow({ where: { id: itemRow.planId }, select: { progress: true } })).progress).toBe(
        planBefore.progress,
      );
      // the lead department still reports the headline, and still sees the partner's report
      const lead = await logProgress(policyStaff, item.id, report(after.version, { progress: "40", health: "ON_TRACK" }), [], ctx());
      const led = await prisma.progressUpdate.findUniqueOrThrow({ where: { id: lead.updateId } });
      expect(led.departmentId).toBe(policyStaff.departmentId);
      expect((await initiative("CYZCS-2018-2")).progress).toBe(40);
      expect((await getInitiative(policyStaff, item.id))?.updates.map((u) => u.id)).toContain(updateId);
    });
  });

  describe("conflicts", () => {
    it("refuses a second save on the same base version, saying what was saved", async () => {
      const [a, b] = await Promise.all([newUser("progress", "STAFF", "KJS"), newUser("progress", "STAFF", "KJS")]);
      const item = await initiative("KJS-2018-1.4");
      const first = await logProgress(a, item.id, report(item.version, { progress: "50" }), [], ctx());
      const countsBefore = await counts();
      let error: unknown;
      try {
        await logProgress(b, item.id, report(item.version, { progress: "45", workDone: "另一份" }), [], ctx());
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConflictError);
      expect(error).toMatchObject({ code: "conflict", currentVersion: item.version + 1, latestUpdateId: first.updateId });
      expect(await counts()).toEqual(countsBefore);
      expect((await initiative("KJS-2018-1.4")).progress).toBe(50);
      // reloaded, the second reporter's save goes through
      const retried = await logProgress(b, item.id, report(item.version + 1, { progress: "45", workDone: "另一份" }), [], ctx());
      expect(retried.version).toBe(item.version + 2);
    });

    it("lets exactly one of two simultaneous saves through", async () => {
      const [a, b] = await Promise.all([newUser("progress", "STAFF", "KJS"), newUser("progress", "STAFF", "KJS")]);
      const item = await initiative("KJS-2018-1.5");
      const countsBefore = await counts();
      const results = await Promise.allSettled([
        logProgress(a, item.id, report(item.version, { progress: "30", health: "AT_RISK" }), [], ctx({ idempotencyKey: "race-aaaaaaaa" })),
        logProgress(b, item.id, report(item.version, { progress: "60" }), [], ctx({ idempotencyKey: "race-bbbbbbbb" })),
      ]);
      const won = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
      const lost = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      const [winner] = won;
      if (!winner) throw new Error("no save went through");
      expect(lost[0]).toBeInstanceOf(ConflictError);
      expect(lost[0]).toMatchObject({ currentVersion: item.version + 1, latestUpdateId: winner.updateId });
      expect(await counts()).toEqual({ ...countsBefore, updates: countsBefore.updates + 1, audits: countsBefore.audits + 1 });
      const after = await initiative("KJS-2018-1.5");
      expect(after.version).toBe(item.version + 1);
      const saved = await prisma.progressUpdate.findUniqueOrThrow({ where: { id: winner.updateId } });
      expect(after.progress).toBe(saved.progress);
    });
  });

  describe("idempotency", () => {
    it("creates one update for a key sent twice, and answers both with it", async () => {
      const reporter = await newUser("progress", "STAFF", "KJS");
      const item = await initiative("KJS-2018-2.1");
      const countsBefore = await counts();
      const input = report(item.version, { links: ["https://example.org/minutes"] });
      const first = await logProgress(reporter, item.id, input, [{ name: "minutes.pdf", bytes: PDF }], ctx({ idempotencyKey: "double-click-0001" }));
      const again = await logProgress(reporter, item.id, input, [{ name: "minutes.pdf", bytes: PDF }], ctx({ idempotencyKey: "double-click-0001" }));
      expect(first.created).toBe(true);
      expect(again).toEqual({ updateId: first.updateId, created: false, version: first.version });
      expect(await counts()).toEqual({ updates: countsBefore.updates + 1, audits: countsBefore.audits + 1, evidence: countsBefore.evidence + 2 });
      expect((await initiative("KJS-2018-2.1")).version).toBe(item.version + 1);
      // a new submission (new key) on the old base version is a conflict, not a replay
      await expect(logProgress(reporter, item.id, input, [], ctx({ idempotencyKey: "double-click-0002" }))).rejects.toBeInstanceOf(ConflictError);
    });

    it("answers a retry with the report it filed, also once the initiative is closed", async () => {
      const reporter = await newUser("progress", "STAFF", "KJS");
      const item = await initiative("KJS-2018-2.3");
      const input = report(item.version, { progress: "40", health: "AT_RISK", healthReason: "進度偏慢" });
      const first = await logProgress(reporter, item.id, input, [], ctx({ idempotencyKey: "late-retry-0001" }));
      await prisma.initiative.update({ where: { id: item.id }, data: { closedAt: new Date("2018-07-01T00:00:00Z") } });
      try {
        const again = await logProgress(reporter, item.id, input, [], ctx({ idempotencyKey: "late-retry-0001" }));
        expect(again).toEqual({ updateId: first.updateId, created: false, version: first.version });
        // Without the key, the closed initiative refuses the report.
        expect((await refusal(logProgress(reporter, item.id, report(first.version), [], ctx()))).fields).toEqual({ form: "initiative.closed" });
      } finally {
        await prisma.initiative.update({ where: { id: item.id }, data: { closedAt: null } });
      }
    });

    it("creates one update for a key sent twice at the same moment", async () => {
      const reporter = await newUser("progress", "STAFF", "KJS");
      const item = await initiative("KJS-2018-2.2");
      const countsBefore = await counts();
      const input = report(item.version, { progress: "52" });
      const [a, b] = await Promise.all([
        logProgress(reporter, item.id, input, [], ctx({ idempotencyKey: "retry-race-0001" })),
        logProgress(reporter, item.id, input, [], ctx({ idempotencyKey: "retry-race-0001" })),
      ]);
      expect(a.updateId).toBe(b.updateId);
      expect([a.created, b.created].sort()).toEqual([false, true]);
      expect(await counts()).toEqual({ ...countsBefore, updates: countsBefore.updates + 1, audits: countsBefore.audits + 1 });
      expect(await prisma.progressUpdate.count({ where: { initiativeId: item.id } })).toBe(1);
      expect((await initiative("KJS-2018-2.2")).version).toBe(item.version + 1);
    });
  });

  describe("an idempotency key is bound to its request", () => {
    it("refuses the key sent again for another initiative or another body, and saves nothing of either", async () => {
      const reporter = await newUser("progress", "STAFF", "KJS");
      const first = await initiative("KJS-2018-2.1");
      const other = await initiative("KJS-2018-2.2");
      const input = report(first.version, { progress: "51", links: ["https://example.org/a", "https://example.org/b"] });
      const filed = await logProgress(reporter, first.id, input, [], ctx({ idempotencyKey: "bound-key-0001" }));

      // The same key on another initiative, valid on its own: refused, not answered with the first report.
      const elsewhere = await refusal(logProgress(reporter, other.id, report(other.version), [], ctx({ idempotencyKey: "bound-key-0001" })));
      expect(elsewhere).toBeInstanceOf(IdempotencyMismatchError);
      expect(elsewhere.fields).toEqual({ form: "idempotencyKey.reused" });
      // Another body on the same initiative (another progress; the links in another order): refused too.
      for (const patch of [{ progress: "52" }, { links: ["https://example.org/b", "https://example.org/a"] }]) {
        await expect(logProgress(reporter, first.id, { ...input, ...patch }, [], ctx({ idempotencyKey: "bound-key-0001" }))).rejects.toBeInstanceOf(
          IdempotencyMismatchError,
        );
      }
      // The same request written in another key order is the same request: the first answer.
      const { baseVersion, ...rest } = input;
      expect(await logProgress(reporter, first.id, { baseVersion, ...rest }, [], ctx({ idempotencyKey: "bound-key-0001" }))).toEqual({
        updateId: filed.updateId,
        created: false,
        version: filed.version,
      });

      expect(await prisma.progressUpdate.findMany({ where: { authorId: reporter.id }, select: { id: true, initiativeId: true, progress: true } })).toEqual([
        { id: filed.updateId, initiativeId: first.id, progress: 51 },
      ]);
      expect(await prisma.auditEvent.count({ where: { actorId: reporter.id } })).toBe(1);
      expect((await initiative("KJS-2018-2.2")).version).toBe(other.version);
      // With a key of its own the other report is filed.
      const second = await logProgress(reporter, other.id, report(other.version), [], ctx({ idempotencyKey: "bound-key-0002" }));
      expect(second.created).toBe(true);
    });

    it("matches an update filed before keys were bound by its initiative", async () => {
      const reporter = await newUser("progress", "STAFF", "KJS");
      const item = await initiative("KJS-2018-2.4");
      const input = report(item.version, { progress: "50" });
      const filed = await logProgress(reporter, item.id, input, [], ctx({ idempotencyKey: "legacy-key-0001" }));
      await prisma.progressUpdate.update({ where: { id: filed.updateId }, data: { idempotencyFingerprint: null } });
      expect(await logProgress(reporter, item.id, { ...input, workDone: "改寫過的" }, [], ctx({ idempotencyKey: "legacy-key-0001" }))).toMatchObject({
        updateId: filed.updateId,
        created: false,
      });
      const other = await initiative("KJS-2018-2.1");
      await expect(logProgress(reporter, other.id, report(other.version), [], ctx({ idempotencyKey: "legacy-key-0001" }))).rejects.toBeInstanceOf(IdempotencyMismatchError);
    });
  });

  describe("a JSON body (the API)", () => {
    it("refuses numbers given as text, and takes a report without measuredValue", async () => {
      const reporter = await newUser("progress", "STAFF", "KJS");
      const item = await initiative("KJS-2018-1.1");
      const json = { period: "2018-06", progress: 50, health: "ON_TRACK", workDone: "召開推進會。", baseVersion: item.version };
      const error = await refusal(logProgress(reporter, item.id, { ...json, progress: "50", baseVersion: String(item.version), measuredValue: "2" }, [], ctx({ json: true })));
      expect(error.fields).toEqual({ progress: "progress.number", baseVersion: "baseVersion.required", measuredValue: "measuredValue.number" });
      expect(await prisma.progressUpdate.count({ where: { authorId: reporter.id } })).toBe(0);
      const filed = await logProgress(reporter, item.id, json, [], ctx({ json: true }));
      expect(await prisma.progressUpdate.findUniqueOrThrow({ where: { id: filed.updateId }, select: { measuredValue: true } })).toEqual({ measuredValue: null });
    });
  });

  describe("validation", () => {
    it("refuses bad input with the field's message key and writes nothing", async () => {
      const reporter = await newUser("progress", "STAFF", "KJS");
      const item = await initiative("KJS-2018-2.3"); // no quantitative target
      const countsBefore = await counts();
      const cases: [Record<string, unknown>, Record<string, string>][] = [
        [{ progress: 101 }, { progress: "progress.range" }],
        [{ progress: -1 }, { progress: "progress.range" }],
        [{ progress: 12.5 }, { progress: "progress.integer" }],
        [{ progress: "abc" }, { progress: "progress.number" }],
        [{ progress: "" }, { progress: "progress.number" }],
        [{ workDone: "" }, { workDone: "workDone.required" }],
        [{ workDone: "   " }, { workDone: "workDone.required" }],
        [{ period: "2018-08" }, { period: "period.future" }],
        [{ period: "2017-12" }, { period: "period.beforePlan" }],
        [{ measuredValue: "1" }, { measuredValue: "measuredValue.noTarget" }],
        [{ health: "AT_RISK" }, { healthReason: "healthReason.required" }],
        [{ health: "AT_RISK", healthReason: "   " }, { healthReason: "healthReason.required" }],
        [{ links: ["javascript:alert(1)"] }, { links: "links.url" }],
        [
          { progress: 101, workDone: "" },
          { progress: "progress.range", workDone: "workDone.required" },
        ],
      ];
      for (const [patch, fields] of cases) {
        const error = await refusal(logProgress(reporter, item.id, report(item.version, patch), [], ctx({ idempotencyKey: "validation-0001" })));
        expect({ patch, code: error.code, fields: error.fields }).toEqual({ patch, code: "invalid", fields });
      }
      expect(await counts()).toEqual(countsBefore);
      expect(await initiative("KJS-2018-2.3")).toEqual(item);
      // this month is fine, as is a measured value on an initiative with a target
      await logProgress(reporter, item.id, report(item.version, { period: "2018-07" }), [], ctx({ idempotencyKey: "validation-0001" }));
      const target = await initiative("KJS-2018-1.1");
      const error = await refusal(logProgress(reporter, target.id, report(target.version, { measuredValue: "-1" }), [], ctx()));
      expect(error.fields).toEqual({ measuredValue: "measuredValue.range" });
    });

    it("accepts a health other than the suggested one with a reason, and keeps both", async () => {
      const reporter = await newUser("progress", "STAFF", "KJS");
      const item = await initiative("KJS-2018-2.4");
      const { updateId } = await logProgress(
        reporter,
        item.id,
        report(item.version, { progress: "50", health: "AT_RISK", healthReason: "  合作方延期交付  " }),
        [],
        ctx(),
      );
      const update = await prisma.progressUpdate.findUniqueOrThrow({ where: { id: updateId } });
      expect(update).toMatchObject({ health: "AT_RISK", healthSuggested: "ON_TRACK", healthReason: "合作方延期交付" });
      expect((await initiative("KJS-2018-2.4")).health).toBe("AT_RISK");
    });

    it("stores the suggested health from the pace at `now`", async () => {
      const reporter = await newUser("progress", "STAFF", "CYZCS");
      const item = await initiative("CYZCS-2018-4");
      // 20 % at mid-year is off track; choosing it needs no reason
      const { updateId } = await logProgress(reporter, item.id, report(item.version, { progress: "20", health: "OFF_TRACK" }), [], ctx());
      expect(await prisma.progressUpdate.findUniqueOrThrow({ where: { id: updateId } })).toMatchObject({
        health: "OFF_TRACK",
        healthSuggested: "OFF_TRACK",
        healthReason: null,
      });
    });

    it("refuses a closed initiative, and the closed plan of the prior year, with initiative.closed", async () => {
      const reporter = await newUser("progress", "STAFF", "KJS");
      const item = await initiative("KJS-2018-2.5");
      await prisma.initiative.update({ where: { id: item.id }, data: { closedAt: new Date("2018-06-30T00:00:00Z") } });
      // KJS-2017-1 is in the 2017 record, a CLOSED plan
      const countsBefore = await counts();
      for (const code of ["KJS-2018-2.5", "KJS-2017-1"]) {
        const target = await initiative(code);
        const error = await refusal(logProgress(reporter, target.id, report(target.version, { period: "2018-06" }), [], ctx()));
        expect(error.code).toBe("invalid");
        expect(error.fields?.form).toBe("initiative.closed");
      }
      expect(await counts()).toEqual(countsBefore);
      expect((await initiative("KJS-2017-1")).progress).toBe(100);
    });
  });

  describe("evidence", () => {
    it("stores a real PDF and PNG with their size and sniffed type, and links as LINK evidence", async () => {
      const reporter = await newUser("progress", "STAFF", "CYZCS");
      const item = await initiative("CYZCS-2018-5");
      const files: EvidenceFileInput[] = [
        { name: "會議紀要.pdf", bytes: PDF },
        { name: "screenshot.jpg", bytes: PNG }, // the name says JPEG, the content is PNG
      ];
      const { updateId } = await logProgress(
        reporter,
        item.id,
        report(item.version, { links: ["https://www.miit.gov.cn/a", "http://example.org/b"] }),
        files,
        ctx(),
      );
      const evidence = await prisma.evidence.findMany({ where: { updateId }, orderBy: [{ kind: "asc" }, { fileName: "asc" }, { url: "asc" }] });
      const links = evidence.filter((e) => e.kind === "LINK");
      const stored = evidence.filter((e) => e.kind === "FILE");
      expect(links.map((l) => l.url).sort()).toEqual(["http://example.org/b", "https://www.miit.gov.cn/a"]);
      expect(links.every((l) => l.data === null && l.fileName === null)).toBe(true);
      const pdf = stored.find((e) => e.fileName === "會議紀要.pdf");
      const png = stored.find((e) => e.fileName === "screenshot.jpg");
      expect(pdf).toMatchObject({ mimeType: "application/pdf", size: PDF.length });
      expect(png).toMatchObject({ mimeType: "image/png", size: PNG.length });
      expect(Buffer.from(pdf?.data ?? []).equals(Buffer.from(PDF))).toBe(true);
      expect(Buffer.from(png?.data ?? []).equals(Buffer.from(PNG))).toBe(true);
      const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "progress.reported", objectId: updateId } });
      expect(audit.after).toMatchObject({ files: ["會議紀要.pdf", "screenshot.jpg"], links: 2 });
    });

    it("refuses a file named .pdf that is an executable or text, and a file over 10 MB, writing nothing", async () => {
      const reporter = await newUser("progress", "STAFF", "CYZCS");
      const item = await initiative("CYZCS-2018-6");
      const countsBefore = await counts();
      for (const bytes of [ELF, EXE, TEXT]) {
        const error = await refusal(
          logProgress(reporter, item.id, report(item.version), [{ name: "ok.png", bytes: PNG }, { name: "report.pdf", bytes }], ctx()),
        );
        expect(error.code).toBe("invalid");
        expect(error.fields).toEqual({ files: "files.type" });
      }
      const big = new Uint8Array(11 * 1024 * 1024);
      big.set(PDF);
      const error = await refusal(logProgress(reporter, item.id, report(item.version), [{ name: "big.pdf", bytes: big }], ctx()));
      expect(error.fields).toEqual({ files: "files.tooLarge" });
      // a file problem is reported alongside the form's
      const both = await refusal(logProgress(reporter, item.id, report(item.version, { progress: 101 }), [{ name: "x.pdf", bytes: TEXT }], ctx()));
      expect(both.fields).toEqual({ progress: "progress.range", files: "files.type" });
      expect(await counts()).toEqual(countsBefore);
      expect(await initiative("CYZCS-2018-6")).toEqual(item);
    });
  });
});
