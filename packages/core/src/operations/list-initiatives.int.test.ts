import { prisma } from "@workplan/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSeed } from "../../../../prisma/seed/run-seed";
import type { Viewer } from "../rules/policy";
import { DomainError } from "./errors";
import { getInitiative } from "./get-initiative";
import { apiInitiativeDetailSchema, apiInitiativeListSchema, listInitiatives, toApiInitiativeDetail } from "./list-initiatives";

async function viewer(email: string): Promise<Viewer> {
  return prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true, role: true, departmentId: true } });
}

async function codes(who: Viewer, query: Record<string, unknown>): Promise<string[]> {
  return (await listInitiatives(who, query)).items.map((i) => i.code);
}

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("listInitiatives", () => {
  let techStaff: Viewer;
  let director: Viewer;
  beforeAll(async () => {
    await runSeed({ demo: true });
    techStaff = await viewer("tech.staff@demo.local");
    director = await viewer("director@demo.local");
  });
  afterAll(async () => {
    await prisma.$disconnect();
  });

  it("gives 科技司 staff 科技司's items only, in the API's shape", async () => {
    const list = await listInitiatives(techStaff, { year: "2018" });
    expect(list.items).toHaveLength(15);
    expect(list.nextCursor).toBeNull();
    expect(list.items.every((i) => i.code.startsWith("KJS-") && i.department.code === "KJS")).toBe(true);
    expect(apiInitiativeListSchema.parse(list)).toEqual(list);

    const all = await listInitiatives(techStaff, {});
    expect(all.items.length).toBeGreaterThan(15);
    expect(all.items.every((i) => i.department.code === "KJS")).toBe(true);
    expect(await codes(techStaff, { department: "CYZCS" })).toEqual([]);

    const item = list.items.find((i) => i.code === "KJS-2018-1.1");
    expect(item).toMatchObject({
      title: expect.any(String),
      department: { code: "KJS", nameZhHans: "科技司", nameZhHant: "科技司", nameEn: expect.any(String) },
      theme: { code: "KJS-2018-1", title: "著力推進中國制造向中國創造轉變" },
      target: { value: 3, unit: "家", approximate: true },
      dueDate: "2018-12-31",
      version: expect.any(Number),
    });
    expect(Object.keys(item ?? {}).sort()).toEqual(
      ["id", "code", "title", "originalText", "department", "theme", "target", "dueDate", "progress", "health", "version", "measuredValue", "lastUpdateAt", "closedAt", "outcome", "pace"].sort(),
    );
  });

  it("gives a ministry-wide manager every department, filtered by year, department and health", async () => {
    expect(await codes(director, { year: 2018 })).toHaveLength(22);
    const policy = await codes(director, { year: "2018", department: "cyzcs" });
    expect(policy).toHaveLength(7);
    expect(policy.every((c) => c.startsWith("CYZCS-2018-"))).toBe(true);

    const none = await listInitiatives(director, { year: 2018, health: "NONE" });
    expect(none.items.every((i) => i.health === null)).toBe(true);
    const reported = await prisma.initiative.count({ where: { plan: { year: 2018 }, health: null } });
    expect(none.items).toHaveLength(reported);
    const onTrack = await listInitiatives(director, { health: "ON_TRACK" });
    expect(onTrack.items.every((i) => i.health === "ON_TRACK")).toBe(true);
  });

  it("finds the same items for 製造 and 制造, and 質量 for 质量, in the title or the original wording", async () => {
    const traditional = await codes(director, { q: "製造" });
    const simplified = await codes(director, { q: "制造" });
    expect(traditional.length).toBeGreaterThan(0);
    expect(simplified).toEqual(traditional);

    const quality = await listInitiatives(director, { q: "质量" });
    expect(quality.items.length).toBeGreaterThan(0);
    expect(quality.items.every((i) => `${i.title}${i.originalText}`.includes("質量"))).toBe(true);
    expect(await codes(director, { q: "質量" })).toEqual(quality.items.map((i) => i.code));

    // Searching stays within scope, and LIKE's wildcards are taken literally.
    expect((await codes(techStaff, { q: "质量" })).every((c) => c.startsWith("KJS-"))).toBe(true);
    expect(await codes(director, { q: "_" })).toEqual([]);
    const all = await prisma.initiative.findMany({ orderBy: { code: "asc" }, select: { code: true, title: true, originalText: true } });
    const literally = (s: string) => all.filter((r) => `${r.title}\n${r.originalText}`.includes(s)).map((r) => r.code);
    for (const q of ["%", "2%", "\\", "1_"]) expect(await codes(director, { q })).toEqual(literally(q));
  });

  it("pages through the list with a cursor, without gaps or repeats", async () => {
    const everything = await codes(director, { limit: 500 });
    const paged: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 100; page++) {
      const result = await listInitiatives(director, { limit: "7", cursor });
      expect(result.items.length).toBeLessThanOrEqual(7);
      paged.push(...result.items.map((i) => i.code));
      if (result.nextCursor === null) break;
      cursor = result.nextCursor;
    }
    expect(paged).toEqual(everything);
    expect(new Set(paged).size).toBe(paged.length);
  });

  it("ignores empty parameters and refuses bad ones with a message key per field", async () => {
    expect(await codes(techStaff, { year: "", department: "", health: "", q: "" })).toEqual(await codes(techStaff, {}));
    const error = await refusal(listInitiatives(techStaff, { year: "soon", health: "GREEN", limit: "501", departmnet: "KJS" }));
    expect(error.code).toBe("invalid");
    expect(error.fields).toEqual({
      year: "year.invalid",
      health: "health.invalid",
      limit: "limit.range",
      departmnet: "parameter.unknown",
    });
    expect((await refusal(listInitiatives(techStaff, { limit: 0 }))).fields).toEqual({ limit: "limit.range" });
    // Numbers in a query are plain decimals: hex, exponents and trailing letters are no numbers.
    expect((await refusal(listInitiatives(techStaff, { limit: "0x10", year: "2e3", page: "2abc" }))).fields).toEqual({
      limit: "limit.range",
      year: "year.invalid",
      page: "page.invalid",
    });
    expect(await codes(techStaff, { limit: " 15 ", year: "2018" })).toHaveLength(15);
    // A control character that would trim away is refused, not taken for an empty filter.
    expect((await refusal(listInitiatives(techStaff, { overdue: "\u000B", q: "\f" }))).fields).toEqual({ overdue: "overdue.control", q: "q.control" });
    expect((await refusal(listInitiatives(techStaff, { limit: 0 }))).messages?.["limit.range"]).toBe("The limit is a whole number from 1 to 500.");
    expect((await refusal(listInitiatives(techStaff, { q: "字".repeat(101) }))).fields).toEqual({ q: "q.tooLong" });
  });

  it("gives one initiative with its updates and milestones in the API's shape", async () => {
    const id = (await prisma.initiative.findUniqueOrThrow({ where: { code: "KJS-2018-2.3" } })).id;
    const detail = await getInitiative(techStaff, id);
    expect(detail).not.toBeNull();
    if (!detail) return;
    const api = toApiInitiativeDetail(detail);
    expect(apiInitiativeDetailSchema.parse(api)).toEqual(api);
    expect(api.code).toBe("KJS-2018-2.3");
    expect(Array.isArray(api.updates)).toBe(true);
    expect(Array.isArray(api.milestones)).toBe(true);
    // Open, and what the pace suggests for its progress: once past the due date, all the time has
    // elapsed and anything short of done is off track.
    expect(api).toMatchObject({ closedAt: null, outcome: null });
    const late = toApiInitiativeDetail(detail, new Date("2019-06-01T00:00:00Z"));
    expect(late.pace).toEqual({ expectedProgress: 100, suggestedHealth: detail.progress >= 100 ? "DONE" : "OFF_TRACK" });
    const early = toApiInitiativeDetail(detail, new Date("2018-01-01T00:00:00Z"));
    expect(early.pace.expectedProgress).toBe(0);
  });
});
