export { normalizeForSearch, toSimplified, toTraditional } from "./chinese";
export { parseTarget, type ParsedTarget } from "./parse-target";
export {
  parseWorkReport,
  WorkReportParseError,
  type ParsedDepartmentReport,
  type ParsedItem,
  type ParsedPlan,
  type ParsedTheme,
  type WorkReportProblem,
} from "./parse-work-report";
