import { prisma, type Prisma } from "@workplan/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSeed } from "../../../../prisma/seed/run-seed";
import type { Viewer } from "../rules/policy";
import { removeDepartments } from "../testing/admin-plans-testing";
import { encodeCursor } from "./list-query";
import { refusal, viewer } from "../testing/progress-testing";
import { getReviewQueuePage, type ReviewQueuePage } from "./review-queue";
import { bj, makeDepartment, makeInitiative, makeMember, makeReport, type TestDepartment } from "../testing/summary-testing";

// 待审核: the reports awaiting the viewer's review, a page at a time, with the true count. Two
// departments of their own (R and S) with reports written at chosen instants, some at the same
// instant (the id breaks the tie); the director and R's manager file reports too.

const YEAR = 2037;

describe("review queue", () => {
  const stamp = Date.now().toString(36).toUpperCase();
  let director: Viewer;
  let r: TestDepartment;
  let s: TestDepartment;
  let alice: Viewer;
  let bob: Viewer;
  let carol: Viewer;
  let leadR: Viewer;
  const codes: Record<string, string> = {};
  /** Report ids by name. */
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    await runSeed({ demo: true });
    director = await viewer("director@demo.local");
    r = await makeDepartment(YEAR);
    s = await makeDepartment(YEAR);
    alice = await makeMember(r, "STAFF", `Alice-${stamp}`);
    bob = await makeMember(r, "STAFF", `Bob-${stamp}`);
    carol = await makeMember(s, "STAFF", `Carol-${stamp}`);
    leadR = await makeMember(r, "MANAGER", `Lead-${stamp}`);
    const r1 = await makeInitiative(r, { dueDate: "2037-12-31" });
    const r2 = await makeInitiative(r, { dueDate: "2037-12-31" });
    const r3 = await makeInitiative(r, { dueDate: "2037-12-31", archivedAt: bj("2037-03-01T00:00:00") });
    const s1 = await makeInitiative(s, { dueDate: "2037-12-31" });
    await prisma.initiativeCooperation.create({ data: { initiativeId: r1.id, departmentId: s.id } });
    Object.assign(codes, { r1: r1.code, r2: r2.code, s1: s1.code });

    const inR = (who: Viewer) => ({ authorId: who.id, departmentId: r.id });
    const inS = (who: Viewer) => ({ authorId: who.id, departmentId: s.id });
    const submitted = async (name: string, initiativeId: string, by: { authorId: string; departmentId: string }, period: string, at: string) => {
      ids[name] = await makeReport(initiativeId, by, { period, createdAt: bj(at), status: "SUBMITTED" });
    };
    await submitted("a1", r1.id, inR(alice), "2037-01", "2037-01-20T10:00:00");
    await submitted("a2", r1.id, inR(alice), "2037-02", "2037-02-20T10:00:00");
    await submitted("a3", r2.id, inR(alice), "2037-02", "2037-02-20T10:00:00"); // same instant as a2
    await submitted("a4", r2.id, inR(alice), "2037-03", "2037-03-20T10:00:00");
    await submitted("b1", r1.id, inR(bob), "2037-03", "2037-03-21T10:00:00");
    await submitted("b2", r2.id, inR(bob), "2037-03", "2037-03-21T10:00:00"); // same instant as b1
    await submitted("l1", r1.id, inR(leadR), "2037-03", "2037-03-22T10:00:00"); // R's manager reports too
    await submitted("d1", r2.id, inR(director), "2037-03", "2037-03-23T10:00:00"); // … and the director
    await submitted("c1", s1.id, inS(carol), "2037-01", "2037-02-20T10:00:00"); // same instant as a2 and a3
    await submitted("c2", s1.id, inS(carol), "2037-03", "2037-03-24T10:00:00");
    await submitted("c3", r1.id, inS(carol), "2037-03", "2037-03-25T10:00:00"); // S co-operates on R's r1
    await submitted("x1", r3.id, inR(bob), "2037-02", "2037-02-25T10:00:00"); // archived initiative: nobody's work
    // Reviewed already: not in the queue.
    await makeReport(r1.id, inR(alice), { period: "2037-01", createdAt: bj("2037-01-10T10:00:00"), status: "APPROVED" });
    await makeReport(r2.id, inR(bob), { period: "2037-01", createdAt: bj("2037-01-11T10:00:00"), status: "RETURNED" });
  });

  afterAll(async () => {
    await removeDepartments([r.code, s.code]);
    await prisma.$disconnect();
  });

  const names = (page: ReviewQueuePage) => page.items.map((i) => Object.entries(ids).find(([, id]) => id === i.id)?.[0] ?? i.id);

  /** What the queue should hold for `who`, counted directly. */
  function directCount(who: Viewer, where: Prisma.ProgressUpdateWhereInput = {}) {
    return prisma.progressUpdate.count({
      where: {
        AND: [
          { status: "SUBMITTED", authorId: { not: who.id }, initiative: { archivedAt: null } },
          who.departmentId ? { departmentId: who.departmentId } : {},
          where,
        ],
      },
    });
  }

  it("counts every report awaiting the viewer's review, the viewer's own left out", async () => {
    const all = await getReviewQueuePage(director, {});
    expect(all.total).toBe(await directCount(director));
    expect(all.total).toBeGreaterThanOrEqual(10);
    const ours = await getReviewQueuePage(director, { department: r.code }, { limit: 100 });
    // R's reports: not the director's own (d1), not the archived initiative's, not the reviewed ones.
    expect(ours.total).toBe(7);
    expect(names(ours).sort()).toEqual(["a1", "a2", "a3", "a4", "b1", "b2", "l1"]);
    // R's manager: R's reports, the director's included, the own one left out.
    const lead = await getReviewQueuePage(leadR, {}, { limit: 100 });
    expect(lead.total).toBe(7);
    expect(lead.total).toBe(await directCount(leadR));
    expect(names(lead).sort()).toEqual(["a1", "a2", "a3", "a4", "b1", "b2", "d1"]);
  });

  it("keeps a department manager to the reports its department filed", async () => {
    const lead = await getReviewQueuePage(leadR, {}, { limit: 100 });
    expect(lead.items.every((i) => i.department.code === r.code)).toBe(true);
    // S's report on R's own initiative r1 is S's manager's to review, not R's.
    expect(names(lead)).not.toContain("c3");
    const onR1 = await getReviewQueuePage(leadR, { initiative: codes.r1 }, { limit: 100 });
    expect(names(onR1).sort()).toEqual(["a1", "a2", "b1"]);
    expect(onR1.total).toBe(3);
    // Asking for another department gives nothing, in the count too.
    const other = await getReviewQueuePage(leadR, { department: s.code });
    expect([other.items.length, other.total]).toEqual([0, 0]);
    const leadS: Viewer = { id: director.id, role: "MANAGER", departmentId: s.id };
    const forS = await getReviewQueuePage(leadS, {}, { limit: 100 });
    expect(names(forS).sort()).toEqual(["c1", "c2", "c3"]);
    expect(forS.total).toBe(3);
  });

  it("narrows by department, initiative, month and author, with the true count for each", async () => {
    const cases: [Record<string, string>, string[]][] = [
      [{ department: s.code }, ["c1", "c2", "c3"]],
      [{ department: r.code.toLowerCase() }, ["a1", "a2", "a3", "a4", "b1", "b2", "l1"]],
      [{ initiative: codes.r1 as string }, ["a1", "a2", "b1", "c3", "l1"]],
      [{ initiative: codes.r2 as string, department: r.code }, ["a3", "a4", "b2"]],
      [{ period: "2037-03", department: r.code }, ["a4", "b1", "b2", "l1"]],
      [{ period: "2037-01", initiative: codes.s1 as string }, ["c1"]],
      [{ author: `alice-${stamp.toLowerCase()}` }, ["a1", "a2", "a3", "a4"]],
      [{ author: `Carol-${stamp}`, department: r.code }, []],
      [{ author: `Carol-${stamp}`, initiative: codes.r1 as string }, ["c3"]],
      [{ author: `Lead-${stamp}`, period: "2037-03" }, ["l1"]],
    ];
    for (const [query, expected] of cases) {
      const page = await getReviewQueuePage(director, query, { limit: 100 });
      expect(names(page).sort(), JSON.stringify(query)).toEqual(expected);
      expect(page.total, `total of ${JSON.stringify(query)}`).toBe(expected.length);
    }
    // The director's own report d1 counts for R's manager, not for the director (both ways of counting).
    for (const query of [{ initiative: codes.r2 as string }, { initiative: codes.r2 as string, period: "2037-03" }]) {
      expect(names(await getReviewQueuePage(director, query)).sort()).toEqual(query.period ? ["a4", "b2"] : ["a3", "a4", "b2"]);
      expect((await getReviewQueuePage(director, query)).total).toBe(query.period ? 2 : 3);
      expect((await getReviewQueuePage(leadR, query)).total).toBe(query.period ? 3 : 4);
    }
  });

  it("orders newest or oldest first, the id breaking ties", async () => {
    const newest = await getReviewQueuePage(director, { department: r.code }, { limit: 100 });
    expect(newest.order).toBe("newest");
    const oldest = await getReviewQueuePage(director, { department: r.code, order: "oldest" }, { limit: 100 });
    expect(oldest.order).toBe("oldest");
    expect(names(oldest)).toEqual([...names(newest)].reverse());
    const key = (i: { createdAt: Date; id: string }) => `${i.createdAt.toISOString()} ${i.id}`;
    const sorted = [...oldest.items].sort((a, b) => (key(a) < key(b) ? -1 : 1));
    expect(oldest.items.map((i) => i.id)).toEqual(sorted.map((i) => i.id));
    expect(names(newest)[0]).toBe("l1");
    expect(names(oldest)[0]).toBe("a1");
  });

  it("walks every report exactly once, page by page, in either order", async () => {
    for (const order of ["newest", "oldest"] as const) {
      for (const query of [{ department: r.code }, { initiative: codes.r1 as string }, { period: "2037-02" }]) {
        const full = await getReviewQueuePage(director, { ...query, order }, { limit: 100 });
        expect(full.nextCursor).toBeNull();
        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await getReviewQueuePage(director, { ...query, order, cursor }, { limit: 2 });
          expect(page.items.length).toBeLessThanOrEqual(2);
          expect(page.total).toBe(full.total);
          seen.push(...page.items.map((i) => i.id));
          cursor = page.nextCursor ?? undefined;
          pages += 1;
        } while (cursor && pages < 20);
        expect(seen, `${order} ${JSON.stringify(query)}`).toEqual(full.items.map((i) => i.id));
        expect(new Set(seen).size).toBe(seen.length);
        expect(pages).toBe(Math.max(1, Math.ceil(full.total / 2)));
      }
    }
  });

  it("refuses a cursor of the other order or one it did not give, and a month it cannot read", async () => {
    const first = await getReviewQueuePage(director, { department: r.code }, { limit: 2 });
    expect(first.nextCursor).not.toBeNull();
    const cursor = first.nextCursor ?? "";
    const mixed = await refusal(getReviewQueuePage(director, { department: r.code, order: "oldest", cursor }, { limit: 2 }));
    expect([mixed.code, mixed.fields?.cursor]).toEqual(["invalid", "cursor.invalid"]);
    for (const garbage of ["garbage", "!!!", encodeCursor(["newest", "yesterday", "x"]), encodeCursor(["sideways", new Date().toISOString(), "x"])]) {
      const error = await refusal(getReviewQueuePage(director, { cursor: garbage }));
      expect([error.code, error.fields?.cursor], garbage).toEqual(["invalid", "cursor.invalid"]);
    }
    for (const period of ["2037-13", "2037-3", "March"]) {
      const error = await refusal(getReviewQueuePage(director, { period }));
      expect([error.code, error.fields?.period], period).toEqual(["invalid", "period.invalid"]);
    }
    const unknown = await refusal(getReviewQueuePage(director, { departmnet: r.code }));
    expect(unknown.fields?.departmnet).toBe("parameter.unknown");
  });

  it("gives staff and admins, who review nothing, an empty page", async () => {
    const admin = await viewer("admin@demo.local");
    for (const who of [alice, carol, admin]) {
      const page = await getReviewQueuePage(who, { department: r.code });
      expect([page.items, page.total, page.nextCursor]).toEqual([[], 0, null]);
    }
  });

  it("drops a report from the items and the count once it is reviewed", async () => {
    const before = await getReviewQueuePage(leadR, {}, { limit: 100 });
    await prisma.progressUpdate.update({ where: { id: ids.b2 }, data: { status: "APPROVED" } });
    try {
      const after = await getReviewQueuePage(leadR, {}, { limit: 100 });
      expect(after.total).toBe(before.total - 1);
      expect(names(after)).not.toContain("b2");
      expect((await getReviewQueuePage(director, {})).total).toBe(await directCount(director));
    } finally {
      await prisma.progressUpdate.update({ where: { id: ids.b2 }, data: { status: "SUBMITTED" } });
    }
  });
});
