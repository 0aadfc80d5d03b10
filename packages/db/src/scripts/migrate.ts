// `npm run db:migrate`: applies the committed migrations (prisma/migrations) to DATABASE_URL,
// like `prisma migrate deploy`, through the WebAssembly schema engine (no engine download).
import "./load-env";
import { readFile } from "node:fs/promises";
import { redactDatabaseUrl } from "../database-url";
import { applyMigrations, errorMessage, normalizeSchema, repoPath, SCHEMA_PATH, SNAPSHOT_PATH } from "../migrations";

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("migrate: DATABASE_URL is not set");
    return 1;
  }
  const started = Date.now();
  const applied = await applyMigrations(url, { log: (s) => console.log(`  ${s}`) });
  const took = `${Date.now() - started} ms`;
  if (applied.length === 0) {
    console.log(`migrate: ${redactDatabaseUrl(url)} is up to date, no migration applied (${took})`);
  } else {
    console.log(`migrate: applied ${applied.length} migration(s) to ${redactDatabaseUrl(url)} (${took}):`);
    for (const name of applied) console.log(`  ${name}`);
  }
  await warnIfSchemaHasNoMigration();
  return 0;
}

async function warnIfSchemaHasNoMigration(): Promise<void> {
  const [schema, snapshot] = await Promise.all(
    [SCHEMA_PATH, SNAPSHOT_PATH].map((p) => readFile(p, "utf8").catch(() => "")),
  );
  if (normalizeSchema(schema ?? "") !== normalizeSchema(snapshot ?? "")) {
    console.warn(
      `migrate: warning: ${repoPath(SCHEMA_PATH)} has changes without a migration; ` +
        "run `npm run db:new-migration -- <name>` to write one",
    );
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`migrate: ${errorMessage(e)}`);
    process.exit(1);
  },
);
