// The year-end report draft (年度工作總結), pure: from a department's plan of a year (its themes and
// initiatives with their close-out, measured values and last approved reports) and the next year's
// plan, a document in the structure of the source this app was seeded from — an opening paragraph,
// "YYYY年重點工作情況" with a numbered section (一)(二)… per theme or goal, then "YYYY+1年工作計劃".
// Written in Traditional characters like the source; what staff wrote is quoted as written. The plain
// text reads back through parseWorkReport (the plan import), so the department edits it and imports
// the next year's plan from it.

export const OUTCOME_WORDS: Record<string, string> = {
  ACHIEVED: "已完成",
  PARTLY_ACHIEVED: "部分完成",
  NOT_ACHIEVED: "未完成",
  DROPPED: "已取消",
};

export interface DraftInitiative {
  code: string;
  title: string;
  originalText: string;
  progress: number;
  targetValue: number | null;
  targetUnit: string | null;
  targetApproximate: boolean;
  measuredValue: number | null;
  outcome: string | null;
  closingNote: string | null;
  /** The next year's initiative it was carried into, if any. */
  carriedInto: string | null;
  /** Work done of the last approved reports, oldest first. */
  lastReports: string[];
}

export interface DraftTheme {
  title: string;
  intro: string;
  initiatives: DraftInitiative[];
}

export interface DraftPlanItem {
  originalText: string;
}

export interface DraftNextPlan {
  year: number;
  preamble: string;
  themes: { title: string; intro: string; items: DraftPlanItem[] }[];
  items: DraftPlanItem[];
  /** True when the next year has no plan in the system yet: the items are this year's unfinished ones. */
  proposed: boolean;
}

export interface AnnualDraftInput {
  year: number;
  /** The department's name as the source writes it (Traditional), e.g. 產業政策司. */
  departmentName: string;
  themes: DraftTheme[];
  /** Initiatives directly under the plan (no theme): each is a section of its own. */
  initiatives: DraftInitiative[];
  next: DraftNextPlan;
}

export interface AnnualDraftSection {
  /** "(一)" */
  marker: string;
  heading: string;
  body: string;
}

export interface AnnualDraft {
  title: string;
  opening: string;
  recordHeading: string;
  sections: AnnualDraftSection[];
  planHeading: string;
  planPreamble: string;
  /** The plan's lines as the parser reads them: one per theme, or one sentence of goals. */
  planLines: string[];
}

const NUMERALS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/** 1 → 一, 12 → 十二, 25 → 二十五 (1–99), as the source numbers its sections and items. */
export function chineseNumeral(n: number): string {
  if (n < 10) return NUMERALS[n] ?? "";
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? "" : (NUMERALS[tens] ?? "")}十${NUMERALS[n % 10] ?? ""}`;
}

const ENDING = /[。;；,，:：\s]+$/u;

function sentence(text: string): string {
  const trimmed = text.trim().replace(ENDING, "");
  return trimmed === "" ? "" : `${trimmed}。`;
}

function amount(value: number, unit: string | null, approximate = false): string {
  return `${approximate ? "約" : ""}${value.toLocaleString("en-US")}${unit ?? ""}`;
}

/** What became of one initiative, in a sentence or two of the source's register. */
export function resultText(initiative: DraftInitiative, nextYear: number): string {
  const parts: string[] = [];
  parts.push(initiative.outcome ? (OUTCOME_WORDS[initiative.outcome] ?? initiative.outcome) : `完成進度${initiative.progress}%`);
  if (initiative.targetValue !== null) {
    const target = `目標${amount(initiative.targetValue, initiative.targetUnit, initiative.targetApproximate)}`;
    parts.push(initiative.measuredValue === null ? target : `${target},實際完成${amount(initiative.measuredValue, initiative.targetUnit)}`);
  }
  let text = sentence(parts.join(","));
  for (const work of initiative.lastReports) text += sentence(work);
  if (initiative.closingNote) text += sentence(initiative.closingNote);
  if (initiative.carriedInto) text += `已轉入${nextYear}年工作計劃繼續推進。`;
  return text;
}

function title(initiative: DraftInitiative): string {
  return initiative.title.trim().replace(ENDING, "");
}

/** A plan's goals as one sentence 「…;…。」 (the 產業政策司 form), or 「一是…二是…」 when a goal has its own 。 or ;. */
function goalsLine(items: readonly DraftPlanItem[]): string {
  const texts = items.map((i) => i.originalText.trim().replace(ENDING, ""));
  if (texts.length >= 2 && texts.every((t) => !/[。;；]/u.test(t))) return `${texts.join(";")}。`;
  return texts.map((t, i) => `${chineseNumeral(i + 1)}是${t}。`).join("");
}

export function buildAnnualDraft(input: AnnualDraftInput): AnnualDraft {
  const { year, departmentName, next } = input;
  const all = [...input.themes.flatMap((t) => t.initiatives), ...input.initiatives];
  const count = (outcome: string) => all.filter((i) => i.outcome === outcome).length;
  const carried = all.filter((i) => i.carriedInto !== null).length;
  const open = all.filter((i) => i.outcome === null).length;
  const tally = [
    `全年計劃重點任務${all.length}項`,
    `已完成${count("ACHIEVED")}項`,
    ...(count("PARTLY_ACHIEVED") > 0 ? [`部分完成${count("PARTLY_ACHIEVED")}項`] : []),
    ...(count("NOT_ACHIEVED") > 0 ? [`未完成${count("NOT_ACHIEVED")}項`] : []),
    ...(count("DROPPED") > 0 ? [`取消${count("DROPPED")}項`] : []),
    ...(open > 0 ? [`尚在推進${open}項`] : []),
    ...(carried > 0 ? [`轉入${next.year}年繼續推進${carried}項`] : []),
  ].join(",");
  const opening = `${year}年,工信部${departmentName}根據部黨組的工作部署,圍繞年度工作計劃扎實推進各項重點工作。${tally}。`;

  const sections: AnnualDraftSection[] = [];
  for (const theme of input.themes) {
    const body = theme.initiatives.map((i, n) => `${chineseNumeral(n + 1)}是${title(i)},${resultText(i, next.year)}`).join("");
    sections.push({ marker: `(${chineseNumeral(sections.length + 1)})`, heading: sentence(theme.title), body });
  }
  for (const initiative of input.initiatives) {
    sections.push({ marker: `(${chineseNumeral(sections.length + 1)})`, heading: sentence(title(initiative)), body: resultText(initiative, next.year) });
  }

  const planLines =
    next.themes.length > 0
      ? next.themes.map(
          (t, n) =>
            `(${chineseNumeral(n + 1)})${sentence(t.title)}${t.intro.trim()}${t.items.map((item, k) => `${chineseNumeral(k + 1)}是${sentence(item.originalText)}`).join("")}`,
        )
      : next.items.length > 0
        ? [goalsLine(next.items)]
        : [];
  const planPreamble =
    next.preamble.trim() ||
    (next.proposed
      ? `${next.year}年,${departmentName}將繼續推進以下重點工作(初稿,由本年度未完成的任務整理而成,請修改補充):`
      : `${next.year}年,${departmentName}將重點做好以下工作:`);

  return {
    title: `${departmentName}${year}年工作總結和${next.year}年工作計劃`,
    opening,
    recordHeading: `${year}年重點工作情況`,
    sections,
    planHeading: `${next.year}年工作計劃`,
    planPreamble,
    planLines,
  };
}

/** The draft as plain text, one paragraph a line, as the source is written and the plan import reads. */
export function annualDraftText(draft: AnnualDraft): string {
  return [
    draft.opening,
    draft.recordHeading,
    ...draft.sections.map((s) => `${s.marker}${s.heading}${s.body}`),
    draft.planHeading,
    draft.planPreamble,
    ...draft.planLines,
  ].join("\n") + "\n";
}
