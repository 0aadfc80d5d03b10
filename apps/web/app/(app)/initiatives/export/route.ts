import { withApi } from "@/lib/api";
import { listExportHandler } from "@/lib/list-export-response";

// GET /initiatives/export?format=xlsx|csv&<the list's filters>: everything /initiatives shows with these
// filters, all pages, streamed (lib/list-export-response.ts). Audited (report.exported).

export const dynamic = "force-dynamic";

export const GET = withApi(listExportHandler("initiatives"), { auth: "required", permission: "initiative.read" });
