// Search ranks what a person looks for: matches in the code, then the title, then the original
// wording, then initiatives found only through their progress reports — with the place shown — and
// a "titles only" switch (in=titles). In either script.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSeed } from "../../../../prisma/seed/run-seed";
import { DomainError } from "./errors";
import { apiInitiativeListSchema, listInitiativePage, listInitiatives } from "./list-initiatives";
import { logProgress } from "./log-progress";
import { newDepartmentWithPlan, removeDepartment, type TestDepartment } from "../testing/scale-testing";

const NOW = new Date("2018-06-20T02:00:00Z");

// In code order: .1 matches nothing, .2 only in a report, .3 only in the wording, .4 in the title
// (in Traditional characters), .5 in the title and a report. Code order is the reverse of the rank.
const WORDING: Record<number, { title: string; originalText: string }> = {
  1: { title: "人才培养", originalText: "培养一批领军人才。" },
  2: { title: "标准体系建设", originalText: "完善标准体系。" },
  3: { title: "重点任务", originalText: "推动工业互联网平台在制造业的应用，年内完成3项。" },
  4: { title: "提升製造業質量", originalText: "開展質量提升行動。" },
  5: { title: "制造业创新中心", originalText: "建设创新中心。" },
};

describe("search ranking", () => {
  let dept: TestDepartment;

  beforeAll(async () => {
    await runSeed({ demo: true });
    dept = await newDepartmentWithPlan("SRK", 5, (k) => WORDING[k] ?? { title: "", originalText: "" });
    for (const [k, workDone] of [
      [2, "走访了十家製造業企业，形成调研报告。"],
      [5, "制造业创新中心通过验收。"],
    ] as const) {
      const initiative = dept.initiatives[k - 1];
      if (!initiative) throw new Error("missing initiative");
      await logProgress(
        dept.staff,
        initiative.id,
        { period: "2018-06", progress: 20, health: "AT_RISK", healthReason: "测试", workDone, baseVersion: 0 },
        [],
        { now: NOW },
      );
    }
  });

  afterAll(async () => {
    await removeDepartment(dept);
  });

  it("puts the code, then the title, then the wording, then reports only, in either script, and says where", async () => {
    for (const q of ["制造", "製造"]) {
      const page = await listInitiativePage(dept.staff, { q }, { now: NOW });
      expect(page.items.map((i) => [i.code, i.match?.place]), q).toEqual([
        ["SRK-2018-1.4", "title"],
        ["SRK-2018-1.5", "title"],
        ["SRK-2018-1.3", "original"],
        ["SRK-2018-1.2", "report"],
      ]);
      expect(page.total).toBe(4);
      const report = page.items[3]?.match;
      expect(report?.snippet).toContain("製造業企业");
      expect(page.items[2]?.match?.snippet).toContain("在制造业的应用");
      expect(page.items[0]?.match?.snippet).toBeNull();
    }
    // A code is the best match of all.
    const byCode = await listInitiativePage(dept.staff, { q: "srk-2018-1.2" }, { now: NOW });
    expect(byCode.items.map((i) => [i.code, i.match?.place])).toEqual([["SRK-2018-1.2", "code"]]);
  });

  it("with in=titles looks at the code and title only", async () => {
    const page = await listInitiativePage(dept.staff, { q: "製造", in: "titles" }, { now: NOW });
    expect(page.items.map((i) => i.code)).toEqual(["SRK-2018-1.4", "SRK-2018-1.5"]);
    expect(page.total).toBe(2);
    const none = await listInitiativePage(dept.staff, { q: "培养一批", in: "titles" }, { now: NOW });
    expect(none.total).toBe(0);
    const error = await listInitiativePage(dept.staff, { q: "制造", in: "all" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).fields).toEqual({ in: "in.invalid" });
  });

  it("ranks the API's list the same way, page by page through the cursor, with the match in each item", async () => {
    const all = await listInitiatives(dept.staff, { q: "制造", limit: 500 }, { now: NOW });
    expect(apiInitiativeListSchema.parse(all)).toEqual(all);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listInitiatives(dept.staff, { q: "制造", limit: 1, ...(cursor ? { cursor } : {}) }, { now: NOW });
      seen.push(...page.items.map((i) => i.code));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.items.map((i) => i.code));
    expect(seen).toEqual(["SRK-2018-1.4", "SRK-2018-1.5", "SRK-2018-1.3", "SRK-2018-1.2"]);
    expect(all.items[3]?.match).toEqual({ place: "report", snippet: expect.stringContaining("製造業") });
    // Without q, no match field and code order.
    const plain = await listInitiatives(dept.staff, { limit: 500 }, { now: NOW });
    expect(plain.items.map((i) => i.code)).toEqual(dept.initiatives.map((i) => i.code));
    expect(plain.items.every((i) => i.match === undefined)).toBe(true);
  });
});
