import "server-only";
import { Prisma, type PrismaClientType } from "@workplan/db";
import type { ParsedDepartmentReport, ParsedItem, ParsedPlan, ParsedTarget } from "../rules/parse-work-report";
import { itemKey, themeKey } from "../rules/plan-admin";
import { recordAudit } from "./audit";
import { DomainError } from "./errors";
import { refreshRollups } from "./refresh-rollups";
import { initiativeSearchText } from "../infra/search-text";
import { isoDay } from "../rules/dates";

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
  /** the plans this run created, by year */
  planIds: Record<number, string>;
}

/** An admin's correction of one proposed item, keyed by `itemKey` (`2018-1.2`). */
export interface ItemCorrection {
  title?: string;
  /** null: no target */
  target?: Pick<ParsedTarget, "value" | "unit" | "approximate"> | null;
  dueDate?: Date;
  drop?: boolean;
}

export interface ImportCorrections {
  items?: Readonly<Record<string, ItemCorrection>>;
  /** keyed by `themeKey` (`2018-1`); a dropped theme drops its items */
  themes?: Readonly<Record<string, { title?: string; drop?: boolean }>>;
  /** leave the prior year's record out */
  skipRecord?: boolean;
}

export interface ImportOptions {
  corrections?: ImportCorrections;
  /**
   * How the department is found: "upsert" (the seed: by code, created when missing, never changed),
   * "create" (an admin's new department: a code in use is a conflict), "existing" (must exist).
   */
  department?: "upsert" | "create" | "existing";
  /**
   * The seed leaves a plan that exists as it is (idempotency); an admin's import is refused
   * instead (PlanExistsError), and nothing is written.
   */
  refuseExistingPlans?: boolean;
}

/** The department already has a plan for these years: an admin's import writes nothing. */
export class PlanExistsError extends DomainError {
  constructor(public readonly years: number[]) {
    super("conflict", `the department already has a plan for ${years.join(", ")}`, { year: "plan.exists" });
    this.name = "PlanExistsError";
  }
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
  correction: ItemCorrection | undefined,
): Prisma.InitiativeCreateManyInput {
  const target = correction?.target === undefined ? item.target : correction.target;
  const title = correction?.title ?? item.title;
  return {
    planId: ids.planId,
    themeId: ids.themeId,
    departmentId: ids.departmentId,
    ordinal: item.ordinal,
    code,
    title,
    originalText: item.originalText,
    searchText: initiativeSearchText({ code, title, originalText: item.originalText }),
    sourceParagraph: item.sourceParagraph,
    targetValue: target?.value ?? null,
    targetUnit: target?.unit ?? null,
    targetApproximate: target?.approximate ?? false,
    dueDate: correction?.dueDate ?? defaultDueDate(year),
    // The prior year's record is what was completed: done, at 100 %.
    progress: closed ? 100 : 0,
    health: closed ? "DONE" : null,
  };
}

async function findDepartment(tx: Prisma.TransactionClient, names: DepartmentNames, mode: ImportOptions["department"]) {
  if (mode === "existing") {
    const found = await tx.department.findUnique({ where: { code: names.code }, select: { id: true, code: true } });
    if (!found) throw new DomainError("not_found", "no such department", { departmentId: "departmentId.unknown" });
    return found;
  }
  if (mode === "create") {
    const taken = await tx.department.findUnique({ where: { code: names.code }, select: { id: true } });
    if (taken) throw new DomainError("conflict", "department code in use", { code: "code.taken" });
    return tx.department.create({ data: names, select: { id: true, code: true } });
  }
  return tx.department.upsert({ where: { code: names.code }, create: names, update: {}, select: { id: true, code: true } });
}

/**
 * Write a parsed department report (its prior-year record and its plan) into the database.
 * Idempotent: what exists already (matched by department code, plan year and item codes) is left
 * exactly as it is, so a second run adds nothing and never touches progress users entered.
 * One transaction with its audit event. An admin's import passes corrections (titles, targets,
 * due dates, dropped items) and refuses a plan year the department already has.
 */
export async function importWorkReport(
  db: PrismaClientType,
  report: ParsedDepartmentReport,
  names: DepartmentNames,
  context: { actorId: string | null; ip?: string | null },
  options: ImportOptions = {},
): Promise<ImportResult> {
  try {
    return await db.$transaction(async (tx) => write(tx, report, names, context, options));
  } catch (error) {
    if (!options.refuseExistingPlans || !(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    // Two admins committing at once: a unique key decided. Say which one.
    const department = await db.department.findUnique({ where: { code: names.code }, select: { id: true } });
    if (options.department === "create" && department) throw new DomainError("conflict", "department code in use", { code: "code.taken" });
    const years = plansOf(report, options.corrections ?? {}).map((p) => p.parsed.year);
    const taken = department ? await db.workPlan.findMany({ where: { departmentId: department.id, year: { in: years } }, select: { year: true } }) : [];
    if (taken.length > 0) throw new PlanExistsError(taken.map((p) => p.year).sort());
    throw new CodeClashError();
  }
}

/** A theme or initiative code the import would give is taken (a department once had this code). */
export class CodeClashError extends DomainError {
  constructor() {
    super("conflict", "an initiative or theme code is already in use", { code: "code.clash" });
    this.name = "CodeClashError";
  }
}

function plansOf(report: ParsedDepartmentReport, corrections: ImportCorrections) {
  const plans: { parsed: ParsedPlan; closed: boolean }[] = [];
  if (report.record && !corrections.skipRecord) plans.push({ parsed: report.record, closed: true });
  if (report.plan) plans.push({ parsed: report.plan, closed: false });
  return plans;
}

async function write(
  tx: Prisma.TransactionClient,
  report: ParsedDepartmentReport,
  names: DepartmentNames,
  context: { actorId: string | null; ip?: string | null },
  options: ImportOptions,
): Promise<ImportResult> {
  const corrections = options.corrections ?? {};
  const strict = options.refuseExistingPlans === true;
  const department = await findDepartment(tx, names, options.department ?? "upsert");
  const code = department.code;
  const result: ImportResult = { departmentId: department.id, createdPlans: 0, createdThemes: 0, createdInitiatives: 0, planIds: {} };
  const plans = plansOf(report, corrections);

  if (strict) {
    const taken = await tx.workPlan.findMany({
      where: { departmentId: department.id, year: { in: plans.map((p) => p.parsed.year) } },
      select: { year: true },
      orderBy: { year: "asc" },
    });
    if (taken.length > 0) throw new PlanExistsError(taken.map((p) => p.year));
  }

  const dropped: string[] = [];
  const kept = (key: string) => {
    const drop = corrections.items?.[key]?.drop === true;
    if (drop) dropped.push(key);
    return !drop;
  };

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
    if (!existing) {
      result.createdPlans += 1;
      result.planIds[parsed.year] = plan.id;
    }

    const rows: Prisma.InitiativeCreateManyInput[] = parsed.items
      .filter((item) => kept(itemKey(parsed.year, null, item.ordinal)))
      .map((item) =>
        initiativeRow(
          item,
          { planId: plan.id, themeId: null, departmentId: department.id },
          initiativeCode(code, parsed.year, null, item.ordinal),
          parsed.year,
          closed,
          corrections.items?.[itemKey(parsed.year, null, item.ordinal)],
        ),
      );
    for (const theme of parsed.themes) {
      const themeCorrection = corrections.themes?.[themeKey(parsed.year, theme.ordinal)];
      if (themeCorrection?.drop) {
        dropped.push(themeKey(parsed.year, theme.ordinal));
        continue;
      }
      const themeCode = `${code}-${parsed.year}-${theme.ordinal}`;
      const before = await tx.theme.findUnique({ where: { code: themeCode }, select: { id: true } });
      if (before && strict) throw new CodeClashError();
      const row =
        before ??
        (await tx.theme.create({
          data: {
            planId: plan.id,
            ordinal: theme.ordinal,
            code: themeCode,
            title: themeCorrection?.title ?? theme.title,
            intro: theme.intro,
            sourceParagraph: theme.sourceParagraph,
          },
          select: { id: true },
        }));
      if (!before) result.createdThemes += 1;
      for (const item of theme.items) {
        const key = itemKey(parsed.year, theme.ordinal, item.ordinal);
        if (!kept(key)) continue;
        rows.push(
          initiativeRow(
            item,
            { planId: plan.id, themeId: row.id, departmentId: department.id },
            initiativeCode(code, parsed.year, theme.ordinal, item.ordinal),
            parsed.year,
            closed,
            corrections.items?.[key],
          ),
        );
      }
    }
    const created = await tx.initiative.createMany({ data: rows, skipDuplicates: !strict });
    result.createdInitiatives += created.count;
    if (created.count > 0 || !existing) await refreshRollups(tx, plan.id);
  }

  if (result.createdPlans + result.createdThemes + result.createdInitiatives > 0) {
    await recordAudit(tx, {
      actorId: context.actorId,
      action: "plan.imported",
      objectType: "Department",
      objectId: department.id,
      after: auditAfter(code, result, names, options, dropped),
      ip: context.ip ?? null,
    });
  }
  return result;
}

function auditAfter(
  code: string,
  result: ImportResult,
  names: DepartmentNames,
  options: ImportOptions,
  dropped: string[],
): Prisma.InputJsonObject {
  const { planIds, ...counts } = result;
  const corrections = options.corrections ?? {};
  const corrected: Prisma.InputJsonObject[] = [];
  for (const [key, c] of Object.entries(corrections.items ?? {})) {
    if (c.drop) continue;
    const entry: Record<string, Prisma.InputJsonValue | null> = {};
    if (c.title !== undefined) entry.title = c.title;
    if (c.target !== undefined) entry.target = c.target && { value: c.target.value, unit: c.target.unit, approximate: c.target.approximate };
    if (c.dueDate !== undefined) entry.dueDate = isoDay(c.dueDate);
    if (Object.keys(entry).length > 0) corrected.push({ key, ...entry });
  }
  for (const [key, c] of Object.entries(corrections.themes ?? {})) {
    if (!c.drop && c.title !== undefined) corrected.push({ key, themeTitle: c.title });
  }
  return {
    code,
    ...counts,
    ...(options.refuseExistingPlans ? { planIds: Object.values(planIds) } : {}),
    ...(options.department === "create"
      ? { departmentCreated: { code: names.code, nameZhHans: names.nameZhHans, nameZhHant: names.nameZhHant, nameEn: names.nameEn } }
      : {}),
    ...(corrections.skipRecord ? { skipRecord: true } : {}),
    ...(dropped.length > 0 ? { dropped } : {}),
    ...(corrected.length > 0 ? { corrected } : {}),
  };
}
