import "server-only";
import type { PrismaClientType } from "@workplan/db";
import { normalizeForSearch } from "../rules/chinese";

// Search matches Chinese whichever script the query is typed in: both the stored text and the query
// are brought to Simplified characters, lower-cased (`normalizeForSearch`), and a trigram index
// answers `LIKE '%…%'` on the result without scanning.

export function initiativeSearchText(parts: { title: string; originalText: string; code?: string }): string {
  return normalizeForSearch([parts.code ?? "", parts.title, parts.originalText].join("\n"));
}

export function updateSearchText(parts: { workDone: string; problems?: string | null; nextSteps?: string | null }): string {
  return normalizeForSearch([parts.workDone, parts.problems ?? "", parts.nextSteps ?? ""].join("\n"));
}

/**
 * Fill the search text of rows written without it (an import or an edit made before it existed,
 * or by a path that leaves it to this). Batched; run by the seed on every start.
 */
export async function backfillSearchText(db: PrismaClientType, batch = 500): Promise<number> {
  let done = 0;
  for (;;) {
    const rows = await db.initiative.findMany({
      where: { searchText: "" },
      select: { id: true, code: true, title: true, originalText: true },
      take: batch,
    });
    if (rows.length === 0) break;
    for (const row of rows) {
      await db.initiative.update({ where: { id: row.id }, data: { searchText: initiativeSearchText(row) || " " } });
    }
    done += rows.length;
  }
  for (;;) {
    const rows = await db.progressUpdate.findMany({
      where: { searchText: "" },
      select: { id: true, workDone: true, problems: true, nextSteps: true },
      take: batch,
    });
    if (rows.length === 0) break;
    for (const row of rows) {
      await db.progressUpdate.update({ where: { id: row.id }, data: { searchText: updateSearchText(row) || " " } });
    }
    done += rows.length;
  }
  return done;
}
