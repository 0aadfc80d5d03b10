// Shared by the integration tests of the ministry-wide reads (plan and calendar summaries, review
// queue, timeline pages, pending extensions). Each file makes departments of its own (unique codes)
// with a plan in a year no other file uses, writes initiatives and reports straight into the tables
// at chosen instants (the monthly roll-up and the review backlog follow by trigger), and removes it
// all afterwards with removeDepartments.
import { prisma } from "@workplan/db";
import type { Role, Viewer } from "../rules/policy";
import { departmentInput, uniqueCode } from "./admin-plans-testing";

/** An instant given in Beijing time: bj("2035-06-10T23:59:59"). */
export const bj = (s: string) => new Date(`${s}+08:00`);

export type Health = "ON_TRACK" | "AT_RISK" | "OFF_TRACK" | "DONE";

export interface TestDepartment {
  id: string;
  code: string;
  planId: string;
  year: number;
}

export async function makeDepartment(year: number, options: { reportDueDay?: number } = {}): Promise<TestDepartment> {
  const code = uniqueCode("S");
  const department = await prisma.department.create({ data: departmentInput(code), select: { id: true } });
  const plan = await prisma.workPlan.create({
    data: {
      departmentId: department.id,
      year,
      heading: `${year}年工作計劃`,
      preamble: "",
      sourceDocument: "",
      ...(options.reportDueDay === undefined ? {} : { reportDueDay: options.reportDueDay }),
    },
    select: { id: true },
  });
  return { id: department.id, code, planId: plan.id, year };
}

let ordinal = 0;
export async function makeInitiative(
  department: TestDepartment,
  data: { dueDate: string; progress?: number; health?: Health | null; closedAt?: Date; archivedAt?: Date },
): Promise<{ id: string; code: string }> {
  ordinal += 1;
  const code = `${department.code}-${department.year}-${ordinal}`;
  return prisma.initiative.create({
    data: {
      planId: department.planId,
      departmentId: department.id,
      ordinal,
      code,
      title: `測試任務${ordinal}`,
      originalText: `測試任務${ordinal}`,
      sourceParagraph: "",
      dueDate: new Date(`${data.dueDate}T00:00:00Z`),
      progress: data.progress ?? 0,
      health: data.health ?? null,
      closedAt: data.closedAt ?? null,
      archivedAt: data.archivedAt ?? null,
    },
    select: { id: true, code: true },
  });
}

/** A progress report filed at `createdAt` for `period` ("2035-06") by `authorId` for `departmentId`. */
export async function makeReport(
  initiativeId: string,
  by: { authorId: string; departmentId: string },
  data: { period: string; createdAt: Date; progress?: number; health?: Health; status?: "SUBMITTED" | "APPROVED" | "RETURNED" },
): Promise<string> {
  const row = await prisma.progressUpdate.create({
    data: {
      initiativeId,
      authorId: by.authorId,
      departmentId: by.departmentId,
      period: new Date(`${data.period}-01T00:00:00Z`),
      progress: data.progress ?? 10,
      health: data.health ?? "ON_TRACK",
      healthSuggested: data.health ?? "ON_TRACK",
      workDone: "測試報告",
      status: data.status ?? "APPROVED",
      createdAt: data.createdAt,
    },
    select: { id: true },
  });
  return row.id;
}

/** A user of a test department (removed with it), with a name of its own. */
export async function makeMember(department: TestDepartment, role: Role, name: string): Promise<Viewer> {
  return prisma.user.create({
    data: { email: `${name.toLowerCase().replace(/[^a-z0-9]+/g, ".")}.${uniqueCode("U").toLowerCase()}@test.local`, name, role, departmentId: department.id },
    select: { id: true, role: true, departmentId: true },
  });
}
