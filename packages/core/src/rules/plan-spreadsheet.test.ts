import { describe, expect, it } from "vitest";
import {
  columnLetter,
  matchHeader,
  MAX_PLAN_ROWS,
  parseDate,
  parseTargetValue,
  parseYear,
  parseYesNo,
  PLAN_HEADERS,
  splitCodes,
  validatePlanRows,
  type PlanColumnKey,
  type SheetRow,
} from "./plan-spreadsheet";

const context = { departmentCodes: ["KJS", "CYZCS", "GXS"], existingPlans: [{ departmentCode: "KJS", year: 2018 }] };

let nextRow = 2;
function row(cells: Partial<Record<PlanColumnKey, string>>, at?: number): SheetRow {
  const number = at ?? nextRow++;
  return {
    row: number,
    cells: {
      departmentCode: "KJS",
      year: "2031",
      themeNo: "1",
      theme: "著力推進中國制造向中國創造轉變",
      itemNo: "1",
      title: "建設製造業創新中心",
      originalText: "建設3家左右國家制造業創新中心。",
      target: "3",
      unit: "家",
      approximate: "是",
      dueDate: "2031-12-31",
      cooperating: "",
      ...cells,
    },
  };
}

function errorsOf(rows: SheetRow[]) {
  const result = validatePlanRows(rows, context);
  if (result.ok) throw new Error("expected errors");
  return result.errors.map((e) => [e.row, e.column, e.key]);
}

describe("the header row", () => {
  it("recognises the template's own headers, in any order", () => {
    const reversed = [...PLAN_HEADERS].reverse();
    const result = matchHeader(reversed);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.columns.cooperating).toBe(0);
      expect(result.columns.departmentCode).toBe(11);
    }
  });

  it("accepts Chinese only, English only, Traditional and full-width variants", () => {
    const headers = ["部门代码", "Year", "主題序號", "主题 Theme", "序号", "Short title", "原文", "目标值", "單位", "约数（是/否）", "due date", "协办司局 Co-operating departments"];
    expect(matchHeader(headers).ok).toBe(true);
  });

  it("names a missing, an unknown and a duplicated column", () => {
    const headers = [...PLAN_HEADERS];
    headers[10] = "到期 Deadline";
    headers.push("年度 Year");
    const result = matchHeader(headers);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toEqual([
        { row: 1, column: null, key: "header.unknown", params: { text: "到期 Deadline", cell: "K" } },
        { row: 1, column: "year", key: "header.duplicate", params: { cell: "M" } },
        { row: 1, column: "dueDate", key: "header.missing" },
      ]);
    }
  });

  it("says so when the first row is data, not a header", () => {
    const result = matchHeader(["KJS", "2031", "1", "主題"]);
    expect(result).toEqual({ ok: false, errors: [{ row: 1, column: null, key: "header.notFound" }] });
  });

  it("letters columns as spreadsheets do", () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(["A", "Z", "AA", "AB", "ZZ", "AAA"]);
  });
});

describe("cells", () => {
  it("reads dates however they were typed, and only real ones", () => {
    expect(parseDate("2031-06-30")).toBe("2031-06-30");
    expect(parseDate("2031/6/3")).toBe("2031-06-03");
    expect(parseDate("2031.6.30")).toBe("2031-06-30");
    expect(parseDate("2031年6月30日")).toBe("2031-06-30");
    expect(parseDate("２０３１－０６－３０")).toBe("2031-06-30");
    expect(parseDate("2031-06-30T00:00:00.000Z")).toBe("2031-06-30");
    expect(parseDate("47664")).toBe("2030-06-30"); // an Excel day number
    expect(parseDate("2031-02-30")).toBeNull();
    expect(parseDate("2031-13-01")).toBeNull();
    expect(parseDate("next June")).toBeNull();
    expect(parseDate("30/06/2031")).toBeNull();
  });

  it("reads years and numbers typed as text or full-width", () => {
    expect(parseYear("2031")).toBe(2031);
    expect(parseYear("２０３１年")).toBe(2031);
    expect(parseYear("2031.0")).toBe(2031);
    expect(parseYear("31")).toBeNull();
    expect(parseTargetValue("1,200")).toBe(1200);
    expect(parseTargetValue("３.５")).toBe(3.5);
    expect(parseTargetValue("0.30000000000000004")).toBe(0.3);
    expect(parseTargetValue("3.125")).toBeNull();
    expect(parseTargetValue("-3")).toBeNull();
    expect(parseTargetValue("三")).toBeNull();
    expect(parseTargetValue("1000000000000")).toBeNull();
  });

  it("reads yes and no, and splits codes on any separator", () => {
    expect(["是", "Y", "yes", "TRUE", ""].map(parseYesNo)).toEqual([true, true, true, true, false]);
    expect(["否", "no", "0"].map(parseYesNo)).toEqual([false, false, false]);
    expect(parseYesNo("maybe")).toBeNull();
    expect(splitCodes("kjs, CYZCS，GXS、 XYZ;abc")).toEqual(["KJS", "CYZCS", "GXS", "XYZ", "ABC"]);
  });
});

describe("validatePlanRows", () => {
  it("turns valid rows into plans, themes and initiatives", () => {
    const result = validatePlanRows(
      [
        row({ itemNo: "1", cooperating: "cyzcs, GXS" }, 2),
        row({ itemNo: "2", target: "", unit: "", approximate: "", dueDate: "" }, 3),
        row({ themeNo: "2", theme: "推進綠色製造", itemNo: "1", target: "1,200", approximate: "否" }, 4),
        row({ themeNo: "", theme: "", itemNo: "1", dueDate: "2032/3/31" }, 6),
        row({ departmentCode: "cyzcs", themeNo: "", theme: "", itemNo: "1", cooperating: "KJS" }, 7),
        { row: 5, cells: { departmentCode: "  ", year: "" } },
      ],
      context,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.plans.map((p) => [p.departmentCode, p.year, p.row, p.initiatives.length])).toEqual([
      ["KJS", 2031, 2, 4],
      ["CYZCS", 2031, 7, 1],
    ]);
    const [kjs] = result.plans;
    expect(kjs?.themes).toEqual([
      { ordinal: 1, title: "著力推進中國制造向中國創造轉變" },
      { ordinal: 2, title: "推進綠色製造" },
    ]);
    expect(kjs?.initiatives[0]).toEqual({
      row: 2,
      themeOrdinal: 1,
      ordinal: 1,
      title: "建設製造業創新中心",
      originalText: "建設3家左右國家制造業創新中心。",
      target: { value: 3, unit: "家", approximate: true },
      dueDate: "2031-12-31",
      cooperatingCodes: ["CYZCS", "GXS"],
    });
    expect(kjs?.initiatives[1]).toMatchObject({ target: null, dueDate: "2031-12-31" });
    expect(kjs?.initiatives[2]).toMatchObject({ themeOrdinal: 2, target: { value: 1200, unit: "家", approximate: false } });
    expect(kjs?.initiatives[3]).toMatchObject({ themeOrdinal: null, dueDate: "2032-03-31" });
  });

  it("lists every error of every row, with its row and column, in sheet order", () => {
    expect(
      errorsOf([
        row({ departmentCode: "", year: "" }, 2),
        row({ departmentCode: "XYZ", year: "1999", itemNo: "0" }, 3),
        row({ year: "twenty", title: "", originalText: "" }, 4),
        row({ itemNo: "5", target: "three", approximate: "maybe", dueDate: "2031-02-30" }, 5),
        row({ itemNo: "6", target: "", unit: "家", approximate: "是" }, 6),
        row({ itemNo: "7", target: "3", unit: "", dueDate: "2030-12-31" }, 7),
        row({ itemNo: "8", cooperating: "KJS, NOPE" }, 8),
      ]),
    ).toEqual([
      [2, "departmentCode", "required"],
      [2, "year", "required"],
      [3, "departmentCode", "department.unknown"],
      [3, "year", "year.range"],
      [3, "itemNo", "ordinal.invalid"],
      [4, "year", "year.invalid"],
      [4, "title", "required"],
      [4, "originalText", "required"],
      [5, "target", "target.invalid"],
      [5, "approximate", "approximate.invalid"],
      [5, "dueDate", "dueDate.invalid"],
      [6, "target", "target.required"],
      [6, "approximate", "approximate.withoutTarget"],
      [7, "unit", "unit.required"],
      [7, "dueDate", "dueDate.beforeYear"],
      [8, "cooperating", "cooperating.lead"],
      [8, "cooperating", "cooperating.unknown"],
    ]);
  });

  it("keeps theme numbers and titles consistent, and item numbers unique within a theme", () => {
    expect(
      errorsOf([
        row({ itemNo: "1" }, 2),
        row({ itemNo: "1" }, 3),
        row({ theme: "另一個主題", itemNo: "2" }, 4),
        row({ themeNo: "2", itemNo: "3" }, 5),
        row({ themeNo: "", itemNo: "4" }, 6),
        row({ theme: "", itemNo: "5" }, 7),
        row({ themeNo: "", theme: "", itemNo: "1" }, 8),
        row({ departmentCode: "CYZCS", itemNo: "1" }, 9),
      ]),
    ).toEqual([
      [3, "itemNo", "item.duplicate"],
      [4, "theme", "theme.inconsistent"],
      [5, "themeNo", "theme.duplicateTitle"],
      [6, "themeNo", "theme.numberRequired"],
      [7, "theme", "theme.titleRequired"],
    ]);
    const result = validatePlanRows([row({ itemNo: "1" }, 2), row({ itemNo: "1" }, 3)], context);
    expect(result.ok ? null : result.errors[0]?.params).toEqual({ no: 1, firstRow: 2 });
  });

  it("refuses a plan that exists already, once, on its first row", () => {
    const result = validatePlanRows([row({ year: "2018", dueDate: "" }, 2), row({ year: "2018", itemNo: "2", dueDate: "" }, 3)], context);
    expect(result).toEqual({ ok: false, errors: [{ row: 2, column: "year", key: "plan.exists", params: { code: "KJS", year: 2018 } }] });
  });

  it("refuses over-long text with its limit", () => {
    const result = validatePlanRows([row({ title: "長".repeat(201) }, 2)], context);
    expect(result).toEqual({ ok: false, errors: [{ row: 2, column: "title", key: "text.tooLong", params: { max: 200 } }] });
  });

  it("refuses a sheet with no rows, or too many", () => {
    expect(validatePlanRows([{ row: 2, cells: {} }], context)).toEqual({ ok: false, errors: [{ row: null, column: null, key: "rows.none" }] });
    const many = Array.from({ length: MAX_PLAN_ROWS + 1 }, (_, i) => row({ itemNo: String((i % 999) + 1) }, i + 2));
    const result = validatePlanRows(many, context);
    expect(result.ok ? null : result.errors.map((e) => e.key)).toEqual(["rows.tooMany"]);
  });
});
