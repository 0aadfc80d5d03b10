// `npm run db:restore -- <file> [--replace]`: a backup made by db:backup into the database
// (DATABASE_URL, else the embedded one), in one transaction: all of it or nothing. The database must
// be empty (a new one), or --replace drops what it holds first. Stop the app while restoring.
import { restoreDatabase } from "../packages/db/src/backup";
import { redactDatabaseUrl } from "../packages/db/src/database-url";
import { openDatabase, runTool, userPath } from "./lib/db-tool";

await runTool("db:restore", async (say) => {
  const args = process.argv.slice(2).filter((a) => a !== "--");
  const replace = args.includes("--replace");
  const files = args.filter((a) => a !== "--replace");
  if (files.length !== 1 || files.some((a) => a.startsWith("-"))) throw new Error("usage: npm run db:restore -- <file> [--replace]");
  const file = userPath(files[0] ?? "");
  const db = await openDatabase(say);
  try {
    const started = Date.now();
    const { tools } = await restoreDatabase(db.url, file, { replace });
    say(`restored ${file} into ${redactDatabaseUrl(db.url)} (pg_restore ${tools.major}, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } finally {
    await db.stop();
  }
});
