import { planTemplateFor, XLSX_MIME } from "@workplan/core/operations/import-plan-spreadsheet";
import { contentDisposition } from "@workplan/core/rules/content-disposition";
import { withApi } from "@/lib/api";

// The plan template (.xlsx) with today's department codes; for admins alone, to anyone else it
// does not exist.
export const GET = withApi(
  async (_request, { viewer }) => {
    const { fileName, bytes } = await planTemplateFor(viewer);
    return new Response(new Uint8Array(bytes), {
      headers: {
        "Content-Type": XLSX_MIME,
        "Content-Length": String(bytes.length),
        "Content-Disposition": contentDisposition(fileName, "attachment", "plan-template.xlsx"),
        "Cache-Control": "private, no-store",
      },
    });
  },
  { auth: "required", permission: "admin.plans" },
);
