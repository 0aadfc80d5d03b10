import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { reportDatabaseError, reportDatabaseReachable, setDatabaseProbe, suspectDatabase } from "./availability";
import { PrismaClient } from "./generated/prisma/client";

// One client per process, created on first use (a build without DATABASE_URL never touches it);
// the global survives hot reload in development. Password hashes are omitted unless asked for.
function createClient() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  const pool = new WatchedPool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  // A new connection made (not an idle one handed out again): the database answers.
  pool.on("connect", () => reportDatabaseReachable());
  // An idle connection the server closed (a restart, an administrator): look at once whether it is back.
  pool.on("error", (error) => suspectDatabase(error));
  setDatabaseProbe(() => probe(pool));
  const adapter = new PrismaPg(pool, {
    disposeExternalPool: true, // $disconnect() ends it, as it did the pool PrismaPg made itself
    // A connection in a transaction the server closed: the same.
    onConnectionError: (error) => suspectDatabase(error),
  });
  // Interactive transactions get more than Prisma's 5 s default: on a busy two-core machine a batch
  // (a department's chases, a spreadsheet import) must not fail half-way for want of time.
  const client = new PrismaClient({
    adapter,
    omit: { user: { passwordHash: true } },
    transactionOptions: { maxWait: 10_000, timeout: 30_000 },
    ...(countingStatements ? { log: [{ emit: "event" as const, level: "query" as const }] } : {}),
  });
  if (countingStatements) (client as unknown as QueryEvents).$on("query", () => statementCounter.count++);
  return client;
}

/**
 * The pool Prisma uses, watched: a connection attempt that fails tells availability.ts (an
 * unreachable database turns requests into 503s until a new connection succeeds: the pool's
 * "connect" event above). pg-pool's query() connects through this.connect(callback), so both forms
 * are covered.
 */
class WatchedPool extends pg.Pool {
  override connect(): Promise<pg.PoolClient>;
  override connect(callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  override connect(
    callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void,
  ): Promise<pg.PoolClient> | void {
    if (callback) {
      super.connect((err, client, done) => {
        if (err) reportDatabaseError(err);
        callback(err, client, done);
      });
      return;
    }
    return super.connect().catch((err: unknown) => {
      reportDatabaseError(err);
      throw err;
    });
  }
}

/** One connection and a trivial query, bounded in time: is the database back? */
async function probe(pool: pg.Pool): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      pool.query("SELECT 1"),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error("Connection timeout: no answer within 3 s"), { code: "ETIMEDOUT" })), 3_000);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

// With WORKPLAN_SQL_COUNT=1 (the HTTP benchmark and the tests that assert "statements per request do
// not grow with the data") every SQL statement this process sends is counted. Off by default: no
// query events, no cost.
const countingStatements = process.env.WORKPLAN_SQL_COUNT === "1";
type QueryEvents = { $on(event: "query", listener: () => void): void };
const statementCounter = ((globalThis as unknown as { workplanSqlCounter?: { count: number } }).workplanSqlCounter ??= {
  count: 0,
});

/** SQL statements sent by this process so far, or null when counting is off (WORKPLAN_SQL_COUNT unset). */
export function sqlStatementCount(): number | null {
  return countingStatements ? statementCounter.count : null;
}

type Client = ReturnType<typeof createClient>;
const globalForPrisma = globalThis as unknown as { workplanPrisma?: Client };

export function getPrisma(): Client {
  globalForPrisma.workplanPrisma ??= createClient();
  return globalForPrisma.workplanPrisma;
}

export const prisma: Client = new Proxy({} as Client, {
  get(_target, property) {
    const client = getPrisma();
    const value: unknown = Reflect.get(client, property);
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(client) : value;
  },
});

export async function disconnectPrisma() {
  if (globalForPrisma.workplanPrisma) {
    await globalForPrisma.workplanPrisma.$disconnect();
    globalForPrisma.workplanPrisma = undefined;
  }
}

export type { Client as PrismaClientType };
