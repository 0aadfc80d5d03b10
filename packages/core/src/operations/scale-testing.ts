// Test helper: a department of its own with a 2018 plan of n initiatives (and a staff member and a
// manager), for tests that compare an operation at two sizes or need initiatives worded just so.
import { prisma } from "@workplan/db";
import type { Viewer } from "../rules/policy";
import { newUser } from "./progress-testing";
import { initiativeSearchText } from "./search-text";

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
