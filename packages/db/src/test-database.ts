// A fresh, migrated, uniquely named database for one test run.
//
// On TEST_DATABASE_URL's server when set (its database is only used to connect), otherwise on an
// embedded PostgreSQL with its data in <repo>/.data/test-pg, port 54339. Only local servers:
// a non-local host is refused, so a test run can never create or drop databases elsewhere.
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import pg from "pg";
import { describeServer, isLocalHost, parseDatabaseUrl, redactDatabaseUrl, withDatabase } from "./database-url";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded";
import { applyMigrations, errorMessage, REPO_ROOT } from "./migrations";

export const TEST_PG_DATA_DIR = join(REPO_ROOT, ".data/test-pg");
export const TEST_PG_PORT = 54339;
const TEST_PG_USER = "workplan";
const TEST_PG_PASSWORD = "workplan";
const TEST_DB_PREFIX = "workplan_test_";

export interface TestDatabase {
  url: string;
  drop: () => Promise<void>;
}

export async function createTestDatabase(opts: { log?: (s: string) => void } = {}): Promise<TestDatabase> {
  const log = opts.log ?? (() => {});
  const external = process.env.TEST_DATABASE_URL;
  let serverUrl: string;
  let embedded: EmbeddedPostgres | undefined;

  if (external) {
    const { host } = parseDatabaseUrl(external);
    if (!isLocalHost(host)) {
      throw new Error(
        `refusing to create test databases on ${describeServer(external)}: TEST_DATABASE_URL must point at localhost, 127.0.0.1 or ::1`,
      );
    }
    serverUrl = external;
  } else {
    embedded = await startEmbeddedPostgres({
      dataDir: TEST_PG_DATA_DIR,
      port: TEST_PG_PORT,
      user: TEST_PG_USER,
      password: TEST_PG_PASSWORD,
      database: "postgres",
      log: (s) => {
        if (!s.startsWith("[postgres]")) log(s); // not the server's own output
      },
      reuseRunning: true, // e.g. a test creating its own database under scripts/with-test-db.mjs
      postgresFlags: ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
    }).catch((e: unknown) => {
      throw new Error(`${errorMessage(e)} (or set TEST_DATABASE_URL to use another local PostgreSQL)`, { cause: e });
    });
    serverUrl = embedded.url;
    // Nobody else uses a server we just started: databases of interrupted runs can go.
    if (embedded.startedHere) await dropLeftoverTestDatabases(serverUrl, log);
  }

  const name = `${TEST_DB_PREFIX}${Date.now()}_${randomBytes(4).toString("hex")}`;
  const url = withDatabase(serverUrl, name);
  const stopEmbedded = async () => {
    if (embedded?.startedHere) await embedded.stop();
  };

  try {
    await admin(serverUrl, (c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`));
  } catch (e) {
    await stopEmbedded();
    throw new Error(`cannot create a test database on ${redactDatabaseUrl(serverUrl)}: ${errorMessage(e)}`, { cause: e });
  }
  log(`created test database ${name} on ${describeServer(serverUrl)}`);

  let dropping: Promise<void> | undefined;
  const drop = () => {
    dropping ??= (async () => {
      try {
        await admin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`));
        log(`dropped test database ${name}`);
      } finally {
        await stopEmbedded();
      }
    })();
    return dropping;
  };

  try {
    const applied = await applyMigrations(url);
    log(`applied ${applied.length} migration(s) to ${name}`);
  } catch (e) {
    await drop().catch(() => {});
    throw e;
  }
  return { url, drop };
}

async function admin<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ ...parseDatabaseUrl(serverUrl), connectionTimeoutMillis: 10_000 });
  client.on("error", () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

async function dropLeftoverTestDatabases(serverUrl: string, log: (s: string) => void): Promise<void> {
  await admin(serverUrl, async (c) => {
    const { rows } = await c.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE starts_with(datname, $1) OR starts_with(datname, 'workplan_shadow_')",
      [TEST_DB_PREFIX],
    );
    for (const { datname } of rows) {
      await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(datname)} WITH (FORCE)`);
      log(`dropped leftover database ${datname}`);
    }
  });
}
