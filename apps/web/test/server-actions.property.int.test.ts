// Every server action, called with hostile arguments (fast-check): NUL and other control characters,
// bidi overrides, zero-width text, lone surrogates, a megabyte of text, integers beyond their column,
// negative and non-finite numbers, and values of the wrong type, in each argument and in each field of
// an object or FormData argument, by each role. Whatever comes in, an action never throws and never
// answers the generic failure (what a page would show as "something went wrong", a 500's place), and
// an action that refuses writes nothing: every table is the same, byte for byte, afterwards.
//
// The actions run as they are, against this run's real database; only what Next.js provides around
// them is stood in for: the session (getSession gives a viewer loaded from a real session row),
// request headers and cookies, and page revalidation. A generated call may rightly change what it
// names (close an initiative, archive a theme): it names only objects of this file's own, and the
// file runs after every other integration file of the run (turbo.json).
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { authenticate } from "@workplan/auth/authenticate";
import { createUser } from "@workplan/core/operations/create-user";
import { loadViewer, type SessionViewer } from "@workplan/core/operations/load-viewer";
import { logProgress } from "@workplan/core/operations/log-progress";
import { prisma } from "@workplan/db";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runSeed } from "../../../prisma/seed/run-seed";

const session: { viewer: SessionViewer | null } = { viewer: null };
let ownDepartmentCode = "";
const jar = new Map<string, string>();
vi.mock("@workplan/auth", () => ({ getSession: async () => session.viewer }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": "127.0.0.1" }),
  cookies: async () => ({ get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined), set: (name: string, value: string) => jar.set(name, value) }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PASSWORD = "Hostile-Input-2018!";

/** The modules that declare server actions ("use server" at the top), found on disk: a new one is covered without a word here. */
function actionModules(dir = path.join(web, "features")): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return actionModules(full);
    return /\.tsx?$/.test(entry) && /^\s*["']use server["']/.test(readFileSync(full, "utf8")) ? [full] : [];
  });
}

/** Refusals an action may answer with; everything else it answers is a success, and may write. */
const REFUSALS = new Set(["invalid", "conflict", "signed-out", "not-found", "exists"]);

/**
 * Writes an action makes on purpose while refusing: a wrong current password is counted against
 * the account (sign-in throttling) and audited, exactly like a wrong password at sign-in.
 */
const WRITES_ON_REFUSAL: Record<string, string[]> = {
  changePasswordAction: ["sign_in_throttles", "audit_events"],
};

const MEGABYTE = "长".repeat(350_000); // 1 MB in UTF-8
const hostileText = fc.oneof(
  fc.constantFrom(
    "a\u0000b",
    "\u0000",
    "\u202Egnp.exe.png",
    "\u200B\u200B\u2060",
    "\uD800",
    "x\uDFFFy",
    "\u001b[2J",
    "\u0007\u0008",
    "'; DROP TABLE users; --",
    "%00",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "",
    " ",
    MEGABYTE,
  ),
  fc.string({ unit: "binary", maxLength: 30 }),
);
const hostileNumber = fc.constantFrom(2147483648, -1, -2147483649, Number.MAX_SAFE_INTEGER, 1e308, Number.NaN, Number.POSITIVE_INFINITY, 0.5, -0);
// What a crafted request can make React hand an action (its reply format carries JSON values, FormData and Files).
const wrongType = fc.constantFrom<unknown>(null, undefined, true, false, [], {}, ["a\u0000"], { toString: "x" }, { length: 2147483648 });

interface Pool {
  ids: string[];
  values: Record<string, unknown[]>;
}

/** Field names the actions read from objects and forms, with a sound value for each to mix in (so validation runs past the first field). */
function fieldValues(pool: Pool): Record<string, unknown[]> {
  return {
    name: ["测试"],
    email: ["hostile@test.local"],
    role: ["STAFF", "MANAGER", "ADMIN"],
    department: [ownDepartmentCode, "ministry", ""],
    departmentId: pool.values.departmentId ?? [],
    code: [`${ownDepartmentCode}X`],
    year: ["2018", 2018],
    title: ["标题"],
    text: ["标题"],
    description: ["说明"],
    period: ["2018-06"],
    progress: ["50", 50],
    health: ["ON_TRACK", "AT_RISK", "OFF_TRACK"],
    healthReason: ["原因"],
    workDone: ["完成了"],
    nextSteps: ["下一步"],
    problems: ["问题"],
    measuredValue: ["12"],
    baseVersion: ["1", 1],
    links: ["https://example.gov.cn"],
    locale: ["en", "zh-Hans"],
    dueDate: ["2018-12-31"],
    requestedDueDate: ["2019-03-31"],
    reason: ["理由"],
    note: ["请报送"],
    comment: ["意见"],
    outcome: ["DONE", "PARTLY_DONE"],
    current: [PASSWORD],
    next: ["Another-Good-Password-1"],
    confirm: ["Another-Good-Password-1"],
    password: ["Another-Good-Password-1"],
    owner: ["责任人"],
    target: ["目标"],
    themeId: pool.values.themeId ?? [],
    kind: ["QUALITATIVE"],
    currentPassword: [PASSWORD],
    newPassword: ["Another-Good-Password-1"],
    confirmPassword: ["Another-Good-Password-1"],
    heading: ["二〇一八年工作计划"],
    preamble: ["前言"],
    reportDueDay: ["25", 25],
    intro: ["导语"],
    originalText: ["原文"],
    targetValue: ["10"],
    targetUnit: ["项"],
    targetApproximate: [true, false],
    leadDepartmentId: pool.values.departmentId ?? [],
    cooperatingDepartmentIds: [pool.values.departmentId ?? []],
    nameZhHans: ["测试司"],
    nameZhHant: ["測試司"],
    nameEn: ["Test Department"],
  };
}

function argument(pool: Pool): fc.Arbitrary<unknown> {
  const fields = fieldValues(pool);
  const fieldValue = (name: string) => fc.oneof(hostileText, hostileNumber, wrongType, ...(fields[name]?.length ? [fc.constantFrom(...(fields[name] ?? []))] : []));
  const record = fc.record(Object.fromEntries(Object.keys(fields).map((name) => [name, fieldValue(name)])), { requiredKeys: [], noNullPrototype: true });
  const form = record.map((values) => {
    const data = new FormData();
    for (const [name, value] of Object.entries(values)) data.append(name, typeof value === "string" ? value : (JSON.stringify(value) ?? ""));
    data.append("files", new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], "\u202Egnp.exe.png", { type: "image/png" }));
    return data;
  });
  return fc.oneof(
    { arbitrary: hostileText, weight: 3 },
    { arbitrary: hostileNumber, weight: 1 },
    { arbitrary: wrongType, weight: 1 },
    { arbitrary: fc.constantFrom(...pool.ids), weight: 3 },
    { arbitrary: record, weight: 2 },
    { arbitrary: form, weight: 2 },
  );
}

/** Every table, as one checksum each: what "nothing written" means. */
async function tableChecksums(): Promise<Record<string, string>> {
  const tables = await prisma.$queryRaw<{ name: string }[]>`
    SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename`;
  const sql = tables.map((t) => `SELECT '${t.name}' AS name, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS sum FROM "${t.name}" x`).join(" UNION ALL ");
  const rows = await prisma.$queryRawUnsafe<{ name: string; sum: string }[]>(sql);
  return Object.fromEntries(rows.map((r) => [r.name, r.sum]));
}

const ACTIONS = (
  await Promise.all(
    actionModules().map(async (file) =>
      Object.entries((await import(file)) as Record<string, unknown>).filter(
        (entry): entry is [string, (...args: unknown[]) => Promise<unknown>] => typeof entry[1] === "function",
      ),
    ),
  )
).flat();
const RUNS = Number(process.env.PROPERTY_RUNS ?? 12);
const SEED = Number(process.env.PROPERTY_SEED ?? Date.now() % 2 ** 31);

describe("every server action, given hostile arguments", () => {
  const viewers: SessionViewer[] = [];
  let pool: Pool = { ids: [], values: {} };

  beforeAll(async () => {
    await runSeed({ demo: true });
    // A department, plan, theme and initiative of this file's own: the only things a generated call
    // can name by a real id, so that what it may rightly change (close, archive, re-date) is never
    // what another test file of the run reads.
    const stamp = Date.now().toString(36);
    const code = `PT${stamp.slice(-6).toUpperCase()}`;
    const department = await prisma.department.create({ data: { code, nameZhHans: "性质测试司", nameZhHant: "性質測試司", nameEn: "Property tests" } });
    const plan = await prisma.workPlan.create({ data: { departmentId: department.id, year: 2018, heading: "二〇一八年工作计划", preamble: "", sourceDocument: "" } });
    const theme = await prisma.theme.create({ data: { planId: plan.id, ordinal: 1, code: `${code}-2018-1`, title: "主题", intro: "", sourceParagraph: "" } });
    const initiative = await prisma.initiative.create({
      data: { planId: plan.id, themeId: theme.id, departmentId: department.id, ordinal: 1, code: `${code}-2018-1.1`, title: "工作", originalText: "工作", sourceParagraph: "工作", dueDate: new Date("2018-12-31T00:00:00Z") },
    });
    ownDepartmentCode = code;
    // Users of this file's own, with real sessions: an admin, a manager of the whole ministry, the department's staff.
    for (const [role, departmentCode] of [["ADMIN", undefined], ["MANAGER", undefined], ["STAFF", code]] as const) {
      const email = `prop.${role.toLowerCase()}.${stamp}@test.local`;
      const user = await createUser(null, { email, name: `性质 ${role}`, role, departmentCode });
      const { hashPassword } = await import("@workplan/auth/password");
      await prisma.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(PASSWORD) } });
      const signedIn = await authenticate({ email, password: PASSWORD });
      if (!signedIn.ok) throw new Error(`sign-in of ${email} failed`);
      const loaded = await loadViewer(signedIn.sessionId);
      if (!loaded) throw new Error(`no viewer for ${email}`);
      viewers.push(loaded);
    }
    // Real ids to mix in, so that actions get past "not found" to their fields. The one user among
    // them is a bystander: the viewers are never deactivated or reset by a generated call.
    const bystander = await createUser(null, { email: `prop.bystander.${stamp}@test.local`, name: "旁观者", role: "STAFF", departmentCode: code });
    const staff = viewers[2] as SessionViewer;
    const update = await logProgress(staff, initiative.id, { period: "2018-06", progress: 10, health: "OFF_TRACK", healthReason: "起步", workDone: "起草方案", baseVersion: 0 });
    const milestone = await prisma.milestone.create({ data: { initiativeId: initiative.id, title: "里程碑", dueDate: new Date("2018-09-30T00:00:00Z"), createdById: staff.id } });
    pool = {
      ids: [bystander.id, initiative.id, plan.id, theme.id, department.id, update.updateId, milestone.id],
      values: { departmentId: [department.id], themeId: [theme.id] },
    };
  });
  afterAll(async () => {
    await prisma.$disconnect();
  });

  it("finds the action modules", () => {
    expect(ACTIONS.length).toBeGreaterThanOrEqual(30);
  });

  for (const [name, action] of ACTIONS) {
    it(`${name}: refuses with a message, never fails, and writes nothing when it refuses`, async () => {
      const args = fc.tuple(...Array.from({ length: Math.max(action.length, 1) }, () => argument(pool)));
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...viewers), args, async (viewer, values) => {
          session.viewer = viewer;
          const before = await tableChecksums();
          let result: unknown;
          try {
            result = await action(...values);
          } catch (error) {
            throw new Error(`${name} threw: ${error instanceof Error ? error.message.slice(0, 300) : String(error)}`);
          }
          const status = (result as { status?: unknown } | undefined)?.status;
          expect(status, `${name} answered the generic failure`).not.toBe("error");
          if (typeof status === "string" && REFUSALS.has(status)) {
            const after = await tableChecksums();
            for (const table of WRITES_ON_REFUSAL[name] ?? []) {
              delete before[table];
              delete after[table];
            }
            expect(after, `${name} refused (${JSON.stringify(result).slice(0, 200)}) but wrote`).toEqual(before);
          }
        }),
        { numRuns: RUNS, seed: SEED },
      );
    }, 120_000);
  }
});
