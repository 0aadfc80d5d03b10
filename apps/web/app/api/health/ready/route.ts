import { checkReadiness } from "@workplan/core/infra/readiness";
import { json, withApi } from "@/lib/api";

// GET /api/health/ready: readiness — PostgreSQL answers and has the newest migration this code
// expects (core/infra/readiness.ts). 503 with Retry-After otherwise, so that a load balancer sends
// no traffic here until it is.

export const dynamic = "force-dynamic";

export const GET = withApi(async () => {
  const readiness = await checkReadiness();
  if (readiness.ready) return json({ status: "ready", migration: readiness.migration });
  const response = json({ status: "unavailable", reason: readiness.reason }, 503);
  response.headers.set("Retry-After", "5");
  return response;
}, { auth: "none" });
