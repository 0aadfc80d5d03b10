import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  parseWorkReport,
  WorkReportParseError,
  type ParsedDepartmentReport,
  type ParsedItem,
  type ParsedPlan,
  type ParsedTheme,
} from "./parse-work-report";

const SOURCE = readFileSync(
  new URL("../../../../prisma/seed/work-report-2017-2018.zh-Hant.txt", import.meta.url),
  "utf8",
);
const LINES = SOURCE.split("\n");

function defined<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`expected ${what}`);
  return value;
}

function department(reports: readonly ParsedDepartmentReport[], name: string): ParsedDepartmentReport {
  return defined(
    reports.find((report) => report.departmentName === name),
    `department ${name}`,
  );
}

function planOf(report: ParsedDepartmentReport): ParsedPlan {
  return defined(report.plan, `${report.departmentName}'s plan`);
}

function recordOf(report: ParsedDepartmentReport): ParsedPlan {
  return defined(report.record, `${report.departmentName}'s record`);
}

function theme(plan: ParsedPlan, ordinal: number): ParsedTheme {
  return defined(
    plan.themes.find((t) => t.ordinal === ordinal),
    `theme ${ordinal}`,
  );
}

function item(items: readonly ParsedItem[], ordinal: number): ParsedItem {
  return defined(
    items.find((i) => i.ordinal === ordinal),
    `item ${ordinal}`,
  );
}

function allItems(report: ParsedDepartmentReport): ParsedItem[] {
  const plans = [report.record, report.plan].filter((p): p is ParsedPlan => p !== null);
  return plans.flatMap((plan) => [...plan.items, ...plan.themes.flatMap((t) => t.items)]);
}

function planItems(report: ParsedDepartmentReport): ParsedItem[] {
  const plan = planOf(report);
  return [...plan.items, ...plan.themes.flatMap((t) => t.items)];
}

const reports = parseWorkReport(SOURCE);
const policy = department(reports, "產業政策司");
const tech = department(reports, "科技司");

describe("parseWorkReport on the 2017–2018 source", () => {
  it("finds the two departments in order", () => {
    expect(reports.map((r) => r.departmentName)).toEqual(["產業政策司", "科技司"]);
    expect(policy.heading).toBeNull();
    expect(tech.heading).toBe("科技司:聚焦技術創新 推動工業和信息化科技工作取得新成效");
  });

  it("keeps each department's lines exactly as in the file", () => {
    expect(policy.sourceDocument).toBe(LINES.slice(0, 11).join("\n"));
    expect(tech.sourceDocument).toBe(LINES.slice(11, 25).join("\n"));
    expect(`${policy.sourceDocument}\n${tech.sourceDocument}`).toBe(SOURCE);
  });

  it("reads the intros", () => {
    expect(policy.intro).toBe(LINES[0]);
    expect(tech.intro).toBe(LINES[12]);
  });

  it("reads 產業政策司's 2017 record: seven sections, each one item", () => {
    const record = recordOf(policy);
    expect(record.year).toBe(2017);
    expect(record.heading).toBe("2017年重點工作情況");
    expect(record.themes).toEqual([]);
    expect(record.items.map((i) => i.ordinal)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const first = item(record.items, 1);
    expect(first.title).toBe("創新思路,加強產業政策研究工作");
    expect(first.originalText).toBe(LINES[2]);
    expect(first.sourceParagraph).toBe(LINES[2]);
    expect(first.target).toBeNull();
    expect(item(record.items, 7).title).toBe("開展政策文件公平競爭審查和反壟斷審查,營造公平競爭的市場環境");
  });

  it("reads 產業政策司's 2018 plan: seven 圍繞 goals directly under the plan", () => {
    const plan = planOf(policy);
    expect(plan.year).toBe(2018);
    expect(plan.heading).toBe("2018年工作思路");
    expect(plan.themes).toEqual([]);
    expect(plan.items).toHaveLength(7);
    expect(plan.items.map((i) => i.ordinal)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(plan.preamble.startsWith("2018年產業政策工作將圍繞學習貫徹落實黨的十九大")).toBe(true);
    expect(plan.preamble.endsWith("落實中國制造2025和建設制造強國、網絡強國戰略。")).toBe(true);
    for (const goal of plan.items) {
      expect(goal.originalText.startsWith("圍繞")).toBe(true);
      expect(goal.sourceParagraph).toBe(LINES[10]);
      expect(goal.target).toBeNull();
    }

    const first = item(plan.items, 1);
    expect(first.originalText).toBe("圍繞“產業政策要準”,加強產業政策創新轉型和頂層設計");
    expect(first.title).toBe("加強產業政策創新轉型和頂層設計");
    const last = item(plan.items, 7);
    expect(last.originalText).toBe("圍繞提高對外開放水平,推動形成產業開放新格局");
    expect(last.title).toBe("推動形成產業開放新格局");

    expect(policy.closing).toBe("為實現制造業轉型升級和制造強國建設提供有力支撐。");
  });

  it("reads 科技司's 2017 record: five sections", () => {
    const record = recordOf(tech);
    expect(record.heading).toBe("2017年重點工作和成效");
    expect(record.items).toHaveLength(5);
    expect(record.themes).toEqual([]);
    expect(item(record.items, 5).title).toBe("加快質量品牌建設,促進產業提質增效");
    expect(item(record.items, 5).originalText).toBe(LINES[18]);
  });

  it("reads 科技司's 2018 plan: three themes of five items", () => {
    const plan = planOf(tech);
    expect(plan.year).toBe(2018);
    expect(plan.heading).toBe("2018年工作思路和目標");
    expect(plan.preamble).toBe(LINES[20]);
    expect(plan.items).toEqual([]);
    expect(plan.themes.map((t) => t.title)).toEqual([
      "著力推進中國制造向中國創造轉變",
      "著力推進中國速度向中國質量轉變",
      "著力推進制造大國向制造強國轉變",
    ]);
    expect(plan.themes.map((t) => t.ordinal)).toEqual([1, 2, 3]);
    for (const t of plan.themes) expect(t.items.map((i) => i.ordinal)).toEqual([1, 2, 3, 4, 5]);
    expect(theme(plan, 1).intro).toBe("進一步完善以企業為主體、市場為導向、產學研深度融合的制造業技術創新體系。");
    expect(theme(plan, 3).intro).toBe(
      "統籌產學研,發展高技術,促進產業化,突破行業關鍵共性技術,推動科技創新能力轉變為產業實力。",
    );
    expect(theme(plan, 2).sourceParagraph).toBe(LINES[22]);
    expect(tech.closing).toBe(LINES[24]);
  });

  it("keeps the exact wording of the items, without the 一是 marker", () => {
    const plan = planOf(tech);
    const t1i1 = item(theme(plan, 1).items, 1);
    expect(t1i1.originalText).toBe(
      "以提高制造業創新能力、提升產業核心競爭力為目標,圍繞關鍵共性技術集聚創新資源,聚焦戰略性、引領性、重大基礎共性需求,建設3家左右國家制造業創新中心,開展已認定國家制造業創新中心的考核、評估工作。",
    );
    expect(t1i1.title).toBe("以提高制造業創新能力、提升產業核心競爭力為目標");
    expect(t1i1.target).toEqual({ value: 3, unit: "家", approximate: true, text: "3家左右" });
    expect(t1i1.sourceParagraph).toBe(LINES[21]);

    const t1i2 = item(theme(plan, 1).items, 2);
    expect(t1i2.title).toBe("推進國家技術創新示范企業工作");

    const t2i3 = item(theme(plan, 2).items, 3);
    expect(t2i3.originalText).toBe(
      "組織開展工業產品質量提升行動,形成合力,補足質量發展短板。推廣行業適用的質量管理方法,加快完善適合行業特點的質量管理體系。",
    );
    expect(t2i3.title).toBe("組織開展工業產品質量提升行動");

    const t3i5 = item(theme(plan, 3).items, 5);
    expect(t3i5.originalText).toBe(
      "做好部重點實驗室等認定工作,支持部屬高校參與實施國家重點研發計劃等重大科研項目,提升部屬高校和部屬單位技術創新能力。加強部門之間的溝通協調,繼續開展擴大自主權試點。推動部屬高校科研誠信建設,促進大型科研基礎設施和科學儀器開放共享。",
    );
    expect(t3i5.title).toBe("做好部重點實驗室等認定工作");
  });

  it("keeps every item's wording verbatim from the source", () => {
    for (const report of reports) {
      for (const i of allItems(report)) {
        expect(SOURCE).toContain(i.originalText);
        expect(i.sourceParagraph).toContain(i.originalText);
        expect(LINES).toContain(i.sourceParagraph);
        expect(i.title.length).toBeGreaterThan(0);
      }
    }
  });

  it("finds exactly one target in the 2018 plans: 3 家, approximate", () => {
    const targets = reports.flatMap(planItems).flatMap((i) => (i.target === null ? [] : [i.target]));
    expect(targets).toEqual([{ value: 3, unit: "家", approximate: true, text: "3家左右" }]);
  });

  it("parses a single department's text the same as within the whole file", () => {
    expect(parseWorkReport(LINES.slice(11, 25).join("\n"))).toEqual([tech]);
    expect(parseWorkReport(LINES.slice(0, 11).join("\n"))).toEqual([policy]);
  });

  it("accepts CRLF line breaks, blank lines at the ends and fullwidth punctuation", () => {
    const crlf = `\n${LINES.slice(11, 25).join("\r\n")}\r\n\r\n`;
    const [parsed] = parseWorkReport(crlf);
    expect(parsed).toEqual(tech);

    const fullwidth = LINES.slice(11, 25)
      .join("\n")
      .replace(/:/gu, ":")
      .replace(/\(([一二三四五])\)/gu, "($1)")
      .replace(/;/gu, ";");
    const [converted] = parseWorkReport(fullwidth);
    const plan = planOf(defined(converted, "converted department"));
    expect(plan.themes).toHaveLength(3);
    expect(plan.themes.map((t) => t.items.length)).toEqual([5, 5, 5]);
    expect(item(theme(plan, 2).items, 3).title).toBe("組織開展工業產品質量提升行動");
  });

  it("does not take 是 in running text for an item marker", () => {
    const text = [
      "測試司:示例",
      "創新是引領發展的第一動力,是建設現代化經濟體系的戰略支撐。",
      "2018年工作思路",
      "(一)推進統一是關鍵。總的要求是穩中求進。一是完成甲工作,同一是非標準。二是推進乙工作。",
    ].join("\n");
    const [parsed] = parseWorkReport(text);
    const report = defined(parsed, "the department");
    expect(report.departmentName).toBe("測試司");
    expect(report.record).toBeNull();
    const t = theme(planOf(report), 1);
    expect(t.title).toBe("推進統一是關鍵");
    expect(t.intro).toBe("總的要求是穩中求進。");
    expect(t.items.map((i) => i.originalText)).toEqual(["完成甲工作,同一是非標準。", "推進乙工作。"]);
  });

  it("rejects text without a recognisable plan", () => {
    expect(() => parseWorkReport("")).toThrow(WorkReportParseError);
    expect(() => parseWorkReport("hello world\nthis is not a work report")).toThrow(WorkReportParseError);
    expect(() => parseWorkReport("科技司:標題\n只有一段介紹。")).toThrow(/2018年工作思路/u);
    // A record but no plan.
    expect(() => parseWorkReport(LINES.slice(11, 19).join("\n"))).toThrow(WorkReportParseError);
    // A plan heading with nothing that reads as items.
    expect(() => parseWorkReport("科技司:標題\n2018年工作思路\n繼續努力。")).toThrow(WorkReportParseError);
  });

  it("says on which line the problem is", () => {
    try {
      parseWorkReport("科技司:標題\n介紹。\n2018年工作思路\n繼續努力。");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(WorkReportParseError);
      expect(error instanceof WorkReportParseError ? error.line : null).toBe(3);
    }
  });
});
