import { toSimplified, toTraditional } from "../../rules/chinese";

/** The query as typed and in both scripts, so 製造 and 制造 find the same items (name searches in ILIKE). */
export function searchTerms(q: string): string[] {
  return [...new Set([q, toTraditional(q), toSimplified(q)])];
}
