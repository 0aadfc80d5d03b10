import { sqlStatementsSoFar } from "@workplan/core/infra/sql-statement-count";

// For `npm run bench:http`: the SQL statements this server process has sent so far, so the bench can
// divide the difference over a few requests of a page. Exists only when the server runs with
// WORKPLAN_SQL_COUNT=1 (never in production); otherwise it answers like any unknown API path.
export const dynamic = "force-dynamic";

export function GET(): Response {
  const count = sqlStatementsSoFar();
  if (count === null) {
    return Response.json({ error: { code: "not_found", message: "Not found." } }, { status: 404, headers: { "Cache-Control": "no-store" } });
  }
  return Response.json({ count }, { headers: { "Cache-Control": "no-store" } });
}
