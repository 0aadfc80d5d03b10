import "server-only";
import { prisma, Prisma } from "@workplan/db";
import { columnLetter, PLAN_COLUMN_KEYS, PLAN_HEADERS, validatePlanRows, type SheetRow, type ValidPlan } from "../../rules/plan-spreadsheet";
import { can, type Viewer } from "../../rules/policy";
import { recordAudit } from "../audit";
import { DomainError } from "../errors";
import { initiativeCode } from "../import-work-report";
import { refreshRollups } from "../refresh-rollups";
import { initiativeSearchText } from "../../infra/search-text";
import { type ImportSpreadsheetResult, type ImportedPlan, type SpreadsheetFile, fileError } from "./model";
import { readPlanWorkbook } from "./read";

// ---------------------------------------------------------------------------------------------
// Importing

/** The plan's rows as text, kept as the plan's source document (what it was read from). */
function sourceDocument(fileName: string, plan: ValidPlan, rows: Map<number, SheetRow>): string {
  const lines = [`${fileName}`, PLAN_HEADERS.join("\t")];
  for (const item of plan.initiatives) {
    const row = rows.get(item.row);
    if (row) lines.push(PLAN_COLUMN_KEYS.map((key) => (row.cells[key] ?? "").replace(/[\t\r\n]+/gu, " ")).join("\t"));
  }
  return lines.join("\n");
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Import a whole plan (or several: one per department and year) from an uploaded .xlsx. Every row
 * and cell is checked first; when anything is wrong, every error is returned with its row and column
 * and nothing is written. Otherwise plans, themes, initiatives (coded like KJS-2031-1.2),
 * co-operations and roll-ups are written in one transaction with one audit event. Admins only; to
 * anyone else it does not exist.
 */
export async function importPlanSpreadsheet(
  viewer: Viewer,
  file: SpreadsheetFile,
  context: { ip?: string | null } = {},
): Promise<ImportSpreadsheetResult> {
  // Asked first, from the viewer alone: a non-admin's upload is never even opened.
  if (!can(viewer, "admin.plans")) throw new DomainError("not_found", "not found");
  const fileName = (file.name.split(/[\\/]/u).pop() ?? "").replace(/[\u0000-\u001f\u007f]/gu, "").slice(0, 200) || "plan.xlsx";

  const read = await readPlanWorkbook(file.bytes);
  if (!read.ok) return read;

  const [departments, existingPlans] = await Promise.all([
    prisma.department.findMany({
      where: { archivedAt: null },
      select: { id: true, code: true, nameZhHans: true, nameZhHant: true, nameEn: true },
    }),
    prisma.workPlan.findMany({ select: { year: true, department: { select: { code: true } } } }),
  ]);
  const validation = validatePlanRows(read.rows, {
    departmentCodes: departments.map((d) => d.code),
    existingPlans: existingPlans.map((p) => ({ departmentCode: p.department.code, year: p.year })),
  });
  if (!validation.ok) {
    const { columns } = read;
    return {
      ok: false,
      errors: validation.errors.map((e) => (e.row !== null && e.column !== null ? { ...e, cell: `${columnLetter(columns[e.column])}${e.row}` } : e)),
    };
  }

  const departmentIds = new Map(departments.map((d) => [d.code.toUpperCase(), d]));
  const rowsByNumber = new Map(read.rows.map((r) => [r.row, r]));
  const department = (code: string) => {
    const found = departmentIds.get(code);
    if (!found) throw new Error(`validated department ${code} is missing`);
    return found;
  };

  try {
    return await prisma.$transaction(
      async (tx) => {
        const imported: ImportedPlan[] = [];
        let cooperationCount = 0;
        for (const plan of validation.plans) {
          const lead = department(plan.departmentCode);
          const created = await tx.workPlan.create({
            data: {
              departmentId: lead.id,
              year: plan.year,
              status: "ACTIVE",
              heading: `${plan.year}年工作計劃`,
              preamble: "",
              sourceDocument: sourceDocument(fileName, plan, rowsByNumber),
            },
            select: { id: true },
          });
          const themes = await tx.theme.createManyAndReturn({
            data: plan.themes.map((theme) => ({
              planId: created.id,
              ordinal: theme.ordinal,
              code: `${lead.code}-${plan.year}-${theme.ordinal}`,
              title: theme.title,
              intro: "",
              sourceParagraph: theme.title,
            })),
            select: { id: true, ordinal: true },
          });
          const themeIds = new Map(themes.map((t) => [t.ordinal, t.id]));

          const initiativeIds = new Map<string, string>();
          for (const batch of chunks(plan.initiatives, 500)) {
            const rows = await tx.initiative.createManyAndReturn({
              data: batch.map(
                (item): Prisma.InitiativeCreateManyInput => ({
                  planId: created.id,
                  themeId: item.themeOrdinal === null ? null : (themeIds.get(item.themeOrdinal) ?? null),
                  departmentId: lead.id,
                  ordinal: item.ordinal,
                  code: initiativeCode(lead.code, plan.year, item.themeOrdinal, item.ordinal),
                  title: item.title,
                  originalText: item.originalText,
                  searchText: initiativeSearchText({
                    code: initiativeCode(lead.code, plan.year, item.themeOrdinal, item.ordinal),
                    title: item.title,
                    originalText: item.originalText,
                  }),
                  sourceParagraph: item.originalText,
                  targetValue: item.target ? new Prisma.Decimal(item.target.value) : null,
                  targetUnit: item.target?.unit ?? null,
                  targetApproximate: item.target?.approximate ?? false,
                  dueDate: new Date(`${item.dueDate}T00:00:00Z`),
                }),
              ),
              select: { id: true, code: true },
            });
            for (const r of rows) initiativeIds.set(r.code, r.id);
          }

          const cooperations: Prisma.InitiativeCooperationCreateManyInput[] = [];
          for (const item of plan.initiatives) {
            const initiativeId = initiativeIds.get(initiativeCode(lead.code, plan.year, item.themeOrdinal, item.ordinal));
            if (!initiativeId) throw new Error("an imported initiative is missing");
            for (const code of item.cooperatingCodes) cooperations.push({ initiativeId, departmentId: department(code).id });
          }
          for (const batch of chunks(cooperations, 1000)) await tx.initiativeCooperation.createMany({ data: batch });
          cooperationCount += cooperations.length;

          await refreshRollups(tx, created.id);
          imported.push({
            id: created.id,
            departmentCode: lead.code,
            department: { code: lead.code, nameZhHans: lead.nameZhHans, nameZhHant: lead.nameZhHant, nameEn: lead.nameEn },
            year: plan.year,
            themes: themes.length,
            initiatives: plan.initiatives.length,
          });
        }

        const counts = {
          plans: imported.length,
          themes: imported.reduce((n, p) => n + p.themes, 0),
          initiatives: imported.reduce((n, p) => n + p.initiatives, 0),
          cooperations: cooperationCount,
        };
        await recordAudit(tx, {
          actorId: viewer.id,
          action: "plan.imported_spreadsheet",
          objectType: "WorkPlan",
          objectId: imported.length === 1 ? imported[0]?.id : undefined,
          after: { fileName, ...counts, plans: imported.map((p) => ({ id: p.id, code: p.departmentCode, year: p.year, initiatives: p.initiatives })) },
          ip: context.ip ?? null,
        });
        return { ok: true as const, plans: imported, counts };
      },
      { timeout: 60_000, maxWait: 10_000 },
    );
  } catch (error) {
    // Someone made one of these plans between the check and the write: nothing was written.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return fileError("import.conflict");
    throw error;
  }
}
