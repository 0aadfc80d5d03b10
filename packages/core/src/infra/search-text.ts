import "server-only";
import { Prisma, type PrismaClientType } from "@workplan/db";
import { normalizeForSearch } from "../rules/chinese";

// Search matches Chinese whichever script the query is typed in: both the stored text and the query
// are brought to Simplified characters, lower-cased (`normalizeForSearch`), and a trigram index
// answers `LIKE '%…%'` on the result without scanning.
//
// A trigram index only helps a pattern of three characters or more, and most Chinese words have two
// (质量, 制造). So the GIN trigram indexes (initiatives_search_pairs, progress_updates_search_pairs,
// migration lists_and_search) are on search_text with every character doubled — 质量管理 →
// 质质量量管管理理 — and a search for 质量 asks for LIKE '%质质量量%' on that same expression: three
// trigrams, answered by the index. A doubled pattern occurs in a doubled text exactly when the
// pattern occurs in the text, so the results are those of LIKE '%质量%'.

export function initiativeSearchText(parts: { title: string; originalText: string; code?: string }): string {
  return normalizeForSearch([parts.code ?? "", parts.title, parts.originalText].join("\n"));
}

export function updateSearchText(parts: { workDone: string; problems?: string | null; nextSteps?: string | null }): string {
  return normalizeForSearch([parts.workDone, parts.problems ?? "", parts.nextSteps ?? ""].join("\n"));
}

/** Every character twice: what the search indexes hold (as PostgreSQL's regexp_replace(s, '(.)', '\1\1', 'g')). */
export function doubleCharacters(text: string): string {
  let out = "";
  for (const ch of text) out += ch + ch;
  return out;
}

/** Letters and digits a search needs before the index can answer it (one alone has no trigram). */
export const SEARCH_MIN_LETTERS = 2;

/**
 * Whether the trigram index can answer a search for `q`: at least two letters or digits. A single
 * character (质) or punctuation only (--) would make PostgreSQL read the whole index.
 */
export function isIndexableSearch(q: string): boolean {
  return (normalizeForSearch(q).match(/[\p{L}\p{N}]/gu)?.length ?? 0) >= SEARCH_MIN_LETTERS;
}

/** `'%' || doubled query || '%'`, LIKE's wildcards and escape character taken literally. */
export function searchPattern(q: string): string {
  return `%${doubleCharacters(normalizeForSearch(q.trim())).replace(/[\\%_]/g, "\\$&")}%`;
}

const TABLE_ALIAS = /^[a-z_][a-z0-9_]*$/;

/**
 * `<alias>.search_text` contains `q` (in either script), as a condition the search index answers.
 * The expression must stay the one the indexes are built on (migration lists_and_search).
 */
export function searchTextMatches(alias: string, q: string): Prisma.Sql {
  if (!TABLE_ALIAS.test(alias)) throw new Error(`not a table alias: ${alias}`);
  return Prisma.sql`regexp_replace(${Prisma.raw(`${alias}."search_text"`)}, '(.)', '\\1\\1', 'g') LIKE ${searchPattern(q)}`;
}

/**
 * Fill the search text of rows written without it (an import or an edit made before it existed,
 * or by a path that leaves it to this): one UPDATE … FROM (VALUES …) per batch. Run by the seed on
 * every start. Rows whose text is empty get " ", so that they are not picked up again.
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
    const values = rows.map((row) => Prisma.sql`(${row.id}, ${initiativeSearchText(row) || " "})`);
    await db.$executeRaw`UPDATE initiatives AS i SET search_text = v.text
                           FROM (VALUES ${Prisma.join(values)}) AS v(id, text) WHERE i.id = v.id`;
    done += rows.length;
  }
  for (;;) {
    const rows = await db.progressUpdate.findMany({
      where: { searchText: "" },
      select: { id: true, workDone: true, problems: true, nextSteps: true },
      take: batch,
    });
    if (rows.length === 0) break;
    const values = rows.map((row) => Prisma.sql`(${row.id}, ${updateSearchText(row) || " "})`);
    await db.$executeRaw`UPDATE progress_updates AS u SET search_text = v.text
                           FROM (VALUES ${Prisma.join(values)}) AS v(id, text) WHERE u.id = v.id`;
    done += rows.length;
  }
  return done;
}
