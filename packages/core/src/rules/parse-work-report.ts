// Turns the ministry's year-end work report (one paragraph a line) into plan data.
// Pure: no I/O. Wording is kept verbatim (only surrounding whitespace is trimmed); ASCII and fullwidth
// punctuation are both accepted for the structural marks ( ) , ; : .
import { parseTarget, type ParsedTarget } from "./parse-target";

export type { ParsedTarget } from "./parse-target";

export interface ParsedItem {
  ordinal: number;
  title: string;
  originalText: string;
  sourceParagraph: string;
  target: ParsedTarget | null;
}

export interface ParsedTheme {
  ordinal: number;
  title: string;
  intro: string;
  sourceParagraph: string;
  items: ParsedItem[];
}

export interface ParsedPlan {
  year: number;
  heading: string;
  preamble: string;
  themes: ParsedTheme[];
  /** items standing directly under the plan (no theme) */
  items: ParsedItem[];
}

export interface ParsedDepartmentReport {
  /** as written in the text, e.g. "產業政策司" */
  departmentName: string;
  /** the department's heading line when it has one (科技司's), else null */
  heading: string | null;
  /** the department's intro paragraph (before the 2017 heading) */
  intro: string;
  /** all of the department's lines joined with "\n", exactly as in the file */
  sourceDocument: string;
  /** the prior year's record: each numbered section (一)… is one item directly under it (themes: []) */
  record: ParsedPlan | null;
  /** the coming year's plan */
  plan: ParsedPlan | null;
  /** trailing paragraphs after the plan (科技司's closing 「在新的一年里…」), as written */
  closing: string;
}

/** What is wrong with a text, for a message in the reader's language (the English message stays for logs). */
export type WorkReportProblem =
  | "empty"
  | "emptyDepartment"
  | "unknownDepartment"
  | "noYearHeading"
  | "tooManyYears"
  | "sameYear"
  | "noPlanItems"
  | "noPlan";

export class WorkReportParseError extends Error {
  /** 1-based line number in the parsed text, when the problem is tied to a line. */
  readonly line: number | null;
  readonly problem: WorkReportProblem;
  /** Values the message names: the department, the heading, the year. */
  readonly params: Readonly<Record<string, string>>;

  constructor(
    message: string,
    line: number | null = null,
    problem: WorkReportProblem = "noPlan",
    params: Record<string, string> = {},
  ) {
    super(line === null ? message : `Line ${line}: ${message}`);
    this.name = "WorkReportParseError";
    this.line = line;
    this.problem = problem;
    this.params = params;
  }
}

interface Line {
  /** 1-based line number in the input */
  no: number;
  /** the line exactly as in the input (without its line break) */
  raw: string;
  /** the line without surrounding whitespace */
  text: string;
}

const MINISTRY_PREFIXES = ["工業和信息化部", "工业和信息化部", "工業和資訊化部", "工信部"] as const;
/** 「科技司:…」: Han characters ending in 司, then a colon (ASCII or fullwidth). */
const DEPARTMENT_HEADING_RE = /^(\p{Script=Han}{1,30}?司)\s*[::]/u;
/** 「(一)…」 with ASCII or fullwidth parentheses. */
const SECTION_MARKER_RE = /^[((]\s*([一二三四五六七八九十]+)\s*[))]\s*/u;
/** 「2018年工作思路」, optionally numbered 「二、2018年工作思路」; no sentence punctuation. */
const YEAR_HEADING_RE = /^(?:[一二三四五六七八九十]+[、.．]\s*)?(\d{4})\s*年[^。;;,,]*$/u;
const YEAR_HEADING_MAX_LENGTH = 40;
const PLAN_HEADING_WORDS = /思路|計劃|计划|目標|目标|安排|打算|要點|要点/u;
const RECORD_HEADING_WORDS = /情況|情况|成效|總結|总结|完成|回顧|回顾|進展|进展/u;
/** Characters after which 「一是」「二是」… start a clause. */
const CLAUSE_BOUNDARY = new Set(["。", ";", ";", ",", ",", ":", ":", "!", "!", "?", "?", "\n"]);
const CLAUSE_END_RE = /[,,;;。]/u;
const COMMA_RE = /[,,]/u;
const SEMICOLON_RE = /[;;]/u;

const NUMERAL_DIGITS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"] as const;

function digitNumeral(n: number): string {
  return NUMERAL_DIGITS[n] ?? "";
}

/** 1 → 一, 10 → 十, 12 → 十二, 25 → 二十五 (1–99). */
function toChineseNumeral(n: number): string {
  if (n < 10) return digitNumeral(n);
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? "" : digitNumeral(tens)}十${digitNumeral(n % 10)}`;
}

/** 一 → 1, 十 → 10, 十二 → 12, 二十五 → 25; null when not a numeral below 100. */
function fromChineseNumeral(text: string): number | null {
  for (let n = 1; n < 100; n += 1) if (toChineseNumeral(n) === text) return n;
  return null;
}

function splitLines(text: string): Line[] {
  return text
    .replace(/^\uFEFF/u, "")
    .split(/\r\n|\r|\n/u)
    .map((raw, index) => ({ no: index + 1, raw, text: raw.trim() }));
}

function isBlank(line: Line): boolean {
  return line.text === "";
}

/** Drops blank lines at both ends. */
function trimBlankLines(lines: readonly Line[]): Line[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]?.text === "") start += 1;
  while (end > start && lines[end - 1]?.text === "") end -= 1;
  return lines.slice(start, end);
}

function trimTrailingBlankLines(lines: readonly Line[]): Line[] {
  let end = lines.length;
  while (end > 0 && lines[end - 1]?.text === "") end -= 1;
  return lines.slice(0, end);
}

function joinTexts(lines: readonly Line[]): string {
  return lines.map((line) => line.text).join("\n");
}

function stripMinistryPrefix(name: string): string {
  let result = name;
  for (const prefix of MINISTRY_PREFIXES) {
    const at = result.lastIndexOf(prefix);
    if (at >= 0) result = result.slice(at + prefix.length);
  }
  return result;
}

function departmentHeadingName(line: Line): string | null {
  const match = DEPARTMENT_HEADING_RE.exec(line.text);
  const name = match?.[1];
  if (name === undefined) return null;
  const stripped = stripMinistryPrefix(name);
  return stripped.length > 1 ? stripped : null;
}

/** The department named in running text: 「2017年,工信部產業政策司根據…」 → 產業政策司. */
function departmentNameInText(text: string): string | null {
  const candidates: string[] = [];
  for (const run of text.match(/\p{Script=Han}+/gu) ?? []) {
    const end = run.indexOf("司");
    if (end < 0) continue;
    const upTo = run.slice(0, end + 1);
    const stripped = stripMinistryPrefix(upTo);
    if (stripped.length < 2) continue;
    // A ministry prefix makes it certain; 公司 (company) is not a department.
    if (stripped !== upTo) return stripped;
    if (!stripped.endsWith("公司")) candidates.push(stripped);
  }
  return candidates[0] ?? null;
}

interface YearHeading {
  index: number;
  year: number;
  line: Line;
}

function yearHeading(line: Line, index: number): YearHeading | null {
  if (line.text.length > YEAR_HEADING_MAX_LENGTH || !line.text.includes("工作")) return null;
  const year = YEAR_HEADING_RE.exec(line.text)?.[1];
  return year === undefined ? null : { index, year: Number(year), line };
}

interface SectionMarker {
  ordinal: number;
  /** length of the marker 「(一)」 including following spaces */
  length: number;
}

function sectionMarker(text: string): SectionMarker | null {
  const match = SECTION_MARKER_RE.exec(text);
  const numeral = match?.[1];
  if (match === null || numeral === undefined) return null;
  const ordinal = fromChineseNumeral(numeral);
  return ordinal === null ? null : { ordinal, length: match[0].length };
}

/** Up to (not including) the first 。, or the whole text. */
function firstSentence(text: string): string {
  const end = text.indexOf("。");
  return (end < 0 ? text : text.slice(0, end)).trim();
}

/** Up to the first , ; or 。, or the whole text. */
function firstClause(text: string): string {
  const end = text.search(CLAUSE_END_RE);
  return (end < 0 ? text : text.slice(0, end)).trim();
}

function stripTrailingPunctuation(text: string): string {
  return text.replace(/[,,;;::。\s]+$/u, "");
}

/** The whole line(s) of `text` ("\n"-joined paragraphs) that contain [start, end). */
function paragraphAround(text: string, start: number, end: number): string {
  const from = start === 0 ? 0 : text.lastIndexOf("\n", start - 1) + 1;
  const next = text.indexOf("\n", Math.max(start, end - 1));
  return text.slice(from, next < 0 ? text.length : next);
}

interface ItemMarker {
  ordinal: number;
  /** index of the numeral */
  start: number;
  /** index just after 「是」 */
  contentStart: number;
}

function isClauseStart(text: string, index: number): boolean {
  let at = index - 1;
  while (at >= 0 && /[ \t\u3000]/u.test(text.charAt(at))) at -= 1;
  return at < 0 || CLAUSE_BOUNDARY.has(text.charAt(at));
}

/** 「一是」「二是」… in increasing order, each at the start of a clause, from `from` on. */
function findItemMarkers(text: string, from: number): ItemMarker[] {
  const markers: ItemMarker[] = [];
  let position = from;
  for (let ordinal = 1; ordinal < 100; ordinal += 1) {
    const word = `${toChineseNumeral(ordinal)}是`;
    let index = text.indexOf(word, position);
    while (index >= 0 && !isClauseStart(text, index)) index = text.indexOf(word, index + 1);
    if (index < 0) break;
    markers.push({ ordinal, start: index, contentStart: index + word.length });
    position = index + word.length;
  }
  return markers;
}

/** Items between consecutive markers; the last one runs to `end`. The markers themselves are left out. */
function itemsFromMarkers(text: string, markers: readonly ItemMarker[], end: number): ParsedItem[] {
  return markers.map((marker, i) => {
    const itemEnd = markers[i + 1]?.start ?? end;
    const raw = text.slice(marker.contentStart, itemEnd);
    const originalText = raw.trim();
    return {
      ordinal: marker.ordinal,
      title: firstClause(originalText),
      originalText,
      sourceParagraph: paragraphAround(text, marker.start, itemEnd),
      target: parseTarget(originalText),
    };
  });
}

interface Block {
  heading: Line | null;
  lines: Line[];
}

/** Groups lines that start with 「(一)」 with the unmarked lines that follow them. */
function groupSections(lines: readonly Line[]): { before: Line[]; sections: { marker: SectionMarker; lines: Line[] }[] } {
  const before: Line[] = [];
  const sections: { marker: SectionMarker; lines: Line[] }[] = [];
  for (const line of lines) {
    const marker = sectionMarker(line.text);
    const current = sections[sections.length - 1];
    if (marker !== null) sections.push({ marker, lines: [line] });
    else if (current === undefined) before.push(line);
    else current.lines.push(line);
  }
  return { before, sections };
}

function parseRecord(heading: YearHeading, body: readonly Line[]): ParsedPlan {
  const { before, sections } = groupSections(body);
  return {
    year: heading.year,
    heading: heading.line.text,
    preamble: joinTexts(before),
    themes: [],
    items: sections.map(({ marker, lines }) => {
      const text = joinTexts(lines);
      return {
        ordinal: marker.ordinal,
        title: firstSentence(text.slice(marker.length)),
        originalText: text,
        sourceParagraph: text,
        target: null,
      };
    }),
  };
}

function parseTheme(marker: SectionMarker, lines: readonly Line[]): ParsedTheme {
  const text = joinTexts(lines);
  const sentenceEnd = text.indexOf("。", marker.length);
  const markers = findItemMarkers(text, sentenceEnd < 0 ? marker.length : sentenceEnd + 1);
  const firstItem = markers[0];
  let title: string;
  let introStart: number;
  if (sentenceEnd >= 0 && (firstItem === undefined || sentenceEnd < firstItem.start)) {
    title = text.slice(marker.length, sentenceEnd).trim();
    introStart = sentenceEnd + 1;
  } else {
    // No sentence before the first 「一是」: the title is everything up to it.
    const titleEnd = firstItem?.start ?? text.length;
    title = stripTrailingPunctuation(text.slice(marker.length, titleEnd).trim());
    introStart = titleEnd;
  }
  return {
    ordinal: marker.ordinal,
    title,
    intro: text.slice(introStart, firstItem?.start ?? text.length).trim(),
    sourceParagraph: text,
    items: itemsFromMarkers(text, markers, text.length),
  };
}

interface PlanAndClosing {
  plan: ParsedPlan;
  closing: string;
}

function noPlanItems(heading: YearHeading): WorkReportParseError {
  return new WorkReportParseError(
    `no recognisable plan under 「${heading.line.text}」: expected numbered themes 「(一)…」, ` +
      "items 「一是…二是…」 or goals separated by 「;」",
    heading.line.no,
    "noPlanItems",
    { heading: heading.line.text },
  );
}

/** Themes 「(一)…」 each with items 「一是…二是…」; lines after the last theme are the closing. */
function parseThemedPlan(heading: YearHeading, body: readonly Line[]): PlanAndClosing {
  const { before, sections } = groupSections(body);
  const last = sections[sections.length - 1];
  const trailing: Line[] = [];
  if (last !== undefined) trailing.push(...last.lines.splice(1));
  return {
    plan: {
      year: heading.year,
      heading: heading.line.text,
      preamble: joinTexts(before),
      themes: sections.map(({ marker, lines }) => parseTheme(marker, lines)),
      items: [],
    },
    closing: joinTexts(trailing),
  };
}

interface Span {
  start: number;
  end: number;
}

/** Sentences of `text`: each ends after 。 or at a line break. */
function sentences(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charAt(i);
    if (ch === "。" || ch === "\n") {
      const end = ch === "。" ? i + 1 : i;
      if (text.slice(start, end).trim() !== "") spans.push({ start, end });
      start = i + 1;
    }
  }
  if (text.slice(start).trim() !== "") spans.push({ start, end: text.length });
  return spans;
}

/** Splits [start, end) of `text` at ; (ASCII or fullwidth) into trimmed, non-empty clauses. */
function semicolonClauses(text: string, span: Span): Span[] {
  const clauses: Span[] = [];
  let start = span.start;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed !== "") clauses.push({ start: start + lead, end: start + lead + trimmed.length });
  };
  for (let i = span.start; i < span.end; i += 1) {
    if (SEMICOLON_RE.test(text.charAt(i))) {
      push(i);
      start = i + 1;
    }
  }
  push(span.end);
  return clauses;
}

/**
 * A plan written as paragraph(s) without numbered themes. Either items 「一是…二是…」 (the text before
 * 「一是」 is the preamble, lines after the last item's paragraph the closing), or a sentence of goals
 * separated by ; (產業政策司: 「圍繞…,…;圍繞…,…。」): what precedes that sentence is the preamble,
 * what follows it (「為實現…提供有力支撐。」) is the closing.
 */
function parseParagraphPlan(heading: YearHeading, body: readonly Line[]): PlanAndClosing {
  const text = joinTexts(body);
  const base = { year: heading.year, heading: heading.line.text, themes: [] };

  const markers = findItemMarkers(text, 0);
  const first = markers[0];
  const last = markers[markers.length - 1];
  if (first !== undefined && last !== undefined) {
    const lineEnd = text.indexOf("\n", last.contentStart);
    const end = lineEnd < 0 ? text.length : lineEnd;
    return {
      plan: { ...base, preamble: text.slice(0, first.start).trim(), items: itemsFromMarkers(text, markers, end) },
      closing: text.slice(end).trim(),
    };
  }

  for (const sentence of sentences(text)) {
    const bodyEnd = text.charAt(sentence.end - 1) === "。" ? sentence.end - 1 : sentence.end;
    const clauses = semicolonClauses(text, { start: sentence.start, end: bodyEnd });
    if (clauses.length < 2) continue;
    const items = clauses.map((clause, i): ParsedItem => {
      const originalText = text.slice(clause.start, clause.end);
      const comma = originalText.search(COMMA_RE);
      return {
        ordinal: i + 1,
        title: comma < 0 ? originalText : originalText.slice(comma + 1).trim(),
        originalText,
        sourceParagraph: paragraphAround(text, clause.start, clause.end),
        target: parseTarget(originalText),
      };
    });
    return {
      plan: { ...base, preamble: text.slice(0, sentence.start).trim(), items },
      closing: text.slice(sentence.end).trim(),
    };
  }
  throw noPlanItems(heading);
}

function parsePlan(heading: YearHeading, body: readonly Line[]): PlanAndClosing {
  const result = body.some((line) => sectionMarker(line.text) !== null)
    ? parseThemedPlan(heading, body)
    : parseParagraphPlan(heading, body);
  const plan = result.plan;
  if (plan.items.length === 0 && plan.themes.every((theme) => theme.items.length === 0)) throw noPlanItems(heading);
  return result;
}

function isPlanHeading(heading: YearHeading): boolean {
  return PLAN_HEADING_WORDS.test(heading.line.text) || !RECORD_HEADING_WORDS.test(heading.line.text);
}

function parseDepartment(block: Block): ParsedDepartmentReport {
  const all = block.heading === null ? block.lines : [block.heading, ...block.lines];
  const firstLine = all[0];
  if (firstLine === undefined) throw new WorkReportParseError("empty department block", null, "emptyDepartment");
  const content = block.lines.filter((line) => !isBlank(line));

  const headings: YearHeading[] = [];
  content.forEach((line, index) => {
    const found = yearHeading(line, index);
    if (found !== null) headings.push(found);
  });
  const firstHeading = headings[0];
  const introLines = content.slice(0, firstHeading?.index ?? content.length);

  const departmentName =
    block.heading === null
      ? departmentNameInText(content[0]?.text ?? "") ?? departmentNameInText(joinTexts(introLines))
      : departmentHeadingName(block.heading);
  if (departmentName === null) {
    throw new WorkReportParseError(
      "cannot tell which department this is: expected a heading such as 「科技司:…」 " +
        "or a first line naming it, such as 「2017年,工信部產業政策司…」",
      firstLine.no,
      "unknownDepartment",
    );
  }
  if (firstHeading === undefined) {
    throw new WorkReportParseError(
      `no recognisable plan for ${departmentName}: found no year heading such as 「2018年工作思路」`,
      firstLine.no,
      "noYearHeading",
      { department: departmentName },
    );
  }
  const third = headings[2];
  if (third !== undefined) {
    throw new WorkReportParseError(
      `${departmentName} has more than two year headings (expected the prior year's record and the plan)`,
      third.line.no,
      "tooManyYears",
      { department: departmentName },
    );
  }

  let recordHeading: YearHeading | null = null;
  let planHeading: YearHeading | null = null;
  const second = headings[1];
  if (second === undefined) {
    if (isPlanHeading(firstHeading)) planHeading = firstHeading;
    else recordHeading = firstHeading;
  } else {
    if (second.year === firstHeading.year) {
      throw new WorkReportParseError(
        `${departmentName} has two headings for the year ${second.year}; expected the prior year and the plan's year`,
        second.line.no,
        "sameYear",
        { department: departmentName, year: String(second.year) },
      );
    }
    [recordHeading, planHeading] = second.year > firstHeading.year ? [firstHeading, second] : [second, firstHeading];
  }

  const bodyOf = (heading: YearHeading): Line[] => {
    const next = headings.find((h) => h.index > heading.index);
    return content.slice(heading.index + 1, next?.index ?? content.length);
  };
  const record = recordHeading === null ? null : parseRecord(recordHeading, bodyOf(recordHeading));
  const planned = planHeading === null ? null : parsePlan(planHeading, bodyOf(planHeading));

  return {
    departmentName,
    heading: block.heading?.text ?? null,
    intro: joinTexts(introLines),
    sourceDocument: all.map((line) => line.raw).join("\n"),
    record,
    plan: planned?.plan ?? null,
    closing: planned?.closing ?? "",
  };
}

/**
 * Parses a work report: one or more departments, each optionally opened by a heading line
 * 「科技司:…」 (the first may have none; its name is read from its first line), an intro, the prior
 * year's record 「2017年重點工作情況」 with sections 「(一)…」, and the plan 「2018年工作思路」.
 * Throws WorkReportParseError when there is no recognisable plan.
 */
export function parseWorkReport(text: string): ParsedDepartmentReport[] {
  const lines = splitLines(text);
  if (lines.every(isBlank)) throw new WorkReportParseError("the text is empty", null, "empty");

  const blocks: Block[] = [];
  let current: Block = { heading: null, lines: [] };
  for (const line of lines) {
    if (!isBlank(line) && departmentHeadingName(line) !== null) {
      blocks.push(current);
      current = { heading: line, lines: [] };
    } else {
      current.lines.push(line);
    }
  }
  blocks.push(current);

  const departments = blocks
    .map((block) => ({
      heading: block.heading,
      // A headed block keeps blank lines right after its heading (they are part of its text).
      lines: block.heading === null ? trimBlankLines(block.lines) : trimTrailingBlankLines(block.lines),
    }))
    .filter((block) => block.heading !== null || block.lines.length > 0)
    .map(parseDepartment);

  if (!departments.some((department) => department.plan !== null)) {
    throw new WorkReportParseError(
      "no recognisable plan: expected a heading such as 「2018年工作思路」 followed by the plan",
      null,
      "noPlan",
    );
  }
  return departments;
}
