import { withApi } from "@/lib/api";
import { listExportHandler } from "@/lib/list-export-response";

// GET /updates/export?format=xlsx|csv&<the list's filters>: everything /updates shows with these
// filters, all pages, streamed (lib/list-export-response.ts). Audited (report.exported).

export const dynamic = "force-dynamic";

export const GET = withApi(listExportHandler("updates"), { auth: "required", permission: "plan.read" });
