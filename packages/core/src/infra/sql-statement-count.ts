import "server-only";
import { sqlStatementCount } from "@workplan/db";

/**
 * SQL statements this server process has sent so far, or null when counting is off. Counting is on
 * only with WORKPLAN_SQL_COUNT=1, which `npm run bench:http` sets to measure statements per request.
 */
export function sqlStatementsSoFar(): number | null {
  return sqlStatementCount();
}
