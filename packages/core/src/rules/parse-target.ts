// Reads the first quantified target out of a plan item's wording, e.g. 「建設3家左右國家制造業創新中心」.
// Pure: no I/O.

export interface ParsedTarget {
  value: number;
  unit: string;
  approximate: boolean;
  /** the exact words it came from, e.g. "3家左右" */
  text: string;
}

/** Counting units that may follow a number (longest first so 個百分點 wins over 個). */
const BASE_UNITS = [
  "個百分點",
  "个百分点",
  "百分點",
  "百分点",
  "平方米",
  "人次",
  "家次",
  "個月",
  "个月",
  "瓦時",
  "瓦时",
  "千瓦",
  "公里",
  "%",
  "%",
  "家",
  "個",
  "个",
  "項",
  "项",
  "批",
  "所",
  "人",
  "元",
  "件",
  "台",
  "臺",
  "套",
  "條",
  "条",
  "座",
  "名",
  "次",
  "期",
  "場",
  "场",
  "噸",
  "吨",
  "畝",
  "亩",
  "戶",
  "户",
  "種",
  "种",
  "類",
  "类",
  "款",
  "篇",
  "份",
  "倍",
  "天",
] as const;

/** Magnitudes that may stand between the number and the unit: 億元, 萬人次. */
const MAGNITUDES = ["萬", "万", "億", "亿", "千", "百"] as const;

/** "More than" words between the number and the unit: 1600多家, 1200余人. */
const MORE_THAN_INFIXES = ["多", "余", "餘"] as const;

/** Words before the number that make it approximate (longest first). */
const APPROXIMATE_PREFIXES = ["大約", "大约", "將近", "将近", "接近", "超過", "超过", "約", "约", "近"] as const;

/** Words after the unit that make it approximate. */
const APPROXIMATE_SUFFIXES = ["左右", "上下", "以上"] as const;

const NUMBER_RE = /[0-9０-９]+(?:,[0-9]{3}(?![0-9]))*(?:[.．][0-9０-９]+)?/gu;

/** A character that glues a number to a code or a range rather than a count: 5G, NB-IoT, 2030-, 2018-2020. */
const CODE_NEIGHBOUR_RE = /[A-Za-zＡ-Ｚａ-ｚ\-‐‑–—_/.．~～]/u;

const TITLE_OPEN = new Set(["《", "〈"]);
const TITLE_CLOSE = new Set(["》", "〉"]);

function firstOf<T extends string>(candidates: readonly T[], test: (candidate: T) => boolean): T | null {
  for (const candidate of candidates) if (test(candidate)) return candidate;
  return null;
}

function toAsciiDigits(text: string): string {
  return text.replace(/[０-９．]/gu, (ch) => (ch === "．" ? "." : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)));
}

/** Positions of text that lie inside 《…》 / 〈…〉 titles. */
function titleDepths(text: string): number[] {
  const depths: number[] = [];
  let depth = 0;
  for (const ch of text) {
    if (TITLE_CLOSE.has(ch)) depth = Math.max(0, depth - 1);
    // One entry per UTF-16 code unit so indexes line up with RegExp match indexes.
    for (let i = 0; i < ch.length; i += 1) depths.push(depth);
    if (TITLE_OPEN.has(ch)) depth += 1;
  }
  return depths;
}

/**
 * The first quantity in `text`: an Arabic number followed by a counting unit (家, 個, 項, 億元, % …).
 * Approximate when 左右 (or 上下/以上) follows, 多/余 stands before the unit, or 約/近/大約/超過 precedes.
 * Ignores numbers inside 《》 titles, years (2018年, 2018-2020年), ordinals (第3批) and codes (5G,
 * 2030-重大項目, NB-IoT). Returns null when there is none.
 */
export function parseTarget(text: string): ParsedTarget | null {
  const depths = titleDepths(text);
  for (const match of text.matchAll(NUMBER_RE)) {
    const start = match.index;
    const digits = match[0];
    const end = start + digits.length;
    if ((depths[start] ?? 0) > 0) continue;

    const before = text.slice(0, start);
    const previous = before.slice(-1);
    const next = text.charAt(end);
    if (previous !== "" && (CODE_NEIGHBOUR_RE.test(previous) || previous === "第")) continue;
    if (next !== "" && CODE_NEIGHBOUR_RE.test(next)) continue;
    if (next === "年") continue;

    let cursor = end;
    let approximate = false;
    const infix = firstOf(MORE_THAN_INFIXES, (w) => text.startsWith(w, cursor));
    if (infix !== null) {
      approximate = true;
      cursor += infix.length;
    }
    const magnitude = firstOf(MAGNITUDES, (m) => text.startsWith(m, cursor));
    const magnitudeLength = magnitude?.length ?? 0;
    const base = firstOf(BASE_UNITS, (u) => text.startsWith(u, cursor + magnitudeLength));
    const unit = base === null ? null : `${magnitude ?? ""}${base}`;
    if (unit === null) continue;
    cursor += unit.length;

    const suffix = firstOf(APPROXIMATE_SUFFIXES, (w) => text.startsWith(w, cursor));
    if (suffix !== null) {
      approximate = true;
      cursor += suffix.length;
    }
    const prefix = firstOf(APPROXIMATE_PREFIXES, (w) => before.endsWith(w));
    if (prefix !== null) approximate = true;

    const value = Number(toAsciiDigits(digits).replace(/,/gu, ""));
    if (!Number.isFinite(value)) continue;
    return {
      value,
      unit,
      approximate,
      text: text.slice(start - (prefix?.length ?? 0), cursor),
    };
  }
  return null;
}
