import { prisma } from "@workplan/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSeed } from "../../../../prisma/seed/run-seed";
import type { Viewer } from "../rules/policy";
import { removeDepartments } from "../testing/admin-plans-testing";
import { getInitiative, type InitiativeDetail } from "./get-initiative";
import { encodeCursor } from "./list-query";
import { viewer } from "../testing/progress-testing";
import { bj, makeDepartment, makeInitiative, makeReport, type TestDepartment } from "../testing/summary-testing";

// An initiative's timeline, newest first, a page at a time: seven reports by the lead department A
// and the co-operating department B (two of them at the same instant, others a millisecond apart),
// read three at a time.

const YEAR = 2038;

interface Report {
  id: string;
  department: "A" | "B";
  progress: number;
  createdAt: Date;
}

describe("initiative timeline", () => {
  let director: Viewer;
  let a: TestDepartment;
  let b: TestDepartment;
  let initiativeId = "";
  /** The seven reports, newest first (created_at, then id, descending), as the timeline should show them. */
  let expected: Report[] = [];

  beforeAll(async () => {
    await runSeed({ demo: true });
    director = await viewer("director@demo.local");
    const author = await viewer("policy.staff@demo.local");
    a = await makeDepartment(YEAR);
    b = await makeDepartment(YEAR);
    const initiative = await makeInitiative(a, { dueDate: "2038-12-31", progress: 45, health: "ON_TRACK" });
    initiativeId = initiative.id;
    await prisma.initiativeCooperation.create({ data: { initiativeId, departmentId: b.id } });
    const plan: [Report["department"], number, string][] = [
      ["A", 10, "2038-01-20T10:00:00"],
      ["B", 15, "2038-02-20T10:00:00"],
      ["A", 20, "2038-04-20T10:00:00.122"],
      ["A", 30, "2038-04-20T10:00:00.123"],
      ["B", 35, "2038-04-20T10:00:00.123"], // the same instant as the one before: the id decides
      ["A", 40, "2038-04-20T10:00:00.124"], // a millisecond later
      ["B", 45, "2038-06-20T10:00:00"],
    ];
    const reports: Report[] = [];
    for (const [department, progress, at] of plan) {
      const createdAt = bj(at);
      const id = await makeReport(
        initiativeId,
        { authorId: author.id, departmentId: department === "A" ? a.id : b.id },
        { period: at.slice(0, 7), createdAt, progress },
      );
      reports.push({ id, department, progress, createdAt });
    }
    const key = (r: Report) => `${r.createdAt.toISOString()} ${r.id}`;
    expected = reports.sort((x, y) => (key(x) < key(y) ? 1 : -1));
  });

  afterAll(async () => {
    await removeDepartments([a.code, b.code]);
    await prisma.$disconnect();
  });

  async function read(who: Viewer, options: { limit?: number; before?: string }): Promise<InitiativeDetail> {
    const detail = await getInitiative(who, initiativeId, options);
    if (!detail) throw new Error("initiative not found");
    return detail;
  }

  async function walk(who: Viewer, limit: number) {
    const pages: InitiativeDetail[] = [];
    let before: string | undefined;
    do {
      const page = await read(who, { limit, before });
      pages.push(page);
      before = page.updatesNext ?? undefined;
    } while (before && pages.length < 10);
    return pages;
  }

  it("gives every report once, newest first, three at a time", async () => {
    const pages = await walk(director, 3);
    expect(pages.map((p) => p.updates.length)).toEqual([3, 3, 1]);
    expect(pages.flatMap((p) => p.updates.map((u) => u.id))).toEqual(expected.map((r) => r.id));
    expect(pages.map((p) => p.updatesTotal)).toEqual([7, 7, 7]);
    expect(pages.map((p) => p.updatesNext === null)).toEqual([false, false, true]);
    expect(pages[0]?.updates.map((u) => u.progress).slice(0, 2)).toEqual([45, 40]);
    // The default page holds them all, and says there is nothing earlier.
    const whole = await read(director, {});
    expect(whole.updates.map((u) => u.id)).toEqual(expected.map((r) => r.id));
    expect([whole.updatesTotal, whole.updatesNext, whole.olderByDepartment]).toEqual([7, null, {}]);
  });

  it("says what each department reported just before the page, so every report shows what it changed", async () => {
    for (const limit of [1, 2, 3, 4, 6]) {
      const pages = await walk(director, limit);
      expect(pages.flatMap((p) => p.updates.map((u) => u.id)), `limit ${limit}`).toEqual(expected.map((r) => r.id));
      let shown = 0;
      for (const page of pages) {
        shown += page.updates.length;
        // Per department, the first report after the page (in newest-first order), if any.
        const older: Record<string, { progress: number }> = {};
        for (const r of expected.slice(shown)) {
          const departmentId = r.department === "A" ? a.id : b.id;
          older[departmentId] ??= { progress: r.progress };
        }
        const got = Object.fromEntries(Object.entries(page.olderByDepartment).map(([id, o]) => [id, { progress: o.progress }]));
        expect(got, `limit ${limit}, after ${shown}`).toEqual(older);
        // Each report's previous one of the same department: later on the page, or olderByDepartment.
        page.updates.forEach((u, index) => {
          const previous = page.updates.slice(index + 1).find((o) => o.department.id === u.department.id) ?? page.olderByDepartment[u.department.id];
          const truth = expected.slice(expected.findIndex((r) => r.id === u.id) + 1).find((r) => (r.department === "A" ? a.id : b.id) === u.department.id);
          expect(previous?.progress, `limit ${limit}: report at ${u.progress}`).toBe(truth?.progress);
        });
      }
    }
    // Three at a time: the first page ends inside the tie; after it each department's last report is known.
    const first = await read(director, { limit: 3 });
    expect(Object.keys(first.olderByDepartment).sort()).toEqual([a.id, b.id].sort());
  });

  it("reads a cursor it did not give as the first page, and keeps the viewer's scope", async () => {
    for (const before of ["garbage", encodeCursor(["yesterday", "x"]), encodeCursor([1, 2, 3])]) {
      const page = await read(director, { limit: 3, before });
      expect(page.updates.map((u) => u.id), before).toEqual(expected.slice(0, 3).map((r) => r.id));
    }
    // B co-operates: its staff see the whole timeline; a department with no part sees nothing.
    const staffB: Viewer = { id: director.id, role: "STAFF", departmentId: b.id };
    expect((await read(staffB, { limit: 3 })).updatesTotal).toBe(7);
    const outsider = await viewer("tech.staff@demo.local");
    expect(await getInitiative(outsider, initiativeId, { limit: 3 })).toBeNull();
  });
});
