import "server-only";
import { prisma } from "@workplan/db";
import { annualDraftDocx } from "../documents/annual-docx";
import { annualDraftText } from "../rules/annual-draft";
import type { Viewer } from "../rules/policy";
import { getAnnualDraft } from "./annual-draft";
import { recordAudit } from "./audit";
import { CONTENT_TYPES, type ExportedFile } from "./export-monthly-report";

// The year-end report draft as a file (Word, or plain text the plan import reads back), audited
// like every document taken out of the system (report.exported).

export const ANNUAL_DRAFT_FORMATS = ["docx", "txt"] as const;
export type AnnualDraftFormat = (typeof ANNUAL_DRAFT_FORMATS)[number];

export async function exportAnnualDraft(viewer: Viewer, queryInput: unknown, options: { format: AnnualDraftFormat; ip?: string | null }): Promise<ExportedFile> {
  const { draft, year, department } = await getAnnualDraft(viewer, queryInput);
  const body = options.format === "docx" ? await annualDraftDocx(draft) : `\uFEFF${annualDraftText(draft)}`;
  await recordAudit(prisma, {
    actorId: viewer.id,
    action: "report.exported",
    objectType: "Department",
    objectId: department.id,
    after: { report: "annual", year, department: department.code, format: options.format },
    ip: options.ip ?? null,
  });
  return { fileName: `${draft.title}（初稿）.${options.format}`, contentType: CONTENT_TYPES[options.format], body };
}
