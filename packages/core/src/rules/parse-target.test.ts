import { describe, expect, it } from "vitest";
import { parseTarget } from "./parse-target";

describe("parseTarget", () => {
  it("reads the plan's target", () => {
    expect(parseTarget("建設3家左右國家制造業創新中心")).toEqual({
      value: 3,
      unit: "家",
      approximate: true,
      text: "3家左右",
    });
  });

  it.each([
    ["認定24個工業和信息化部重點實驗室", { value: 24, unit: "個", approximate: false, text: "24個" }],
    ["認定11項國家工業遺產", { value: 11, unit: "項", approximate: false, text: "11項" }],
    ["发布实施3项国家标准", { value: 3, unit: "项", approximate: false, text: "3项" }],
    ["遴選第二批制造業單項冠軍企業71家", { value: 71, unit: "家", approximate: false, text: "71家" }],
    ["意向投資額311.7億元", { value: 311.7, unit: "億元", approximate: false, text: "311.7億元" }],
    ["安排資金500萬元", { value: 500, unit: "萬元", approximate: false, text: "500萬元" }],
    ["比例超過90%", { value: 90, unit: "%", approximate: true, text: "超過90%" }],
    ["累計參會企業近650家", { value: 650, unit: "家", approximate: true, text: "近650家" }],
    ["約1,200人", { value: 1200, unit: "人", approximate: true, text: "約1,200人" }],
    ["大約30所高校", { value: 30, unit: "所", approximate: true, text: "大約30所" }],
    ["組織1600多家企業", { value: 1600, unit: "家", approximate: true, text: "1600多家" }],
    ["遴選一批", null],
  ])("%s", (text, expected) => {
    expect(parseTarget(text)).toEqual(expected);
  });

  it("takes the first quantity", () => {
    expect(parseTarget("新增34家試點單位和10個領域")?.text).toBe("34家");
  });

  it.each([
    "貫徹落實《中國制造2025》",
    "組織實施《促進新一代人工智能產業發展三年行動計劃(2018-2020年)》",
    "2018年,科技司將按照部黨組決策部署",
    "按照2018年全國工業和信息化工作會議要求",
    "統籌推動5G發展,發布5G指導性文件",
    "推進科技創新2030-重大項目相關工作",
    "加快NB-IoT等窄帶物聯網技術應用",
    "發布了第23屆企業管理現代化創新成果,遴選第3批示范",
    "推動創新技術成為國際標準",
  ])("finds no target in %s", (text) => {
    expect(parseTarget(text)).toBeNull();
  });

  it("skips ignored numbers and finds the count after them", () => {
    expect(parseTarget("落實《中國制造2025》,建設5G示范區10個")).toEqual({
      value: 10,
      unit: "個",
      approximate: false,
      text: "10個",
    });
  });
});
