import { randomUUID } from "node:crypto";
import { getPrisma, prisma } from "@workplan/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSeed } from "../../../../prisma/seed/run-seed";
import { makeUser } from "../testing/admin-users-testing";
import { getUserForAdmin, listAssignableDepartments, listUsers } from "./list-users";
import { refusal } from "../testing/progress-testing";

/** Run `body` with the shared client counting the statements it sends. */
async function countingQueries<T>(body: () => Promise<T>): Promise<{ result: T; queries: number }> {
  const holder = globalThis as unknown as { workplanPrisma?: unknown };
  const original = getPrisma();
  let queries = 0;
  holder.workplanPrisma = original.$extends({
    query: {
      async $allOperations({ args, query }) {
        queries += 1;
        return query(args);
      },
    },
  });
  try {
    return { result: await body(), queries };
  } finally {
    holder.workplanPrisma = original;
  }
}

describe("listUsers", () => {
  const tag = `名單${randomUUID().slice(0, 8)}`;
  let ids: Record<string, string> = {};

  beforeAll(async () => {
    await runSeed({ demo: true });
    // Seven accounts of our own, named so that a search for the tag finds them alone.
    const made = {
      a: await makeUser("STAFF", "KJS", `${tag} 甲`),
      b: await makeUser("STAFF", "CYZCS", `${tag} 乙`),
      c: await makeUser("MANAGER", "KJS", `${tag} 丙`),
      d: await makeUser("MANAGER", null, `${tag} 丁`),
      e: await makeUser("ADMIN", null, `${tag} 戊`),
      f: await makeUser("STAFF", "KJS", `${tag} 己`),
      g: await makeUser("STAFF", "KJS", `${tag} 庚`),
    };
    ids = Object.fromEntries(Object.entries(made).map(([k, v]) => [k, v.id]));
    await prisma.user.update({ where: { id: made.f.id }, data: { active: false, lastLoginAt: new Date("2018-03-01T02:00:00Z") } });
    // Delayed at one address (an address's row with the e-mail counts as the account's too).
    await prisma.signInThrottle.create({
      data: { address: "10.9.9.9", email: made.g.email, failures: 5, lastFailedAt: new Date(), delayedUntil: new Date(Date.now() + 600_000) },
    });
    // An expired delay is no lock.
    await prisma.signInThrottle.create({
      data: { email: made.a.email, failures: 10, lastFailedAt: new Date(), delayedUntil: new Date(Date.now() - 1000) },
    });
  });
  afterAll(async () => {
    await prisma.$disconnect();
  });

  const names = (list: { items: { name: string }[] }) => list.items.map((i) => i.name.slice(tag.length + 1));

  it("searches names and e-mails, in either script, and filters by role, department, active and locked", async () => {
    const admin = await makeUser("ADMIN");
    expect(names(await listUsers(admin, { q: tag }))).toEqual(["丁", "丙", "乙", "己", "庚", "戊", "甲"]);
    // Traditional and Simplified find the same (名單 / 名单).
    expect(names(await listUsers(admin, { q: tag.replace("單", "单") }))).toHaveLength(7);
    expect(names(await listUsers(admin, { q: tag, role: "STAFF" }))).toEqual(["乙", "己", "庚", "甲"]);
    expect(names(await listUsers(admin, { q: tag, department: "kjs" }))).toEqual(["丙", "己", "庚", "甲"]);
    expect(names(await listUsers(admin, { q: tag, role: "STAFF", department: "KJS", active: "true" }))).toEqual(["庚", "甲"]);
    expect(names(await listUsers(admin, { q: tag, active: "false" }))).toEqual(["己"]);
    expect(names(await listUsers(admin, { q: tag, locked: "true" }))).toEqual(["庚"]);
    expect(names(await listUsers(admin, { q: tag, locked: "false" }))).toHaveLength(6);

    const page = await listUsers(admin, { q: tag, limit: "3", page: "2" });
    expect(page).toMatchObject({ total: 7, page: 2, limit: 3 });
    expect(names(page)).toEqual(["己", "庚", "戊"]);

    const byEmail = await listUsers(admin, { q: `  ${(await prisma.user.findUniqueOrThrow({ where: { id: ids.g ?? "" } })).email.toUpperCase()} ` });
    expect(byEmail.items).toHaveLength(1);
    expect(byEmail.items[0]).toMatchObject({ id: ids.g, role: "STAFF", department: { code: "KJS" }, active: true, locked: true, hasPassword: false });
    const inactive = (await listUsers(admin, { q: tag, active: "false" })).items[0];
    expect(inactive?.lastLoginAt).toBe("2018-03-01T02:00:00.000Z");

    // LIKE's wildcards are taken literally; empty values are no filter.
    expect((await listUsers(admin, { q: `${tag}%` })).items).toEqual([]);
    expect((await listUsers(admin, { q: tag, role: "", department: "", active: "" })).total).toBe(7);
  });

  it("runs a fixed number of queries, whatever the page size", async () => {
    const admin = await makeUser("ADMIN");
    const small = await countingQueries(() => listUsers(admin, { q: tag, limit: "1", locked: "false" }));
    const large = await countingQueries(() => listUsers(admin, { q: tag, limit: "200", locked: "false" }));
    expect(small.result.items).toHaveLength(1);
    expect(large.result.items).toHaveLength(6);
    expect(small.queries).toBeGreaterThan(0);
    expect(large.queries).toBe(small.queries);
    expect(large.queries).toBeLessThanOrEqual(4);
  });

  it("refuses bad filters with message keys, and is for admins only", async () => {
    const admin = await makeUser("ADMIN");
    const bad = await refusal(listUsers(admin, { role: "KING", active: "maybe", limit: "1000", departmnet: "KJS" }));
    expect(bad.code).toBe("invalid");
    expect(bad.fields).toEqual({ role: "role.invalid", active: "active.invalid", limit: "limit.range", departmnet: "parameter.unknown" });
    expect(bad.messages?.["limit.range"]).toBe("The limit is a whole number from 1 to 200.");

    for (const role of ["STAFF", "MANAGER"] as const) {
      const actor = await makeUser(role, "KJS");
      expect((await refusal(listUsers(actor, {}))).code).toBe("forbidden");
      expect((await refusal(listUsers(actor, { role: "KING" }))).code).toBe("forbidden");
      expect((await refusal(getUserForAdmin(actor, ids.a))).code).toBe("forbidden");
      expect((await refusal(listAssignableDepartments(actor))).code).toBe("forbidden");
    }
  });

  it("shows one account with its recent sign-ins, newest first", async () => {
    const admin = await makeUser("ADMIN");
    const user = await makeUser("STAFF", "KJS");
    for (let i = 0; i < 12; i += 1) {
      await prisma.userSession.create({
        data: { userId: user.id, ip: `10.0.0.${i}`, createdAt: new Date(Date.now() - (12 - i) * 60_000), expiresAt: new Date(Date.now() + 3600_000) },
      });
    }
    const detail = await getUserForAdmin(admin, user.id);
    expect(detail?.sessions).toHaveLength(10);
    expect(detail?.sessions[0]).toMatchObject({ ip: "10.0.0.11", status: "open" });
    expect(await getUserForAdmin(admin, "nosuchuser000000000000000")).toBeNull();
    expect(await getUserForAdmin(admin, "not an id")).toBeNull();
    expect((await listAssignableDepartments(admin)).map((d) => d.code)).toEqual(expect.arrayContaining(["CYZCS", "KJS"]));
  });
});
