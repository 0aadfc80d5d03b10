// The committed migrations, the snapshot and prisma/schema.prisma agree (`migrate diff --exit-code`),
// migrations are idempotent, and the hand-written SQL is in force.
import { readFile } from "node:fs/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applyMigrations,
  diffMigration,
  normalizeSchema,
  readMigrationsList,
  SCHEMA_PATH,
  SNAPSHOT_PATH,
} from "./migrations";
import { createTestDatabase, type TestDatabase } from "./test-database";
import { MIGRATION_HEAD } from "./migration-head";

let url: string;
let own: TestDatabase | undefined;

beforeAll(async () => {
  // A database created by scripts/with-test-db.mjs, else our own: never a developer's DATABASE_URL.
  const fromWrapper = process.env.TEST_DATABASE_URL_CREATED === "1" ? process.env.DATABASE_URL : undefined;
  if (fromWrapper) {
    url = fromWrapper;
  } else {
    own = await createTestDatabase();
    url = own.url;
  }
});

afterAll(async () => {
  await own?.drop();
});

describe("migrations", () => {
  it("the snapshot of the last migration's schema is prisma/schema.prisma (else: npm run db:new-migration -- <name>)", async () => {
    const [schema, snapshot] = await Promise.all([readFile(SCHEMA_PATH, "utf8"), readFile(SNAPSHOT_PATH, "utf8")]);
    expect(
      normalizeSchema(snapshot),
      "prisma/schema.prisma changed without a migration: run `npm run db:new-migration -- <name>`",
    ).toBe(normalizeSchema(schema));
  });

  it("applied to an empty database, the migrations produce exactly prisma/schema.prisma", async () => {
    const schema = await readFile(SCHEMA_PATH, "utf8");
    // from: the migrations replayed on a fresh shadow database; to: the schema's datamodel.
    const diff = await diffMigration({
      databaseUrl: url,
      from: { kind: "migrations" },
      to: { kind: "schema", content: schema },
    });
    expect(diff.script, "the migrations and prisma/schema.prisma differ by this SQL").toBe(
      "-- This is an empty migration.\n",
    );
    expect(diff.empty).toBe(true);
  });

  it("is idempotent and records every migration in _prisma_migrations", async () => {
    await applyMigrations(url); // no-op when the wrapper already migrated the database
    expect(await applyMigrations(url)).toEqual([]);

    const { migrationDirectories } = await readMigrationsList();
    const rows = await query<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }>(
      "SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name",
    );
    expect(rows.map((r) => r.migration_name)).toEqual(migrationDirectories.map((d) => d.path));
    for (const row of rows) {
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
    }
  });

  it("names the newest migration as the readiness check's head", async () => {
    const { migrationDirectories } = await readMigrationsList();
    expect(MIGRATION_HEAD).toBe(migrationDirectories.at(-1)?.path);
  });

  it("refuses a STAFF user without a department (CHECK users_staff_needs_department)", async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query("BEGIN");
      const insert = (id: string, role: string) =>
        client.query(
          `INSERT INTO users (id, email, name, role, updated_at) VALUES ($1, $1 || '@example.test', $1, $2::"Role", now())`,
          [id, role],
        );
      await client.query("SAVEPOINT staff");
      await expect(insert("check-staff", "STAFF")).rejects.toMatchObject({
        code: "23514",
        constraint: "users_staff_needs_department",
      });
      await client.query("ROLLBACK TO SAVEPOINT staff");
      // a MANAGER without a department is ministry-wide: allowed
      await expect(insert("check-manager", "MANAGER")).resolves.toMatchObject({ rowCount: 1 });
    } finally {
      await client.query("ROLLBACK").catch(() => {});
      await client.end();
    }
  });
});

async function query<R extends pg.QueryResultRow>(sql: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql)).rows;
  } finally {
    await client.end();
  }
}
