import { ANNUAL_DRAFT_FORMATS, exportAnnualDraft, type AnnualDraftFormat } from "@workplan/core/operations/export-annual-draft";
import { DomainError } from "@workplan/core/operations/errors";
import { withApi, methodNotAllowed } from "@/lib/api";
import { fileResponse } from "@/lib/file-response";

// GET /api/v1/reports/annual?year=2018&department=CYZCS&format=docx|txt
// The department's year-end report draft (年度工作總結) in the structure of its own year-end report:
// Word to edit, or plain text that the plan import reads back (the next year's plan). A department
// outside the caller's scope, or a year without a plan, is 404. Each download is audited.

export const dynamic = "force-dynamic";

const FORMAT_MESSAGES = { "format.invalid": "The format is docx or txt." };

export const GET = withApi(
  async (request, { viewer, ip }) => {
    const search = request.nextUrl.searchParams;
    const format = search.get("format") ?? "docx";
    if (!(ANNUAL_DRAFT_FORMATS as readonly string[]).includes(format)) {
      throw new DomainError("invalid", "the draft's query has problems", { format: "format.invalid" }, FORMAT_MESSAGES);
    }
    const file = await exportAnnualDraft(viewer, { year: search.get("year") ?? undefined, department: search.get("department") ?? undefined }, { format: format as AnnualDraftFormat, ip });
    return fileResponse(file);
  },
  { auth: "required", permission: "report.export" },
);

// Any other method: 405 with the JSON error and Allow; OPTIONS: 204 with Allow.
const other = methodNotAllowed("GET");
export const POST = other.refuse;
export const PUT = other.refuse;
export const PATCH = other.refuse;
export const DELETE = other.refuse;
export const OPTIONS = other.options;
