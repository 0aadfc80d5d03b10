import { prisma } from "@workplan/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSeed } from "../../../../prisma/seed/run-seed";
import type { Viewer } from "../rules/policy";
import { removeDepartments } from "../testing/admin-plans-testing";
import { EXTENSIONS_PAGE_SIZE, getPendingExtensionsPage } from "./extension-requests";
import { viewer } from "../testing/progress-testing";
import { bj, makeDepartment, makeInitiative, type TestDepartment } from "../testing/summary-testing";

// The extension requests awaiting a decision (/review), a numbered page of 20 at a time with the
// true count. Department E has 23 pending requests (some made at the same instant), and requests
// that are nobody's work any more; department F has one of its own.

const YEAR = 2039;
const PENDING = EXTENSIONS_PAGE_SIZE + 3;

describe("pending extension requests", () => {
  let director: Viewer;
  let requester: Viewer;
  let e: TestDepartment;
  let f: TestDepartment;
  let leadE: Viewer;
  /** E's pending requests, oldest first (created_at, then id). */
  let pendingE: string[] = [];
  let pendingF = "";

  async function request(initiativeId: string, createdAt: Date, status: "PENDING" | "APPROVED" | "REFUSED" = "PENDING") {
    const row = await prisma.extensionRequest.create({
      data: {
        initiativeId,
        requesterId: requester.id,
        currentDueDate: new Date("2039-06-30T00:00:00Z"),
        requestedDueDate: new Date("2039-09-30T00:00:00Z"),
        reason: "測試延期",
        status,
        createdAt,
      },
      select: { id: true, createdAt: true },
    });
    return row;
  }

  beforeAll(async () => {
    await runSeed({ demo: true });
    director = await viewer("director@demo.local");
    requester = await viewer("policy.staff@demo.local");
    e = await makeDepartment(YEAR);
    f = await makeDepartment(YEAR);
    leadE = { id: requester.id, role: "MANAGER", departmentId: e.id };
    const rows: { id: string; createdAt: Date }[] = [];
    for (let n = 0; n < PENDING; n += 1) {
      const initiative = await makeInitiative(e, { dueDate: "2039-06-30" });
      // Some share the instant of the one before (the 20th and 21st across the page break): the id orders them.
      const minute = n - ([3, 9, EXTENSIONS_PAGE_SIZE].includes(n) ? 1 : 0);
      rows.push(await request(initiative.id, new Date(bj("2039-05-01T09:00:00").getTime() + minute * 60_000)));
    }
    pendingE = rows.sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime() || (x.id < y.id ? -1 : 1)).map((r) => r.id);
    // Decided, on a closed initiative, on an archived one: nobody has to decide these.
    const decided = await makeInitiative(e, { dueDate: "2039-06-30" });
    await request(decided.id, bj("2039-04-01T09:00:00"), "APPROVED");
    await request(decided.id, bj("2039-04-02T09:00:00"), "REFUSED");
    const closed = await makeInitiative(e, { dueDate: "2039-06-30", closedAt: bj("2039-05-10T09:00:00") });
    await request(closed.id, bj("2039-04-03T09:00:00"));
    const archived = await makeInitiative(e, { dueDate: "2039-06-30", archivedAt: bj("2039-05-10T09:00:00") });
    await request(archived.id, bj("2039-04-04T09:00:00"));
    pendingF = (await request((await makeInitiative(f, { dueDate: "2039-06-30" })).id, bj("2039-04-05T09:00:00"))).id;
  });

  afterAll(async () => {
    await removeDepartments([e.code, f.code]);
    await prisma.$disconnect();
  });

  it("counts the department's pending requests and pages through them, oldest first, each once", async () => {
    const first = await getPendingExtensionsPage(leadE, 1);
    expect([first.total, first.page, first.pages]).toEqual([PENDING, 1, 2]);
    expect(first.items.map((i) => i.id)).toEqual(pendingE.slice(0, EXTENSIONS_PAGE_SIZE));
    const second = await getPendingExtensionsPage(leadE, "2");
    expect([second.total, second.page, second.pages]).toEqual([PENDING, 2, 2]);
    expect(second.items.map((i) => i.id)).toEqual(pendingE.slice(EXTENSIONS_PAGE_SIZE));
    expect(second.items[0]?.initiative.code.startsWith(e.code)).toBe(true);
  });

  it("reads a page it cannot use as the nearest one", async () => {
    for (const [asked, page] of [
      [undefined, 1],
      ["abc", 1],
      [0, 1],
      [-3, 1],
      [1.5, 1],
      [99, 2],
      ["2", 2],
    ] as const) {
      const got = await getPendingExtensionsPage(leadE, asked);
      expect(got.page, String(asked)).toBe(page);
      expect(got.items[0]?.id).toBe(pendingE[(page - 1) * EXTENSIONS_PAGE_SIZE]);
    }
  });

  it("gives the ministry every department's requests, with the true count, and staff and admins nothing", async () => {
    const all = await getPendingExtensionsPage(director, 1);
    const direct = await prisma.extensionRequest.count({ where: { status: "PENDING", initiative: { archivedAt: null, closedAt: null } } });
    expect(all.total).toBe(direct);
    expect(all.total).toBeGreaterThanOrEqual(PENDING + 1);
    expect(all.pages).toBe(Math.ceil(direct / EXTENSIONS_PAGE_SIZE));
    const ids: string[] = [];
    for (let page = 1; page <= all.pages; page += 1) ids.push(...(await getPendingExtensionsPage(director, page)).items.map((i) => i.id));
    expect(ids).toHaveLength(direct);
    expect(new Set(ids).size).toBe(direct);
    expect(ids).toContain(pendingF);
    expect(ids.filter((id) => pendingE.includes(id))).toEqual(pendingE);
    // F's manager: F's one request only.
    const leadF: Viewer = { id: requester.id, role: "MANAGER", departmentId: f.id };
    const forF = await getPendingExtensionsPage(leadF, 1);
    expect([forF.items.map((i) => i.id), forF.total, forF.pages]).toEqual([[pendingF], 1, 1]);
    for (const who of [requester, await viewer("admin@demo.local"), { id: requester.id, role: "STAFF" as const, departmentId: e.id }]) {
      expect(await getPendingExtensionsPage(who, 1)).toEqual({ items: [], total: 0, page: 1, pages: 1 });
    }
  });
});
