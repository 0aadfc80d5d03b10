import { prisma } from "@workplan/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSeed } from "../../../../prisma/seed/run-seed";
import type { Viewer } from "../rules/policy";
import { getInitiative } from "./get-initiative";
import { getPlanOverview, listPlanYears } from "./get-plan-overview";

async function viewer(email: string): Promise<Viewer> {
  const user = await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true, role: true, departmentId: true } });
  return user;
}

describe("reads are scoped by query", () => {
  let kjsItem: string;
  let cyzcsItem: string;
  beforeAll(async () => {
    await runSeed({ demo: true });
    kjsItem = (await prisma.initiative.findUniqueOrThrow({ where: { code: "KJS-2018-2.3" } })).id;
    cyzcsItem = (await prisma.initiative.findUniqueOrThrow({ where: { code: "CYZCS-2018-7" } })).id;
  });
  afterAll(async () => {
    await prisma.$disconnect();
  });

  it("gives staff and department managers their own department's plan only", async () => {
    const staff = await getPlanOverview(await viewer("tech.staff@demo.local"), 2018);
    expect(staff?.plans.map((p) => p.department.code)).toEqual(["KJS"]);
    expect(staff?.plans[0]?.themes.map((t) => t.initiatives.length)).toEqual([5, 5, 5]);
    const lead = await getPlanOverview(await viewer("policy.lead@demo.local"), 2018);
    expect(lead?.plans.map((p) => p.department.code)).toEqual(["CYZCS"]);
    expect(lead?.plans[0]?.initiatives).toHaveLength(7);
  });

  it("gives ministry-wide managers and admins every department", async () => {
    for (const email of ["director@demo.local", "admin@demo.local"]) {
      const all = await getPlanOverview(await viewer(email), "2018");
      expect(all?.plans.map((p) => p.department.code)).toEqual(["CYZCS", "KJS"]);
    }
    expect(await listPlanYears(await viewer("director@demo.local"))).toEqual([2018, 2017]);
  });

  it("answers an initiative outside the scope, or a malformed id, as not existing", async () => {
    const techStaff = await viewer("tech.staff@demo.local");
    expect((await getInitiative(techStaff, kjsItem))?.code).toBe("KJS-2018-2.3");
    expect(await getInitiative(techStaff, cyzcsItem)).toBeNull();
    expect(await getInitiative(await viewer("policy.staff@demo.local"), kjsItem)).toBeNull();
    expect((await getInitiative(await viewer("director@demo.local"), cyzcsItem))?.code).toBe("CYZCS-2018-7");
    for (const bad of ["x", "'; drop table users; --", "", null, 42, "a".repeat(500)]) {
      expect(await getInitiative(techStaff, bad)).toBeNull();
    }
    expect(await getPlanOverview(techStaff, "not-a-year")).toBeNull();
  });
});
