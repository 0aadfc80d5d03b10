// The audit trail names each event's object (a user's name, an initiative's code and title, a
// department's names…) with one query per kind of object on the page — never one per row. SQL
// statements are counted for this file only (WORKPLAN_SQL_COUNT=1, set before the client is made).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.WORKPLAN_SQL_COUNT = "1";
});

import { disconnectPrisma, prisma, sqlStatementCount } from "@workplan/db";
import { runSeed } from "../../../../prisma/seed/run-seed";
import type { Viewer } from "../rules/policy";
import { defined } from "../testing/defined";
import { listAuditEvents, type AuditRow } from "./list-audit-events";
import { makeUser } from "../testing/admin-users-testing";

type Event = { objectType: string; objectId?: string; after?: object };

async function counted<T>(run: () => Promise<T>): Promise<{ statements: number; result: T }> {
  const before = sqlStatementCount();
  if (before === null) throw new Error("statement counting is off");
  const result = await run();
  return { statements: (sqlStatementCount() ?? 0) - before, result };
}

describe("the audit trail's objects", () => {
  let admin: Viewer;
  let initiatives: { id: string; code: string; title: string }[];
  let users: { id: string; name: string; email: string }[];
  let update: { id: string; period: Date; initiative: { id: string; code: string; title: string } };
  let milestone: { id: string; title: string; initiative: { id: string; code: string } };
  let plan: { id: string; year: number; department: { code: string } };
  let theme: { id: string; code: string; title: string };
  let department: { id: string; code: string; nameZhHans: string; nameZhHant: string; nameEn: string };
  let token: { id: string; name: string };

  /** A new actor with these events, oldest first; its page of the trail. */
  async function actorWith(events: Event[]) {
    const actor = await makeUser("MANAGER", "KJS", "審計對象");
    const start = Date.UTC(2019, 0, 1);
    await prisma.auditEvent.createMany({
      data: events.map((e, i) => ({ actorId: actor.id, action: "user.updated", at: new Date(start + i * 1000), ...e })),
    });
    return actor;
  }

  beforeAll(async () => {
    await disconnectPrisma();
    await runSeed({ demo: true });
    admin = await makeUser("ADMIN");
    initiatives = await prisma.initiative.findMany({ take: 20, orderBy: { code: "asc" }, select: { id: true, code: true, title: true } });
    expect(initiatives).toHaveLength(20);
    users = [];
    for (let i = 0; i < 20; i++) users.push(await makeUser("STAFF", "KJS", `對象用戶${i}`).then((u) => ({ id: u.id, email: u.email, name: `對象用戶${i}` })));
    const first = defined(initiatives[0]);
    const author = defined(users[0]);
    const department0 = await prisma.department.findUniqueOrThrow({ where: { code: "KJS" }, select: { id: true, code: true, nameZhHans: true, nameZhHant: true, nameEn: true } });
    department = department0;
    update = await prisma.progressUpdate.create({
      data: {
        initiativeId: first.id,
        authorId: author.id,
        departmentId: department.id,
        period: new Date("2018-05-01"),
        progress: 10,
        health: "ON_TRACK",
        healthSuggested: "ON_TRACK",
        // Reviewed already: a report waiting for review would count in the review backlog meanwhile.
        status: "APPROVED",
        workDone: "審計對象測試",
      },
      select: { id: true, period: true, initiative: { select: { id: true, code: true, title: true } } },
    });
    milestone = await prisma.milestone.create({
      data: { initiativeId: first.id, title: "審計里程碑", dueDate: new Date("2018-09-30"), createdById: author.id },
      select: { id: true, title: true, initiative: { select: { id: true, code: true } } },
    });
    plan = await prisma.workPlan.findFirstOrThrow({ where: { departmentId: department.id }, select: { id: true, year: true, department: { select: { code: true } } } });
    theme = await prisma.theme.findFirstOrThrow({ select: { id: true, code: true, title: true } });
    token = await prisma.apiToken.create({
      data: { userId: author.id, name: "統計系統", tokenHash: randomUUID(), prefix: "wp_test" },
      select: { id: true, name: true },
    });
  });

  afterAll(async () => {
    await prisma.progressUpdate.delete({ where: { id: update.id } });
    await prisma.milestone.delete({ where: { id: milestone.id } });
    await prisma.apiToken.delete({ where: { id: token.id } });
    await disconnectPrisma();
  });

  /** One event of every kind of object, pointing at the n-th user and initiative. */
  const eventsOfEveryKind = (n: number): Event[] => [
    { objectType: "User", objectId: defined(users[n]).id },
    { objectType: "Initiative", objectId: defined(initiatives[n]).id },
    { objectType: "ProgressUpdate", objectId: update.id },
    { objectType: "Milestone", objectId: milestone.id },
    { objectType: "Department", objectId: department.id },
    { objectType: "WorkPlan", objectId: plan.id },
    { objectType: "Theme", objectId: theme.id },
    { objectType: "ApiToken", objectId: token.id },
    { objectType: "ProgressUpdate", objectId: "nosuchupdate0000000000" },
    { objectType: "UserSession" },
  ];

  it("names each object in words, linking what has a page", async () => {
    const actor = await actorWith(eventsOfEveryKind(1));
    const page = await listAuditEvents(admin, { actor: actor.email });
    const of = (type: string, id?: string): AuditRow =>
      defined(page.items.find((r) => r.objectType === type && (id === undefined || r.objectId === id)), `a ${type} event`);
    const user = defined(users[1]);
    const initiative = defined(initiatives[1]);

    expect(of("User")).toMatchObject({ objectSummary: { kind: "user", name: user.name, email: user.email }, objectLink: { kind: "user", id: user.id } });
    expect(of("Initiative")).toMatchObject({
      objectSummary: { kind: "initiative", code: initiative.code, title: initiative.title },
      objectLink: { kind: "initiative", id: initiative.id },
    });
    expect(of("ProgressUpdate", update.id)).toMatchObject({
      objectSummary: { kind: "initiative", code: update.initiative.code, title: update.initiative.title, detail: "2018-05" },
      objectLink: { kind: "initiative", id: update.initiative.id },
    });
    expect(of("Milestone")).toMatchObject({
      objectSummary: { kind: "initiative", code: milestone.initiative.code, detail: "審計里程碑" },
      objectLink: { kind: "initiative", id: milestone.initiative.id },
    });
    expect(of("Department").objectSummary).toEqual({
      kind: "department",
      code: "KJS",
      nameZhHans: department.nameZhHans,
      nameZhHant: department.nameZhHant,
      nameEn: department.nameEn,
    });
    expect(of("WorkPlan").objectSummary).toEqual({ kind: "plan", departmentCode: "KJS", year: plan.year });
    expect(of("Theme").objectSummary).toEqual({ kind: "theme", code: theme.code, title: theme.title });
    expect(of("ApiToken").objectSummary).toEqual({ kind: "token", name: "統計系統", owner: defined(users[0]).name });
    // Gone, or nothing to name: the id stays in the record, no summary and no link.
    expect(of("ProgressUpdate", "nosuchupdate0000000000")).toMatchObject({ objectSummary: null, objectLink: null });
    expect(of("UserSession")).toMatchObject({ objectSummary: null, objectLink: null });
  });

  it("looks the objects up once per kind, whatever the number of rows on the page", async () => {
    const few = await actorWith(eventsOfEveryKind(2));
    const many = await actorWith(Array.from({ length: 20 }, (_, n) => eventsOfEveryKind(n)).flat());
    const small = await counted(() => listAuditEvents(admin, { actor: few.email, limit: 200 }));
    const large = await counted(() => listAuditEvents(admin, { actor: many.email, limit: 200 }));
    expect(small.result.items).toHaveLength(10);
    expect(large.result.items).toHaveLength(200);
    // Twenty different users and initiatives are all named…
    expect(new Set(large.result.items.filter((r) => r.objectSummary?.kind === "user").map((r) => r.objectId)).size).toBe(20);
    expect(large.result.items.filter((r) => r.objectType === "Initiative").every((r) => r.objectSummary?.kind === "initiative")).toBe(true);
    // …in as many statements as ten rows take.
    expect(large.statements).toBe(small.statements);
  });
});
