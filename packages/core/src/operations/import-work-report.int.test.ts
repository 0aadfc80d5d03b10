import { prisma } from "@workplan/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSeed } from "../../../../prisma/seed/run-seed";

describe("seeding the plan from the source text", () => {
  let first: Awaited<ReturnType<typeof runSeed>>;
  beforeAll(async () => {
    first = await runSeed({ demo: true });
  });
  afterAll(async () => {
    await prisma.$disconnect();
  });

  it("creates both departments with their 2017 record and 2018 plan", async () => {
    const departments = await prisma.department.findMany({ orderBy: { code: "asc" }, select: { code: true, nameZhHant: true } });
    expect(departments).toEqual([
      { code: "CYZCS", nameZhHant: "產業政策司" },
      { code: "KJS", nameZhHant: "科技司" },
    ]);
    const plans = await prisma.workPlan.findMany({
      orderBy: [{ department: { code: "asc" } }, { year: "asc" }],
      select: { year: true, status: true, initiativeCount: true, department: { select: { code: true } }, _count: { select: { themes: true } } },
    });
    expect(plans.map((p) => [p.department.code, p.year, p.status, p.initiativeCount, p._count.themes])).toEqual([
      ["CYZCS", 2017, "CLOSED", 7, 0],
      ["CYZCS", 2018, "ACTIVE", 7, 0],
      ["KJS", 2017, "CLOSED", 5, 0],
      ["KJS", 2018, "ACTIVE", 15, 3],
    ]);
  });

  it("keeps the wording verbatim, reads the target, and gives readable codes and the year-end due date", async () => {
    const item = await prisma.initiative.findUniqueOrThrow({ where: { code: "KJS-2018-1.1" } });
    expect(item.originalText).toContain("建設3家左右國家制造業創新中心");
    expect(item.targetValue?.toNumber()).toBe(3);
    expect(item.targetUnit).toBe("家");
    expect(item.targetApproximate).toBe(true);
    expect(item.dueDate.toISOString().slice(0, 10)).toBe("2018-12-31");
    expect(item.progress).toBe(0);
    expect(item.health).toBeNull();

    const goal = await prisma.initiative.findUniqueOrThrow({ where: { code: "CYZCS-2018-1" } });
    expect(goal.originalText).toBe("圍繞“產業政策要準”,加強產業政策創新轉型和頂層設計");
    expect(goal.themeId).toBeNull();

    const record = await prisma.initiative.findUniqueOrThrow({ where: { code: "KJS-2017-5" } });
    expect(record.health).toBe("DONE");
    expect(record.progress).toBe(100);
  });

  it("is idempotent and never touches progress users entered", async () => {
    // Another file may have seeded this database first: what matters is the total, and that the second run adds nothing.
    expect(first.departments).toHaveLength(2);
    expect(await prisma.initiative.count({ where: { code: { startsWith: "KJS-" } } })).toBe(20);
    expect(await prisma.initiative.count({ where: { code: { startsWith: "CYZCS-" } } })).toBe(14);
    await prisma.initiative.update({ where: { code: "CYZCS-2018-3" }, data: { progress: 40, health: "AT_RISK", title: "edited by an admin" } });
    const before = await prisma.initiative.count();
    const audits = await prisma.auditEvent.count({ where: { action: "plan.imported" } });

    const second = await runSeed({ demo: true });

    expect(second.departments.map((d) => d.createdInitiatives + d.createdPlans + d.createdThemes)).toEqual([0, 0]);
    expect(second.demoUsersCreated).toBe(0);
    expect(await prisma.initiative.count()).toBe(before);
    expect(await prisma.auditEvent.count({ where: { action: "plan.imported" } })).toBe(audits);
    const edited = await prisma.initiative.findUniqueOrThrow({ where: { code: "CYZCS-2018-3" } });
    expect([edited.progress, edited.health, edited.title]).toEqual([40, "AT_RISK", "edited by an admin"]);
  });

  it("creates the five demo accounts with their roles and departments", async () => {
    const users = await prisma.user.findMany({
      where: { email: { endsWith: "@demo.local" } },
      orderBy: { email: "asc" },
      select: { email: true, role: true, department: { select: { code: true } } },
    });
    expect(users.map((u) => [u.email, u.role, u.department?.code ?? null])).toEqual([
      ["admin@demo.local", "ADMIN", null],
      ["director@demo.local", "MANAGER", null],
      ["policy.lead@demo.local", "MANAGER", "CYZCS"],
      ["policy.staff@demo.local", "STAFF", "CYZCS"],
      ["tech.staff@demo.local", "STAFF", "KJS"],
    ]);
  });
});
