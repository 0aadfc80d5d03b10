import "server-only";
import type { Prisma, PrismaClientType } from "@workplan/db";
import type { ParsedDepartmentReport, ParsedItem, ParsedPlan } from "../rules/parse-work-report";
import { recordAudit } from "./audit";
import { refreshRollups } from "./refresh-rollups";

export interface DepartmentNames {
  code: string;
  nameZhHant: string;
  nameZhHans: string;
  nameEn: string;
}

export interface ImportResult {
  departmentId: string;
  createdPlans: number;
  createdThemes: number;
  createdInitiatives: number;
}

/** End of the plan's year, the default due date of its initiatives. */
export function defaultDueDate(year: number): Date {
  return new Date(Date.UTC(year, 11, 31));
}

export function initiativeCode(departmentCode: string, year: number, themeOrdinal: number | null, ordinal: number) {
  return themeOrdinal === null
    ? `${departmentCode}-${year}-${ordinal}`
    : `${departmentCode}-${year}-${themeOrdinal}.${ordinal}`;
}

function initiativeRow(
  item: ParsedItem,
  ids: { planId: string; themeId: string | null; departmentId: string },
  code: string,
  year: number,
  closed: boolean,
): Prisma.InitiativeCreateManyInput {
  return {
    planId: ids.planId,
    themeId: ids.themeId,
    departmentId: ids.departmentId,
    ordinal: item.ordinal,
    code,
    title: item.title,
    originalText: item.originalText,
    sourceParagraph: item.sourceParagraph,
    targetValue: item.target?.value ?? null,
    targetUnit: item.target?.unit ?? null,
    targetApproximate: item.target?.approximate ?? false,
    dueDate: defaultDueDate(year),
    // The prior year's record is what was completed: done, at 100 %.
    progress: closed ? 100 : 0,
    health: closed ? "DONE" : null,
  };
}

/**
 * Write a parsed department report (its prior-year record and its plan) into the database.
 * Idempotent: what exists already (matched by department code, plan year and item codes) is left
 * exactly as it is, so a second run adds nothing and never touches progress users entered.
 * One transaction with its audit event.
 */
export async function importWorkReport(
  db: PrismaClientType,
  report: ParsedDepartmentReport,
  names: DepartmentNames,
  context: { actorId: string | null; ip?: string | null },
): Promise<ImportResult> {
  return db.$transaction(async (tx) => {
    const department = await tx.department.upsert({
      where: { code: names.code },
      create: names,
      update: {},
    });
    const result: ImportResult = { departmentId: department.id, createdPlans: 0, createdThemes: 0, createdInitiatives: 0 };

    const plans: { parsed: ParsedPlan; closed: boolean }[] = [];
    if (report.record) plans.push({ parsed: report.record, closed: true });
    if (report.plan) plans.push({ parsed: report.plan, closed: false });

    for (const { parsed, closed } of plans) {
      const existing = await tx.workPlan.findUnique({
        where: { departmentId_year: { departmentId: department.id, year: parsed.year } },
        select: { id: true },
      });
      const plan =
        existing ??
        (await tx.workPlan.create({
          data: {
            departmentId: department.id,
            year: parsed.year,
            status: closed ? "CLOSED" : "ACTIVE",
            heading: parsed.heading,
            preamble: parsed.preamble,
            sourceDocument: report.sourceDocument,
          },
          select: { id: true },
        }));
      if (!existing) result.createdPlans += 1;

      const rows: Prisma.InitiativeCreateManyInput[] = parsed.items.map((item) =>
        initiativeRow(
          item,
          { planId: plan.id, themeId: null, departmentId: department.id },
          initiativeCode(names.code, parsed.year, null, item.ordinal),
          parsed.year,
          closed,
        ),
      );
      for (const theme of parsed.themes) {
        const code = `${names.code}-${parsed.year}-${theme.ordinal}`;
        const before = await tx.theme.findUnique({ where: { code }, select: { id: true } });
        const row =
          before ??
          (await tx.theme.create({
            data: {
              planId: plan.id,
              ordinal: theme.ordinal,
              code,
              title: theme.title,
              intro: theme.intro,
              sourceParagraph: theme.sourceParagraph,
            },
            select: { id: true },
          }));
        if (!before) result.createdThemes += 1;
        for (const item of theme.items) {
          rows.push(
            initiativeRow(
              item,
              { planId: plan.id, themeId: row.id, departmentId: department.id },
              initiativeCode(names.code, parsed.year, theme.ordinal, item.ordinal),
              parsed.year,
              closed,
            ),
          );
        }
      }
      const created = await tx.initiative.createMany({ data: rows, skipDuplicates: true });
      result.createdInitiatives += created.count;
      if (created.count > 0 || !existing) await refreshRollups(tx, plan.id);
    }

    if (result.createdPlans + result.createdThemes + result.createdInitiatives > 0) {
      await recordAudit(tx, {
        actorId: context.actorId,
        action: "plan.imported",
        objectType: "Department",
        objectId: department.id,
        after: { code: names.code, ...result },
        ip: context.ip ?? null,
      });
    }
    return result;
  });
}
