// A department of its own for the specs that write through the API (contract.spec.ts,
// property.spec.ts): its 2018 plan with four initiatives (the first with a quantitative target),
// a staff member, a department manager and an administrator, so that their reports, reviews and close-outs change
// nothing another spec counts. Prints what it made as JSON.
//   node --conditions=react-server --import tsx e2e/contract-fixture.ts <CODE>
import { hashPassword } from "@workplan/auth/password";
import { createApiToken } from "@workplan/core/operations/api-tokens";
import { createUser } from "@workplan/core/operations/create-user";
import { refreshRollups } from "@workplan/core/operations/refresh-rollups";
import { prisma } from "@workplan/db";

export interface ContractFixture {
  department: string;
  /** Initiative code → id, in order: 1 has a target (3 家), 2–4 none. */
  initiatives: Record<string, string>;
  staff: string;
  manager: string;
  /** An administrator of its own (ministry-wide), so that what it does is told apart from other specs'. */
  admin: string;
  /** A personal access token of the staff member (Authorization: Bearer). */
  staffToken: string;
}

const DEMO_PASSWORD = "Demo-2018-Plan!";

async function main(code: string): Promise<ContractFixture> {
  if (!/^[A-Z][A-Z0-9]{1,11}$/.test(code)) throw new Error(`usage: contract-fixture.ts <CODE> (capital letters and digits), not ${code}`);
  const department = await prisma.department.create({
    data: { code, nameZhHans: `契约测试司${code}`, nameZhHant: `契約測試司${code}`, nameEn: `Contract Test ${code}` },
    select: { id: true },
  });
  const plan = await prisma.workPlan.create({
    data: { departmentId: department.id, year: 2018, heading: "2018年工作思路", preamble: "", sourceDocument: "" },
    select: { id: true },
  });
  const initiatives: Record<string, string> = {};
  for (const ordinal of [1, 2, 3, 4]) {
    const initiativeCode = `${code}-2018-${ordinal}`;
    const title = `契约测试事项第${ordinal}项`;
    const created = await prisma.initiative.create({
      data: {
        planId: plan.id,
        departmentId: department.id,
        ordinal,
        code: initiativeCode,
        title,
        originalText: title,
        sourceParagraph: title,
        dueDate: new Date("2018-12-31T00:00:00Z"),
        ...(ordinal === 1 ? { targetValue: 3, targetUnit: "家" } : {}),
        searchText: `${initiativeCode.toLowerCase()}\n${title}`,
      },
      select: { id: true },
    });
    initiatives[initiativeCode] = created.id;
  }
  await prisma.$transaction((tx) => refreshRollups(tx, plan.id));
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const lower = code.toLowerCase();
  const staff = `${lower}.staff@contract.local`;
  const manager = `${lower}.lead@contract.local`;
  const staffUser = await createUser(null, { email: staff, name: `${code}干部`, role: "STAFF", departmentCode: code, passwordHash });
  const admin = `${lower}.admin@contract.local`;
  await createUser(null, { email: manager, name: `${code}处长`, role: "MANAGER", departmentCode: code, passwordHash });
  await createUser(null, { email: admin, name: `${code}管理员`, role: "ADMIN", departmentCode: null, passwordHash });
  const { token } = await createApiToken({ id: staffUser.id, role: "STAFF", departmentId: department.id }, { name: "契约测试系统" });
  return { department: code, initiatives, staff, manager, admin, staffToken: token };
}

main(process.argv[2] ?? "").then(
  (fixture) => {
    process.stdout.write(`${JSON.stringify(fixture)}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
