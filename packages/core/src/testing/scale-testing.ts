// Test helper: a department of its own with a 2018 plan of n initiatives (and a staff member and a
// manager), for tests that compare an operation at two sizes or need initiatives worded just so.
import { prisma } from "@workplan/db";
import type { Viewer } from "../rules/policy";
import { newUser } from "./progress-testing";
import { initiativeSearchText } from "../infra/search-text";

export interface TestDepartment {
  id: string;
  code: string;
  planId: string;
  initiatives: { id: string; code: string }[];
  staff: Viewer;
  manager: Viewer;
}

export async function newDepartmentWithPlan(
  code: string,
  n: number,
  wording: (k: number) => { title: string; originalText: string } = (k) => ({ title: `测试事项${k}`, originalText: `测试事项${k}的原文` }),
): Promise<TestDepartment> {
  const department = await prisma.department.create({
    data: { code, nameZhHans: `${code}司`, nameZhHant: `${code}司`, nameEn: `${code} Dept.` },
    select: { id: true },
  });
  const plan = await prisma.workPlan.create({
    data: { departmentId: department.id, year: 2018, heading: "2018年工作思路", preamble: "", sourceDocument: "" },
    select: { id: true },
  });
  const rows = Array.from({ length: n }, (_, i) => {
    const k = i + 1;
    const itemCode = `${code}-2018-1.${k}`;
    const { title, originalText } = wording(k);
    return {
      planId: plan.id,
      departmentId: department.id,
      ordinal: k,
      code: itemCode,
      title,
      originalText,
      sourceParagraph: originalText,
      dueDate: new Date("2018-12-31T00:00:00Z"),
      searchText: initiativeSearchText({ code: itemCode, title, originalText }),
    };
  });
  await prisma.initiative.createMany({ data: rows });
  const initiatives = await prisma.initiative.findMany({
    where: { planId: plan.id },
    orderBy: { ordinal: "asc" },
    select: { id: true, code: true },
  });
  return {
    id: department.id,
    code,
    planId: plan.id,
    initiatives,
    staff: await newUser("scale", "STAFF", code),
    manager: await newUser("scale", "MANAGER", code),
  };
}

/**
 * Remove a department made by newDepartmentWithPlan with what its tests wrote (reports, chases,
 * notifications), so that other test files, which share the database, see the seed's departments
 * only. Its users have audit events, which are append-only: they stay, deactivated, in 科技司.
 */
export async function removeDepartment(department: TestDepartment): Promise<void> {
  const users = await prisma.user.findMany({ where: { departmentId: department.id }, select: { id: true } });
  const userIds = users.map((u) => u.id);
  const kjs = await prisma.department.findUniqueOrThrow({ where: { code: "KJS" }, select: { id: true } });
  await prisma.$transaction([
    prisma.notification.deleteMany({ where: { userId: { in: userIds } } }),
    prisma.progressUpdate.deleteMany({ where: { initiativeId: { in: department.initiatives.map((i) => i.id) } } }),
    prisma.initiative.deleteMany({ where: { planId: department.planId } }),
    prisma.workPlan.deleteMany({ where: { id: department.planId } }),
    prisma.user.updateMany({ where: { id: { in: userIds } }, data: { departmentId: kjs.id, active: false } }),
    prisma.department.deleteMany({ where: { id: department.id } }),
  ]);
}
