// `npm run db:new-migration -- <name> [--allow-empty]`: writes
// prisma/migrations/<UTC YYYYMMDDHHMMSS>_<name>/migration.sql with the SQL that turns the schema of
// the latest migration (prisma/migrations/schema.snapshot.prisma) into prisma/schema.prisma, then
// updates the snapshot. Review the SQL, add hand-written SQL (CHECK constraints, data moves) to it,
// and commit the folder with the schema change. The engine needs a reachable PostgreSQL at
// DATABASE_URL but does not change that database.
import "./load-env";
import { createMigration, errorMessage, repoPath, SCHEMA_PATH, SNAPSHOT_PATH } from "../migrations";

const USAGE = "usage: npm run db:new-migration -- <name> [--allow-empty]";

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const allowEmpty = args.includes("--allow-empty");
  const names = args.filter((a) => !a.startsWith("--"));
  const unknown = args.filter((a) => a.startsWith("--") && a !== "--allow-empty");
  if (names.length !== 1 || unknown.length > 0 || !names[0]) {
    console.error(USAGE);
    return 2;
  }
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("new-migration: DATABASE_URL is not set (the schema engine needs a PostgreSQL server; it is not modified)");
    return 1;
  }
  const created = await createMigration({ databaseUrl: url, name: names[0], allowEmpty });
  if (!created) {
    console.log(
      `new-migration: ${repoPath(SCHEMA_PATH)} has no database changes since the last migration; nothing written ` +
        `(${repoPath(SNAPSHOT_PATH)} refreshed). Use --allow-empty for a hand-written migration.`,
    );
    return 0;
  }
  console.log(`new-migration: wrote ${repoPath(created.file)}; updated ${repoPath(SNAPSHOT_PATH)}`);
  console.log("Review the SQL (add hand-written SQL if needed), then run `npm run db:migrate`.");
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`new-migration: ${errorMessage(e)}`);
    process.exit(1);
  },
);
