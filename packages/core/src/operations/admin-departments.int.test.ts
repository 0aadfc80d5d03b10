import { prisma } from "@workplan/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSeed } from "../../../../prisma/seed/run-seed";
import type { Viewer } from "../rules/policy";
import {
  createDepartment,
  deleteDepartment,
  getDepartment,
  listDepartmentOptions,
  listDepartments,
  setDepartmentArchived,
  updateDepartment,
} from "./admin-departments";
import { addInitiative } from "./admin-initiatives";
import { createPlan } from "./admin-plans";
import { admin, departmentInput, removeDepartments, uniqueCode } from "../testing/admin-plans-testing";
import { createUser } from "./create-user";
import { refusal, viewer } from "../testing/progress-testing";

describe("departments as the admins keep them", () => {
  let actor: Viewer;
  const codes: string[] = [];
  const code = (prefix = "D") => {
    const c = uniqueCode(prefix);
    codes.push(c);
    return c;
  };

  beforeAll(async () => {
    await runSeed({ demo: true });
    actor = await admin();
  });
  afterAll(async () => {
    await removeDepartments(codes);
    await prisma.$disconnect();
  });

  it("creates a department with its short code and three names, audited", async () => {
    const c = code();
    const { id } = await createDepartment(actor, departmentInput(c), { ip: "203.0.113.9" });
    const row = await getDepartment(actor, id);
    expect(row).toMatchObject({ code: c, nameZhHans: `测试司${c}`, nameZhHant: `測試司${c}`, nameEn: `Test Department ${c}`, archivedAt: null, deletable: true });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "department.created", objectId: id } });
    expect(audit.actorId).toBe(actor.id);
    expect(audit.ip).toBe("203.0.113.9");
    expect(audit.after).toMatchObject({ code: c, nameZhHant: `測試司${c}` });
    expect((await listDepartments(actor)).some((d) => d.id === id)).toBe(true);
  });

  it("refuses a malformed or taken code and missing names, naming the field", async () => {
    for (const bad of ["kjs", "K", "1KJS", "KJ-S", "ABCDEFGHIJKLM", ""]) {
      const error = await refusal(createDepartment(actor, departmentInput(bad)));
      expect(error.code).toBe("invalid");
      expect(error.fields?.code).toBe(bad === "" ? "code.required" : "code.format");
    }
    const taken = await refusal(createDepartment(actor, departmentInput("KJS")));
    expect([taken.code, taken.fields]).toEqual(["conflict", { code: "code.taken" }]);
    const noNames = await refusal(createDepartment(actor, { code: code(), nameZhHans: " ", nameZhHant: "", nameEn: "x".repeat(101) }));
    expect(noNames.fields).toEqual({ nameZhHans: "nameZhHans.required", nameZhHant: "nameZhHant.required", nameEn: "nameEn.tooLong" });
  });

  it("renames a department and sets its code, refusing a code another department has; audited before and after", async () => {
    const c = code();
    const { id } = await createDepartment(actor, departmentInput(c));
    const renamed = code("R");
    await updateDepartment(actor, id, { code: renamed, nameZhHans: "新名司", nameZhHant: "新名司", nameEn: "Renamed Department" });
    expect(await getDepartment(actor, id)).toMatchObject({ code: renamed, nameZhHans: "新名司", nameEn: "Renamed Department" });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "department.updated", objectId: id } });
    expect(audit.before).toMatchObject({ code: c, nameZhHans: `测试司${c}` });
    expect(audit.after).toMatchObject({ code: renamed, nameZhHans: "新名司" });

    const clash = await refusal(updateDepartment(actor, id, { ...departmentInput(renamed), code: "CYZCS" }));
    expect([clash.code, clash.fields]).toEqual(["conflict", { code: "code.taken" }]);
    expect((await getDepartment(actor, id))?.code).toBe(renamed);

    // Saving what is there changes nothing and records nothing.
    const audits = await prisma.auditEvent.count({ where: { objectId: id } });
    const same = await updateDepartment(actor, id, { code: renamed, nameZhHans: "新名司", nameZhHant: "新名司", nameEn: "Renamed Department" });
    expect(same.changed).toBe(false);
    expect(await prisma.auditEvent.count({ where: { objectId: id } })).toBe(audits);
  });

  it("keeps the codes already given when the department's code changes; new ones use the new code", async () => {
    const c = code();
    const { id } = await createDepartment(actor, departmentInput(c));
    const plan = await createPlan(actor, { departmentId: id, year: 2030, heading: "2030年工作要點", preamble: "" });
    const first = await addInitiative(actor, plan.id, { title: "一", originalText: "一", dueDate: "2030-12-31", leadDepartmentId: id });
    const renamed = code("N");
    await updateDepartment(actor, id, departmentInput(renamed));
    const second = await addInitiative(actor, plan.id, { title: "二", originalText: "二", dueDate: "2030-12-31", leadDepartmentId: id });
    expect([first.code, second.code]).toEqual([`${c}-2030-1`, `${renamed}-2030-2`]);
  });

  it("deletes a department nothing refers to, empty plans included; audited", async () => {
    const c = code();
    const { id } = await createDepartment(actor, departmentInput(c));
    await createPlan(actor, { departmentId: id, year: 2031, heading: "2031年工作要點", preamble: "" });
    await deleteDepartment(actor, id);
    expect(await prisma.department.findUnique({ where: { id } })).toBeNull();
    expect(await prisma.workPlan.count({ where: { departmentId: id } })).toBe(0);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "department.deleted", objectId: id } });
    expect(audit.before).toMatchObject({ code: c, emptyPlans: [2031] });
  });

  it("refuses to delete a department with users or initiatives; it can be archived (and restored) instead", async () => {
    const withUser = code("U");
    const { id: userDept } = await createDepartment(actor, departmentInput(withUser));
    await createUser(null, { email: `member.${withUser.toLowerCase()}@test.local`, name: "成員", role: "STAFF", departmentCode: withUser });
    const withItem = code("I");
    const { id: itemDept } = await createDepartment(actor, departmentInput(withItem));
    const plan = await createPlan(actor, { departmentId: itemDept, year: 2030, heading: "2030年工作要點" });
    await addInitiative(actor, plan.id, { title: "一", originalText: "一", dueDate: "2030-12-31", leadDepartmentId: itemDept });
    // A department that only co-operates on another's initiative is referred to as well.
    const cooperating = code("C");
    const { id: coopDept } = await createDepartment(actor, departmentInput(cooperating));
    await addInitiative(actor, plan.id, { title: "二", originalText: "二", dueDate: "2030-12-31", leadDepartmentId: itemDept, cooperatingDepartmentIds: [coopDept] });

    for (const id of [userDept, itemDept, coopDept]) {
      expect((await getDepartment(actor, id))?.deletable).toBe(false);
      const refused = await refusal(deleteDepartment(actor, id));
      expect([refused.code, refused.fields]).toEqual(["conflict", { form: "department.inUse" }]);
      expect(await prisma.department.count({ where: { id } })).toBe(1);
    }

    await setDepartmentArchived(actor, userDept, true);
    const archived = await getDepartment(actor, userDept);
    expect(archived?.archivedAt).toBeInstanceOf(Date);
    expect((await listDepartmentOptions(actor)).some((d) => d.id === userDept)).toBe(false);
    expect(await prisma.user.count({ where: { departmentId: userDept } })).toBe(1);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "department.archived", objectId: userDept } });
    expect(audit.before).toMatchObject({ archivedAt: null });
    expect(audit.after).toMatchObject({ archivedAt: archived?.archivedAt?.toISOString() });
    // An archived department takes no new plan.
    const refused = await refusal(createPlan(actor, { departmentId: userDept, year: 2030, heading: "2030年工作要點" }));
    expect(refused.fields).toEqual({ departmentId: "departmentId.archived" });

    await setDepartmentArchived(actor, userDept, false);
    expect((await getDepartment(actor, userDept))?.archivedAt).toBeNull();
    expect((await listDepartmentOptions(actor)).some((d) => d.id === userDept)).toBe(true);
  });

  it("is the admins' alone", async () => {
    const manager = await viewer("director@demo.local");
    const staff = await viewer("tech.staff@demo.local");
    for (const who of [manager, staff]) {
      expect((await refusal(listDepartments(who))).code).toBe("forbidden");
      expect((await refusal(createDepartment(who, departmentInput(code())))).code).toBe("forbidden");
      const kjs = await prisma.department.findUniqueOrThrow({ where: { code: "KJS" } });
      expect((await refusal(updateDepartment(who, kjs.id, departmentInput("KJS")))).code).toBe("forbidden");
      expect((await refusal(setDepartmentArchived(who, kjs.id, true))).code).toBe("forbidden");
      expect((await refusal(deleteDepartment(who, kjs.id))).code).toBe("forbidden");
    }
    expect((await refusal(deleteDepartment(actor, "nonsense"))).code).toBe("not_found");
  });
});
