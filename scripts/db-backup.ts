// `npm run db:backup [file]`: the whole database (DATABASE_URL, else the embedded one) into one file
// in pg_dump's custom format. Default file: workplan-<UTC date and time>.dump in the current folder.
import { existsSync } from "node:fs";
import { backupDatabase } from "../packages/db/src/backup";
import { redactDatabaseUrl } from "../packages/db/src/database-url";
import { openDatabase, runTool, userPath } from "./lib/db-tool";

await runTool("db:backup", async (say) => {
  const args = process.argv.slice(2).filter((a) => a !== "--");
  if (args.length > 1 || args.some((a) => a.startsWith("-"))) throw new Error("usage: npm run db:backup [file]");
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  const file = userPath(args[0] ?? `workplan-${stamp}.dump`);
  if (existsSync(file)) throw new Error(`${file} already exists: choose another name (a backup is never overwritten).`);
  const db = await openDatabase(say);
  try {
    const started = Date.now();
    const { bytes, tools } = await backupDatabase(db.url, file);
    say(`backed up ${redactDatabaseUrl(db.url)} to ${file} (${(bytes / 1024).toFixed(0)} KiB, pg_dump ${tools.major}, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    say(`restore it with: npm run db:restore -- ${file}`);
  } finally {
    await db.stop();
  }
});
