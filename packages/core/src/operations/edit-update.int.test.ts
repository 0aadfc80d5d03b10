import { prisma } from "@workplan/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSeed } from "../../../../prisma/seed/run-seed";
import type { Viewer } from "../rules/policy";
import { editUpdate } from "./edit-update";
import { logProgress } from "./log-progress";
import { newUser, refusal, snapshotProgressState, viewer } from "../testing/progress-testing";

const now = new Date("2018-07-01T00:00:00Z");
const CODE = "CYZCS-2018-7";

/** A fresh update by `author`, filed through the operation on the initiative's current version. */
async function fileUpdate(author: Viewer, workDone = "初稿：完成調研") {
  const item = await prisma.initiative.findUniqueOrThrow({ where: { code: CODE }, select: { id: true, version: true } });
  const { updateId } = await logProgress(
    author,
    item.id,
    { period: "2018-06", progress: "50", health: "ON_TRACK", workDone, problems: "無", baseVersion: item.version },
    [],
    { now },
  );
  return updateId;
}

const row = (id: string) =>
  prisma.progressUpdate.findUniqueOrThrow({ where: { id }, select: { workDone: true, problems: true, nextSteps: true, version: true, progress: true, health: true } });
const edits = (id: string) => prisma.auditEvent.count({ where: { action: "progress.edited", objectId: id } });

describe("editUpdate", () => {
  let director: Viewer;
  let admin: Viewer;
  let techStaff: Viewer;

  let restore: () => Promise<void> = async () => {};

  beforeAll(async () => {
    await runSeed({ demo: true });
    restore = await snapshotProgressState();
    director = await viewer("director@demo.local");
    admin = await viewer("admin@demo.local");
    techStaff = await viewer("tech.staff@demo.local");
  });
  afterAll(async () => {
    await restore();
    await prisma.$disconnect();
  });

  it("lets the author correct the wording before review: version bumps, audit keeps before and after", async () => {
    const author = await newUser("edit", "STAFF", "CYZCS");
    const id = await fileUpdate(author);
    const initiativeBefore = await prisma.initiative.findUniqueOrThrow({ where: { code: CODE } });

    const result = await editUpdate(author, id, { workDone: "  修訂：完成調研與座談  ", problems: "", nextSteps: "下月提交", version: "0" }, { ip: "10.9.8.7" });
    expect(result).toEqual({ updateId: id, version: 1 });
    expect(await row(id)).toEqual({ workDone: "修訂：完成調研與座談", problems: null, nextSteps: "下月提交", version: 1, progress: 50, health: "ON_TRACK" });

    const audits = await prisma.auditEvent.findMany({ where: { action: "progress.edited", objectId: id } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorId: author.id,
      objectType: "ProgressUpdate",
      ip: "10.9.8.7",
      before: { workDone: "初稿：完成調研", problems: "無", nextSteps: null },
      after: { workDone: "修訂：完成調研與座談", problems: null, nextSteps: "下月提交" },
    });
    // the wording is not the figures: the initiative is untouched
    expect(await prisma.initiative.findUniqueOrThrow({ where: { code: CODE } })).toEqual(initiativeBefore);

    // and again, from the new version
    expect(await editUpdate(author, id, { workDone: "第三稿", version: 1 })).toEqual({ updateId: id, version: 2 });
    expect(await edits(id)).toBe(2);
  });

  it("refuses anyone but the author", async () => {
    const author = await newUser("edit", "STAFF", "CYZCS");
    const colleague = await newUser("edit", "STAFF", "CYZCS");
    const manager = await newUser("edit", "MANAGER", "CYZCS");
    const id = await fileUpdate(author);
    const before = await row(id);
    for (const other of [colleague, manager, director, admin]) {
      const error = await refusal(editUpdate(other, id, { workDone: "改寫", version: 0 }));
      expect(error.code).toBe("forbidden");
    }
    // another department does not even see it
    expect((await refusal(editUpdate(techStaff, id, { workDone: "改寫", version: 0 }))).code).toBe("not_found");
    for (const bad of ["x", "", null, 42, "'; --"]) {
      expect((await refusal(editUpdate(author, bad, { workDone: "改寫", version: 0 }))).code).toBe("not_found");
    }
    expect(await row(id)).toEqual(before);
    expect(await edits(id)).toBe(0);
  });

  it("refuses to edit a reviewed update and leaves its text as it was", async () => {
    const author = await newUser("edit", "STAFF", "CYZCS");
    for (const status of ["APPROVED", "RETURNED"] as const) {
      const id = await fileUpdate(author, `待審：${status}`);
      await prisma.progressUpdate.update({ where: { id }, data: { status, reviewedAt: new Date() } });
      const error = await refusal(editUpdate(author, id, { workDone: "審後改寫", version: 0 }));
      expect(error.code).toBe("conflict");
      expect(error.fields).toEqual({ form: "update.reviewed" });
      expect((await row(id)).workDone).toBe(`待審：${status}`);
      expect((await row(id)).version).toBe(0);
      expect(await edits(id)).toBe(0);
    }
  });

  it("refuses a stale version, also when two edits race", async () => {
    const author = await newUser("edit", "STAFF", "CYZCS");
    const id = await fileUpdate(author);
    await editUpdate(author, id, { workDone: "第一次修改", version: 0 });
    const error = await refusal(editUpdate(author, id, { workDone: "舊頁面的修改", version: 0 }));
    expect(error.code).toBe("conflict");
    expect(error.fields).toEqual({ form: "update.changed" });
    expect(await row(id)).toMatchObject({ workDone: "第一次修改", version: 1 });
    expect(await edits(id)).toBe(1);

    const results = await Promise.allSettled([
      editUpdate(author, id, { workDone: "分頁甲", version: 1 }),
      editUpdate(author, id, { workDone: "分頁乙", version: 1 }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatchObject({ code: "conflict" });
    const after = await row(id);
    expect(after.version).toBe(2);
    expect(["分頁甲", "分頁乙"]).toContain(after.workDone);
    expect(await edits(id)).toBe(2);
  });

  it("validates the edit and keeps the figures out of it", async () => {
    const author = await newUser("edit", "STAFF", "CYZCS");
    const id = await fileUpdate(author);
    const before = await row(id);
    const cases: [Record<string, unknown>, Record<string, string>][] = [
      [{ workDone: "", version: 0 }, { workDone: "workDone.required" }],
      [{ workDone: "   ", version: 0 }, { workDone: "workDone.required" }],
      [{ workDone: "x".repeat(5001), version: 0 }, { workDone: "workDone.tooLong" }],
      [{ workDone: "ok", version: "" }, { version: "version.required" }],
      [{ workDone: "ok" }, { version: "version.required" }],
      [{ workDone: "ok", version: 0, progress: 100 }, { form: "form.invalid" }],
    ];
    for (const [input, fields] of cases) {
      const error = await refusal(editUpdate(author, id, input));
      expect({ input, code: error.code, fields: error.fields }).toEqual({ input, code: "invalid", fields });
    }
    expect(await row(id)).toEqual(before);
    expect(await edits(id)).toBe(0);
  });
});
