// Traditional ⇄ Simplified conversion for display and search. The original wording is never replaced
// by these derived renderings. Pure: no I/O (the dictionaries are bundled in opencc-js).
import { Converter } from "opencc-js";

type Convert = (text: string) => string;

let traditionalToSimplified: Convert | null = null;
let simplifiedToTraditional: Convert | null = null;

/**
 * Traditional → Simplified (mainland). Reads the text as Taiwan-style Traditional ("tw") rather than
 * OpenCC-standard ("t"): with "t", 著力 stays 著力; with "tw" it becomes the mainland 着力.
 */
export function toSimplified(text: string): string {
  traditionalToSimplified ??= Converter({ from: "tw", to: "cn" });
  return traditionalToSimplified(text);
}

/** Simplified (mainland) → Traditional (Taiwan variants, no phrase substitution). */
export function toTraditional(text: string): string {
  simplifiedToTraditional ??= Converter({ from: "cn", to: "tw" });
  return simplifiedToTraditional(text);
}

/** Key for matching search terms typed in either script: Simplified, lower-cased. */
export function normalizeForSearch(text: string): string {
  return toSimplified(text).toLowerCase();
}
