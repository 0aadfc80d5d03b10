import "server-only";
import { prisma } from "@workplan/db";
import { z } from "zod";
import { buildAnnualDraft, type AnnualDraft, type DraftInitiative } from "../rules/annual-draft";
import { can, type Viewer } from "../rules/policy";
import { DomainError } from "./errors";
import { queryInteger } from "./list-query";
import { safeParseText } from "../rules/text-input";

// The year-end report draft (年度工作總結) of a department and a year, from what the system holds:
// the year's plan (themes and initiatives, their close-out and measured values, the last two approved
// reports of each) and the next year's plan — or, while there is none, this year's unfinished
// initiatives as its first draft. Four statements, whatever the number of reports.

export const ANNUAL_DRAFT_MESSAGES: Readonly<Record<string, string>> = {
  "year.invalid": "Give the plan's year, e.g. 2018.",
  "department.required": "Give the department's code, e.g. CYZCS.",
  "department.invalid": "Give a department code such as KJS.",
};

export const annualDraftQuerySchema = z.object({
  year: queryInteger("year.invalid", 2000, 2100).describe("The plan's year, e.g. 2018"),
  department: z.string({ error: "department.required" }).regex(/^[A-Z][A-Z0-9]{1,9}$/, "department.invalid").describe("The department's code, e.g. CYZCS"),
});

export interface AnnualDraftResult {
  draft: AnnualDraft;
  year: number;
  department: { id: string; code: string; nameZhHans: string; nameZhHant: string; nameEn: string };
}

const initiativeSelect = {
  code: true,
  title: true,
  originalText: true,
  progress: true,
  targetValue: true,
  targetUnit: true,
  targetApproximate: true,
  measuredValue: true,
  outcome: true,
  closingNote: true,
  carriedTo: { select: { code: true } },
  theme: { select: { ordinal: true } },
  id: true,
} as const;

export async function getAnnualDraft(viewer: Viewer, queryInput: unknown): Promise<AnnualDraftResult> {
  if (!can(viewer, "report.export")) throw new DomainError("not_found", "no reports for this viewer");
  const parsed = safeParseText(annualDraftQuerySchema, queryInput ?? {});
  if (!parsed.success) {
    const fields = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? "form"), i.message]));
    throw new DomainError("invalid", "the draft's query has problems", fields, ANNUAL_DRAFT_MESSAGES);
  }
  const { year, department: code } = parsed.data;
  const department = await prisma.department.findUnique({ where: { code }, select: { id: true, code: true, nameZhHans: true, nameZhHant: true, nameEn: true } });
  if (!department || !can(viewer, "report.export", { departmentId: department.id })) throw new DomainError("not_found", "no such department");

  const [plan, next] = await Promise.all(
    [year, year + 1].map((y) =>
      prisma.workPlan.findUnique({
        where: { departmentId_year: { departmentId: department.id, year: y } },
        select: {
          id: true,
          preamble: true,
          themes: { where: { archivedAt: null }, orderBy: { ordinal: "asc" }, select: { ordinal: true, title: true, intro: true } },
          initiatives: { where: { archivedAt: null }, orderBy: [{ ordinal: "asc" }], select: initiativeSelect },
        },
      }),
    ),
  );
  if (!plan) throw new DomainError("not_found", "no plan of that year");

  // The last two approved reports of the lead department, per initiative of the plan.
  const reports = await prisma.$queryRaw<{ initiative_id: string; work_done: string }[]>`
    SELECT initiative_id, work_done FROM (
      SELECT u.initiative_id, u.work_done, u.period, u.created_at,
             row_number() OVER (PARTITION BY u.initiative_id ORDER BY u.period DESC, u.created_at DESC) AS n
        FROM progress_updates u JOIN initiatives i ON i.id = u.initiative_id
       WHERE i.plan_id = ${plan.id} AND u.department_id = i.department_id AND u.status = 'APPROVED'
    ) r WHERE n <= 2 ORDER BY initiative_id, period, created_at`;
  const byInitiative = new Map<string, string[]>();
  for (const r of reports) byInitiative.set(r.initiative_id, [...(byInitiative.get(r.initiative_id) ?? []), r.work_done]);

  const toDraft = (i: (typeof plan.initiatives)[number]): DraftInitiative => ({
    code: i.code,
    title: i.title,
    originalText: i.originalText,
    progress: i.progress,
    targetValue: i.targetValue === null ? null : Number(i.targetValue),
    targetUnit: i.targetUnit,
    targetApproximate: i.targetApproximate,
    measuredValue: i.measuredValue === null ? null : Number(i.measuredValue),
    outcome: i.outcome,
    closingNote: i.closingNote,
    carriedInto: i.carriedTo?.code ?? null,
    lastReports: byInitiative.get(i.id) ?? [],
  });

  const unfinished = plan.initiatives.filter((i) => i.outcome !== "ACHIEVED" && i.outcome !== "DROPPED" && i.progress < 100);
  const draft = buildAnnualDraft({
    year,
    departmentName: department.nameZhHant,
    themes: plan.themes.map((t) => ({ title: t.title, intro: t.intro, initiatives: plan.initiatives.filter((i) => i.theme?.ordinal === t.ordinal).map(toDraft) })),
    initiatives: plan.initiatives.filter((i) => i.theme === null).map(toDraft),
    next: next
      ? {
          year: year + 1,
          preamble: next.preamble,
          themes: next.themes.map((t) => ({ title: t.title, intro: t.intro, items: next.initiatives.filter((i) => i.theme?.ordinal === t.ordinal) })),
          items: next.initiatives.filter((i) => i.theme === null),
          proposed: false,
        }
      : { year: year + 1, preamble: "", themes: [], items: unfinished, proposed: true },
  });
  return { draft, year, department };
}
