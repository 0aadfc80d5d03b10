import "server-only";
import { getPrisma, prisma } from "@workplan/db";
import { checkDatabaseOnce } from "@workplan/db/availability";
import { MIGRATION_HEAD } from "@workplan/db/migration-head";

// Is this server ready for traffic? PostgreSQL answers (within `timeoutMs`) and holds the newest
// migration this code expects (a server deployed ahead of its migrations is not ready).

export type Readiness =
  | { ready: true; migration: string }
  | { ready: false; reason: "database unreachable" | "migrations pending" | "shutting down" };

const DRAINING = Symbol.for("workplan.draining");

/**
 * This server is about to stop (scripts/serve.mjs got SIGTERM): from now on it says it is not
 * ready, so a load balancer sends it nothing new, while it still answers whatever comes meanwhile.
 */
export function markDraining(): void {
  (globalThis as Record<symbol, unknown>)[DRAINING] = true;
}

export async function checkReadiness(timeoutMs = 2_000): Promise<Readiness> {
  if ((globalThis as Record<symbol, unknown>)[DRAINING]) return { ready: false, reason: "shutting down" };
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const rows = await Promise.race([
      prisma.$queryRaw<{ applied: boolean }[]>`
        SELECT EXISTS (SELECT 1 FROM _prisma_migrations
                        WHERE migration_name = ${MIGRATION_HEAD} AND finished_at IS NOT NULL AND rolled_back_at IS NULL) AS applied`,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return rows[0]?.applied ? { ready: true, migration: MIGRATION_HEAD } : { ready: false, reason: "migrations pending" };
  } catch (error) {
    console.warn(`[health] not ready: ${error instanceof Error ? error.message : String(error)}`);
    return { ready: false, reason: "database unreachable" };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * At server start: connect once, so that a database already down is known before the first
 * request (which then gets a 503 rather than an error page). Never throws; bounded by the probe's
 * own timeout.
 */
export async function checkDatabaseAtStart(): Promise<void> {
  getPrisma(); // makes the pool, which registers its probe
  await checkDatabaseOnce();
}
