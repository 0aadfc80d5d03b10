import { json, withApi } from "@/lib/api";

// GET /api/health: liveness for a load balancer or an orchestrator — the process answers. It reads
// nothing: a database outage is /api/health/ready's business, not a reason to restart the app.

export const dynamic = "force-dynamic";

export const GET = withApi(async () => json({ status: "ok" }), { auth: "none" });
