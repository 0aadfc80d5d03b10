// Evidence downloads are read from PostgreSQL a slice at a time: a 10 MB file arrives in 1 MiB
// slices, byte for byte, and only as the reader asks for them.
import { createHash, randomBytes } from "node:crypto";
import { prisma } from "@workplan/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSeed } from "../../../../prisma/seed/run-seed";
import { MAX_FILE_BYTES } from "../rules/evidence";
import type { Viewer } from "../rules/policy";
import { makeUser } from "../testing/admin-users-testing";
import { defined } from "../testing/defined";
import { EVIDENCE_CHUNK_BYTES, openEvidenceFile } from "./get-evidence-file";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

describe("openEvidenceFile", () => {
  let staff: Viewer;
  let otherDepartment: Viewer;
  let updateId: string;
  const file = new Uint8Array(randomBytes(MAX_FILE_BYTES + 12_345));
  let fileId: string;
  let linkId: string;

  beforeAll(async () => {
    await runSeed({ demo: true });
    staff = await makeUser("STAFF", "KJS");
    otherDepartment = await makeUser("STAFF", "CYZCS");
    const kjs = await prisma.department.findUniqueOrThrow({ where: { code: "KJS" }, select: { id: true } });
    const initiative = await prisma.initiative.findFirstOrThrow({ where: { departmentId: kjs.id, archivedAt: null }, select: { id: true } });
    const update = await prisma.progressUpdate.create({
      data: {
        initiativeId: initiative.id,
        authorId: staff.id,
        departmentId: kjs.id,
        period: new Date("2018-05-01"),
        progress: 10,
        health: "ON_TRACK",
        healthSuggested: "ON_TRACK",
        // Reviewed already: a report waiting for review would count in the review backlog meanwhile.
        status: "APPROVED",
        workDone: "附件下载测试",
        evidence: {
          create: [
            { kind: "FILE", fileName: "大文件 (终稿).pdf", mimeType: "application/pdf", size: file.length, data: file },
            { kind: "LINK", url: "https://www.miit.gov.cn/" },
          ],
        },
      },
      select: { id: true, evidence: { select: { id: true, kind: true } } },
    });
    updateId = update.id;
    fileId = defined(update.evidence.find((e) => e.kind === "FILE")).id;
    linkId = defined(update.evidence.find((e) => e.kind === "LINK")).id;
  });

  afterAll(async () => {
    await prisma.progressUpdate.deleteMany({ where: { id: updateId } });
    await prisma.$disconnect();
  });

  it("gives a 10 MB file in 1 MiB slices, byte-identical, with its name, type and length", async () => {
    const download = defined(await openEvidenceFile(staff, fileId));
    expect(download).toMatchObject({ fileName: "大文件 (终稿).pdf", mimeType: "application/pdf", size: file.length });
    const slices: Uint8Array[] = [];
    for await (const slice of download.chunks()) slices.push(slice);
    expect(slices).toHaveLength(Math.ceil(file.length / EVIDENCE_CHUNK_BYTES));
    expect(slices.length).toBeGreaterThanOrEqual(10);
    expect(slices.slice(0, -1).every((s) => s.length === EVIDENCE_CHUNK_BYTES)).toBe(true);
    expect(defined(slices.at(-1)).length).toBe(file.length - (slices.length - 1) * EVIDENCE_CHUNK_BYTES);
    const whole = Buffer.concat(slices);
    expect(whole.length).toBe(file.length);
    expect(sha256(whole)).toBe(sha256(file));
  });

  it("reads a slice only when the next one is asked for", async () => {
    const download = defined(await openEvidenceFile(staff, fileId, { chunkBytes: 4096 }));
    const chunks = download.chunks();
    const slice = async () => {
      const next = await chunks.next();
      if (next.done) throw new Error("expected a slice");
      return Buffer.from(next.value);
    };
    expect((await slice()).equals(Buffer.from(file.subarray(0, 4096)))).toBe(true);
    expect((await slice()).equals(Buffer.from(file.subarray(4096, 8192)))).toBe(true);
    // Stopping early (a client that hangs up) ends the reading: nothing more is read.
    await chunks.return(undefined);
    expect((await chunks.next()).done).toBe(true);
  });

  it("ends in an error, not a short file, when the file disappears half-way", async () => {
    const other = await prisma.progressUpdate.create({
      data: {
        initiativeId: (await prisma.progressUpdate.findUniqueOrThrow({ where: { id: updateId }, select: { initiativeId: true } })).initiativeId,
        authorId: staff.id,
        departmentId: defined(staff.departmentId),
        period: new Date("2018-06-01"),
        progress: 10,
        health: "ON_TRACK",
        healthSuggested: "ON_TRACK",
        status: "APPROVED",
        workDone: "附件中途删除",
        evidence: { create: [{ kind: "FILE", fileName: "x.pdf", mimeType: "application/pdf", size: 3 * 4096, data: new Uint8Array(3 * 4096) }] },
      },
      select: { id: true, evidence: { select: { id: true } } },
    });
    const download = defined(await openEvidenceFile(staff, defined(other.evidence[0]).id, { chunkBytes: 4096 }));
    const chunks = download.chunks();
    expect((await chunks.next()).done).toBe(false);
    await prisma.progressUpdate.delete({ where: { id: other.id } });
    await expect(chunks.next()).rejects.toThrow(/changed while it was read/);
  });

  it("is nothing outside the viewer's scope, for a link, or for an id that is not one", async () => {
    expect(await openEvidenceFile(otherDepartment, fileId)).toBeNull();
    expect(await openEvidenceFile(staff, linkId)).toBeNull();
    expect(await openEvidenceFile(staff, "../../etc/passwd")).toBeNull();
    expect(await openEvidenceFile(staff, "nosuchevidence00000000000")).toBeNull();
  });
});
